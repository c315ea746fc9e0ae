package org.ocn.node.web.json;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.ocn.node.api.ocpi.BusinessDetails;
import org.ocn.node.api.ocpi.Credentials;
import org.ocn.node.api.ocpi.CredentialsRole;
import org.ocn.node.api.ocpi.Endpoint;
import org.ocn.node.api.ocpi.Image;
import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.OcpiResponse;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.api.ocpi.Version;
import org.ocn.node.api.ocpi.VersionDetails;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads and writes OCPI JSON. Mapping is written out by hand, field by field, so that OCPI's names and rules are
 * visible here and every rejection names the field; no annotations leak into the plain API types.
 *
 * <p>Thread-safe; create one per component (it owns its {@link ObjectMapper}).
 */
public final class OcpiJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper mapper;

    public OcpiJson() {
        mapper = new ObjectMapper();
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(200).build());
        mapper.configure(JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION, false);
    }

    /** @return the mapper, for writing trees */
    public ObjectMapper mapper() {
        return mapper;
    }

    // ---------------------------------------------------------------- reading

    /**
     * @return the parsed JSON document
     * @throws InvalidPayloadException if the bytes are not one valid JSON document
     */
    public JsonNode parse(byte[] body) throws InvalidPayloadException {
        if (body.length == 0) {
            throw new InvalidPayloadException("the body is empty; a JSON document is required");
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidPayloadException("the body is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidPayloadException("the body could not be read: " + e.getMessage(), e);
        }
    }

    /** @see #parse(byte[]) */
    public JsonNode parse(InputStream body) throws InvalidPayloadException {
        try {
            return parse(body.readAllBytes());
        } catch (IOException e) {
            throw new InvalidPayloadException("the body could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads an OCPI response envelope.
     *
     * @return the envelope, with {@code data} as a tree ({@code null} when absent or JSON null)
     * @throws InvalidPayloadException if it is not an envelope
     */
    public OcpiResponse<JsonNode> readEnvelope(JsonNode json) throws InvalidPayloadException {
        if (!json.isObject()) {
            throw new InvalidPayloadException("the response is not an OCPI envelope (a JSON object)");
        }
        JsonNode code = json.get("status_code");
        if (code == null || !code.canConvertToInt() || !code.isIntegralNumber()) {
            throw new InvalidPayloadException("status_code: missing or not an integer");
        }
        JsonNode message = json.get("status_message");
        JsonNode data = json.get("data");
        JsonNode ts = json.get("timestamp");
        Instant timestamp = Instant.now();
        if (ts != null && ts.isTextual()) {
            timestamp = parseDateTime(ts.asText()).orElse(timestamp);
        }
        return new OcpiResponse<>(code.asInt(), message != null && message.isTextual() ? message.asText() : null,
                data == null || data.isNull() ? null : data, timestamp);
    }

    /** @return the versions of a versions endpoint's {@code data} */
    public List<Version> readVersions(JsonNode data) throws InvalidPayloadException {
        if (data == null || !data.isArray()) {
            throw new InvalidPayloadException("data: missing or not a list of versions");
        }
        List<Version> versions = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            String at = "data[" + i + "]";
            JsonNode v = object(data.get(i), at);
            versions.add(new Version(text(v, "version", at), url(v, "url", at)));
        }
        return versions;
    }

    /** @return the version details of a version details endpoint's {@code data} */
    public VersionDetails readVersionDetails(JsonNode data) throws InvalidPayloadException {
        JsonNode d = object(data, "data");
        String version = text(d, "version", "data");
        JsonNode endpoints = d.get("endpoints");
        if (endpoints == null || !endpoints.isArray()) {
            throw new InvalidPayloadException("data.endpoints: missing or not a list");
        }
        List<Endpoint> list = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            String at = "data.endpoints[" + i + "]";
            JsonNode e = object(endpoints.get(i), at);
            String role = text(e, "role", at);
            InterfaceRole interfaceRole;
            try {
                interfaceRole = InterfaceRole.valueOf(role);
            } catch (IllegalArgumentException ex) {
                throw new InvalidPayloadException(at + ".role: '" + role + "' is not SENDER or RECEIVER");
            }
            list.add(new Endpoint(text(e, "identifier", at), interfaceRole, url(e, "url", at)));
        }
        return new VersionDetails(version, list);
    }

    /** @return the credentials object in a credentials request body */
    public Credentials readCredentials(JsonNode body) throws InvalidPayloadException {
        JsonNode c = object(body, "body");
        String token = text(c, "token", "body");
        if (token.length() > 64 || !token.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f)) {
            throw new InvalidPayloadException("token: must be 1 to 64 printable ASCII characters without spaces");
        }
        String url = url(c, "url", "body");
        JsonNode roles = c.get("roles");
        if (roles == null || !roles.isArray() || roles.isEmpty()) {
            throw new InvalidPayloadException("roles: missing or empty; at least one role is required");
        }
        List<CredentialsRole> list = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < roles.size(); i++) {
            String at = "roles[" + i + "]";
            JsonNode r = object(roles.get(i), at);
            String roleText = text(r, "role", at);
            Role role;
            try {
                role = Role.valueOf(roleText);
            } catch (IllegalArgumentException ex) {
                throw new InvalidPayloadException(at + ".role: '" + roleText + "' is not an OCPI role");
            }
            PartyId party;
            try {
                party = PartyId.of(text(r, "country_code", at), text(r, "party_id", at));
            } catch (IllegalArgumentException ex) {
                throw new InvalidPayloadException(at + ": " + ex.getMessage());
            }
            if (!seen.add(role + "/" + party)) {
                throw new InvalidPayloadException(at + ": role " + role + " of " + party + " is listed twice");
            }
            list.add(new CredentialsRole(role, businessDetails(r.get("business_details"), at + ".business_details"), party));
        }
        return new Credentials(token, url, list);
    }

    private BusinessDetails businessDetails(JsonNode node, String at) throws InvalidPayloadException {
        JsonNode b = object(node, at);
        String name = text(b, "name", at);
        if (name.length() > 100) {
            throw new InvalidPayloadException(at + ".name: longer than 100 characters");
        }
        String website = optionalText(b, "website", at);
        Image logo = null;
        JsonNode l = b.get("logo");
        if (l != null && !l.isNull()) {
            String lat = at + ".logo";
            object(l, lat);
            logo = new Image(text(l, "url", lat), optionalText(l, "thumbnail", lat), text(l, "category", lat),
                    text(l, "type", lat), optionalInt(l, "width", lat), optionalInt(l, "height", lat));
        }
        return new BusinessDetails(name, website, logo);
    }

    private static JsonNode object(JsonNode node, String at) throws InvalidPayloadException {
        if (node == null || node.isNull()) {
            throw new InvalidPayloadException(at + ": missing");
        }
        if (!node.isObject()) {
            throw new InvalidPayloadException(at + ": not a JSON object");
        }
        return node;
    }

    private static String text(JsonNode parent, String field, String at) throws InvalidPayloadException {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            throw new InvalidPayloadException(at + "." + field + ": missing");
        }
        if (!v.isTextual()) {
            throw new InvalidPayloadException(at + "." + field + ": not a string");
        }
        if (v.asText().isEmpty()) {
            throw new InvalidPayloadException(at + "." + field + ": empty");
        }
        return v.asText();
    }

    private static String optionalText(JsonNode parent, String field, String at) throws InvalidPayloadException {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidPayloadException(at + "." + field + ": not a string");
        }
        return v.asText();
    }

    private static Integer optionalInt(JsonNode parent, String field, String at) throws InvalidPayloadException {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new InvalidPayloadException(at + "." + field + ": not an integer");
        }
        return v.asInt();
    }

    private static String url(JsonNode parent, String field, String at) throws InvalidPayloadException {
        String value = text(parent, field, at);
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return value;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new InvalidPayloadException(at + "." + field + ": '" + value + "' is not an absolute http(s) URL");
    }

    /** @return the instant of an OCPI DateTime (UTC, optional Z, optional fraction), if it is one */
    public static java.util.Optional<Instant> parseDateTime(String text) {
        if (!text.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z?")) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Instant.parse(text.endsWith("Z") ? text : text + "Z"));
        } catch (java.time.format.DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    // ---------------------------------------------------------------- writing

    /** @return an OCPI DateTime in UTC with at most millisecond precision, for example {@code 2026-11-24T06:11:47.123Z} */
    public static String dateTime(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /**
     * @param response the envelope; its data may be one of the API records, a list of them, a {@link JsonNode}, a
     *                 string, or {@code null}
     * @return the envelope as JSON; {@code data} and {@code status_message} are left out when {@code null}
     */
    public ObjectNode envelope(OcpiResponse<?> response) {
        ObjectNode o = NODES.objectNode();
        if (response.data() != null) {
            o.set("data", toJson(response.data()));
        }
        o.put("status_code", response.statusCode());
        if (response.statusMessage() != null) {
            o.put("status_message", response.statusMessage());
        }
        o.put("timestamp", dateTime(response.timestamp()));
        return o;
    }

    /** @return the bytes of an envelope */
    public byte[] write(OcpiResponse<?> response) {
        try {
            return mapper.writeValueAsBytes(envelope(response));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen for a tree of plain nodes", e);
        }
    }

    /** @return the JSON form of an API record (or list of them), a tree, a string, a number or a boolean */
    public JsonNode toJson(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof List<?> list) {
            ArrayNode a = NODES.arrayNode();
            list.forEach(item -> a.add(toJson(item)));
            return a;
        }
        if (value instanceof Version v) {
            return NODES.objectNode().put("version", v.version()).put("url", v.url());
        }
        if (value instanceof VersionDetails d) {
            ObjectNode o = NODES.objectNode().put("version", d.version());
            o.set("endpoints", toJson(d.endpoints()));
            return o;
        }
        if (value instanceof Endpoint e) {
            return NODES.objectNode().put("identifier", e.identifier()).put("role", e.role().name()).put("url", e.url());
        }
        if (value instanceof Credentials c) {
            ObjectNode o = NODES.objectNode().put("token", c.token()).put("url", c.url());
            o.set("roles", toJson(c.roles()));
            return o;
        }
        if (value instanceof CredentialsRole r) {
            ObjectNode o = NODES.objectNode().put("role", r.role().name());
            o.set("business_details", toJson(r.businessDetails()));
            o.put("party_id", r.party().partyId()).put("country_code", r.party().countryCode());
            return o;
        }
        if (value instanceof BusinessDetails b) {
            ObjectNode o = NODES.objectNode().put("name", b.name());
            if (b.website() != null) {
                o.put("website", b.website());
            }
            if (b.logo() != null) {
                o.set("logo", toJson(b.logo()));
            }
            return o;
        }
        if (value instanceof Image i) {
            ObjectNode o = NODES.objectNode().put("url", i.url());
            if (i.thumbnail() != null) {
                o.put("thumbnail", i.thumbnail());
            }
            o.put("category", i.category()).put("type", i.type());
            if (i.width() != null) {
                o.put("width", i.width());
            }
            if (i.height() != null) {
                o.put("height", i.height());
            }
            return o;
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        return mapper.valueToTree(value);
    }
}
