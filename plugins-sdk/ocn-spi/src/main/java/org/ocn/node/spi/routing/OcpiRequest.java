package org.ocn.node.spi.routing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.VersionNumber;

/**
 * A request routed through the node, after the router authenticated the sender and read its routing headers.
 *
 * @param method   the HTTP method, upper case
 * @param version  the OCPI version of the node endpoint that was called
 * @param module   the module identifier, for example {@code locations} (custom modules: their own identifier)
 * @param role     which of the recipient's interfaces the request is for
 * @param path     what follows the module's base path, empty or starting with {@code /}, as received (still
 *                 URL-encoded), for example {@code /DE/CPO/LOC1}
 * @param query    the query string as received, without {@code ?}; {@code null} when there is none
 * @param headers  the request's OCPI headers, names in lower case: {@code x-request-id}, {@code x-correlation-id},
 *                 the four {@code ocpi-*} routing headers, and {@code ocn-signature} and {@code content-type} when
 *                 present
 * @param body     the body as received, empty when there is none
 * @param sender   the party in {@code OCPI-from-*}
 * @param receiver the party in {@code OCPI-to-*}
 */
public record OcpiRequest(String method, VersionNumber version, String module, InterfaceRole role, String path,
                          String query, Map<String, String> headers, byte[] body, PartyId sender, PartyId receiver) {

    public OcpiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(path, "path");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(receiver, "receiver");
    }

    /** @return the value of a request header (name in any case), or {@code null} */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** @return the sender's {@code X-Request-ID} */
    public String requestId() {
        return header("x-request-id");
    }

    /** @return the sender's {@code X-Correlation-ID} */
    public String correlationId() {
        return header("x-correlation-id");
    }

    /** @return the path's segments, URL-decoded; {@code /DE/CPO/LOC1} gives {@code [DE, CPO, LOC1]} */
    public List<String> pathSegments() {
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                segments.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    /** @return the first value of a query parameter, URL-decoded */
    public Optional<String> queryParameter(String name) {
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** @return this request with another body */
    public OcpiRequest withBody(byte[] newBody) {
        return new OcpiRequest(method, version, module, role, path, query, headers, newBody, sender, receiver);
    }

    /** @return this request with another query string ({@code null} for none) */
    public OcpiRequest withQuery(String newQuery) {
        return new OcpiRequest(method, version, module, role, path, newQuery, headers, body, sender, receiver);
    }

    /** @return whether the request has a body */
    public boolean hasBody() {
        return body.length > 0;
    }
}
