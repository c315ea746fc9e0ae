package org.ocn.node.router.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.ModuleId;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.spi.routing.OcpiRequest;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The body of {@code POST /ocn/message}, the reference node's node-to-node request (ocn-protocol.md §2.8): its
 * {@code OcpiRequestVariables} as compact JSON, fields in the reference's order, nulls left out:
 * <pre>
 * {"module":"LOCATIONS","interface_role":"SENDER","method":"GET",
 *  "headers":{"Authorization":"","OCN-Signature":"...","X-Request-ID":"...","X-Correlation-ID":"...",
 *             "sender":{"party_id":"MSP","country_code":"DE"},"receiver":{"party_id":"CPB","country_code":"CH"}},
 *  "url_path":"1","query_params":{"limit":"4"},"proxy_uid":"...","proxy_resource":"...","custom_module_id":"...",
 *  "body":{...}}
 * </pre>
 * The party's body is written into {@code body} as it was received, byte for byte (decisions §7), and read back out
 * the same way; a body that is not JSON travels as a JSON string.
 *
 * @param module        the reference's module enum name ({@code LOCATIONS}, ..., {@code CUSTOM})
 * @param customModule  the custom module identifier, when module is {@code CUSTOM}
 * @param role          the interface
 * @param method        the HTTP method
 * @param signature     the party's {@code OCN-Signature}, or null
 * @param requestId     the sender's {@code X-Request-ID}
 * @param correlationId the sender's {@code X-Correlation-ID}
 * @param sender        the sending party
 * @param receiver      the receiving party
 * @param urlPath       the path after the module's endpoint, without leading slash, or null
 * @param queryParams   the query parameters, decoded, or empty
 * @param proxyUid      with {@code proxyResource}: "store this resource under this id" (a response_url), or null
 * @param proxyResource the target URL of a proxied request, or the resource to store, or null
 * @param body          the body as received, empty when none
 */
record NodeMessage(String module, String customModule, InterfaceRole role, String method, String signature,
                   String requestId, String correlationId, PartyId sender, PartyId receiver, String urlPath,
                   Map<String, String> queryParams, String proxyUid, String proxyResource, byte[] body) {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The reference's enum name of a module identifier; custom modules are CUSTOM. */
    static String moduleName(String identifier) {
        return ModuleId.fromIdentifier(identifier).map(Enum::name).orElse("CUSTOM");
    }

    /** The module identifier of a reference enum name (and custom module id). */
    static String identifier(String moduleName, String customModule) {
        if ("CUSTOM".equals(moduleName)) {
            return customModule;
        }
        return ModuleId.valueOf(moduleName).identifier();
    }

    /** @return the message for a routed request */
    static NodeMessage of(OcpiRequest request, String proxyUid, String proxyResource) {
        String path = request.path().startsWith("/") ? request.path().substring(1) : request.path();
        String module = moduleName(request.module());
        return new NodeMessage(module, module.equals("CUSTOM") ? request.module() : null, request.role(),
                request.method(), request.header("ocn-signature"), request.requestId(), request.correlationId(),
                request.sender(), request.receiver(), path.isEmpty() ? null : path, Signatures.queryParameters(request.query()), proxyUid,
                proxyResource, request.body());
    }

    /** @return the message's bytes, the exact bytes the node signs and sends */
    byte[] toBytes(JsonBodies json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 512);
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("module", module);
            g.writeStringField("interface_role", role.name());
            g.writeStringField("method", method);
            g.writeObjectFieldStart("headers");
            g.writeStringField("Authorization", "");
            if (signature != null) {
                g.writeStringField("OCN-Signature", signature);
            }
            g.writeStringField("X-Request-ID", requestId);
            g.writeStringField("X-Correlation-ID", correlationId);
            party(g, "sender", sender);
            party(g, "receiver", receiver);
            g.writeEndObject();
            if (urlPath != null) {
                g.writeStringField("url_path", urlPath);
            }
            if (!queryParams.isEmpty()) {
                g.writeObjectFieldStart("query_params");
                for (Map.Entry<String, String> e : queryParams.entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
            }
            if (proxyUid != null) {
                g.writeStringField("proxy_uid", proxyUid);
            }
            if (proxyResource != null) {
                g.writeStringField("proxy_resource", proxyResource);
            }
            if (customModule != null) {
                g.writeStringField("custom_module_id", customModule);
            }
            if (body.length > 0) {
                g.writeFieldName("body");
                if (json.isJson(body)) {
                    g.writeRawValue(new String(body, StandardCharsets.UTF_8));
                } else {
                    g.writeString(new String(body, StandardCharsets.UTF_8));
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static void party(JsonGenerator g, String name, PartyId party) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("party_id", party.partyId());
        g.writeStringField("country_code", party.countryCode());
        g.writeEndObject();
    }

    /**
     * Reads a message.
     *
     * @throws IllegalArgumentException with the reason when it is not one
     */
    static NodeMessage parse(byte[] bytes) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("the message is not JSON: " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("the message is not a JSON object");
        }
        JsonNode headers = tree.path("headers");
        try {
            String module = text(tree, "module").toUpperCase(Locale.ROOT);
            String custom = optional(tree, "custom_module_id");
            if (module.equals("CUSTOM") && custom == null) {
                throw new IllegalArgumentException("custom_module_id is required for module CUSTOM");
            }
            if (!module.equals("CUSTOM")) {
                ModuleId.valueOf(module);
            }
            Map<String, String> params = new LinkedHashMap<>();
            tree.path("query_params").fields().forEachRemaining(e -> params.put(e.getKey(),
                    e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
            return new NodeMessage(module, custom, InterfaceRole.valueOf(text(tree, "interface_role").toUpperCase(Locale.ROOT)),
                    text(tree, "method").toUpperCase(Locale.ROOT), optional(headers, "OCN-Signature"),
                    text(headers, "X-Request-ID"), text(headers, "X-Correlation-ID"), party(headers.path("sender")),
                    party(headers.path("receiver")), optional(tree, "url_path"), params, optional(tree, "proxy_uid"),
                    optional(tree, "proxy_resource"), rawBody(bytes));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a node message: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return v.asText();
    }

    private static String optional(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static PartyId party(JsonNode node) {
        return PartyId.of(text(node, "country_code"), text(node, "party_id"));
    }

    /** @return the bytes of the top-level body value, as they stand in the message */
    private static byte[] rawBody(byte[] message) {
        try (JsonParser p = FACTORY.createParser(message)) {
            p.nextToken();
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("body")) {
                    if (value == JsonToken.VALUE_NULL) {
                        return new byte[0];
                    }
                    int start = (int) p.currentTokenLocation().getByteOffset();
                    if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                        p.skipChildren();
                    } else {
                        p.getText();
                    }
                    int end = (int) p.currentLocation().getByteOffset();
                    byte[] body = new byte[end - start];
                    System.arraycopy(message, start, body, 0, body.length);
                    return body;
                }
                p.skipChildren();
            }
            return new byte[0];
        } catch (IOException e) {
            throw new IllegalArgumentException("the message is not JSON: " + e.getMessage(), e);
        }
    }

    /** @return the request this message asks the receiving node to make to its local party */
    OcpiRequest toRequest(org.ocn.node.api.ocpi.VersionNumber version) {
        Map<String, String> headers = OcpiHeaders.routing(requestId, correlationId, sender, receiver);
        if (signature != null) {
            headers.put(OcpiHeaders.SIGNATURE, signature);
        }
        if (body.length > 0) {
            headers.put(OcpiHeaders.CONTENT_TYPE, "application/json");
        }
        StringBuilder query = new StringBuilder();
        queryParams.forEach((k, v) -> query.append(query.length() == 0 ? "" : "&")
                .append(java.net.URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return new OcpiRequest(method, version, identifier(module, customModule), role,
                urlPath == null ? "" : "/" + urlPath, query.length() == 0 ? null : query.toString(), headers, body,
                sender, receiver);
    }
}
