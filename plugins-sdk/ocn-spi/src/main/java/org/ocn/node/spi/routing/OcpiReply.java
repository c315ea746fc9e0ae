package org.ocn.node.spi.routing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.ocn.node.api.ocpi.OcpiStatus;

/**
 * An answer to a routed request: the recipient's, passed back, or one the node makes itself.
 *
 * @param status  the HTTP status
 * @param headers the headers the sender gets, names in lower case: the recipient's OCPI headers worth passing on
 *                ({@code ocpi-*}, {@code x-total-count}, {@code x-limit}, and {@code link} and {@code location}
 *                once proxied); the router adds {@code content-type} and the sender's request ids
 * @param body    the body, an OCPI envelope, passed on byte for byte
 */
public record OcpiReply(int status, Map<String, String> headers, byte[] body) {

    public OcpiReply {
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), Objects.requireNonNull(v, k)));
        headers = Map.copyOf(lower);
        Objects.requireNonNull(body, "body");
    }

    /**
     * @return an error the node answers itself: an OCPI envelope with the status code and message, and the given
     *         HTTP status (decisions §2: 200 for most, 401, 404 or 405 for some)
     */
    public static OcpiReply error(int httpStatus, OcpiStatus status, String message) {
        String json = "{\"status_code\":" + status.code() + ",\"status_message\":\"" + escape(message)
                + "\",\"timestamp\":\"" + Instant.now().truncatedTo(ChronoUnit.MILLIS) + "\"}";
        return new OcpiReply(httpStatus, Map.of(), json.getBytes(StandardCharsets.UTF_8));
    }

    /** @return 405 with status 2000: the method is not part of the request's module interface */
    public static OcpiReply methodNotAllowed(OcpiRequest request, String allowed) {
        return error(405, OcpiStatus.CLIENT_ERROR, request.method() + " is not part of the " + request.module() + " "
                + request.role() + " interface; allowed: " + allowed).withHeader("allow", allowed);
    }

    /** @return status 2001: the path does not have the shape the module interface expects */
    public static OcpiReply invalidPath(OcpiRequest request, String expected) {
        return error(200, OcpiStatus.INVALID_OR_MISSING_PARAMETERS, request.method() + " " + request.module() + " "
                + request.role() + " expects the path " + expected + ", not '" + request.path() + "'");
    }

    /** @return 404 with status 2003: a node URL (proxy) that does not exist, expired, or is not the sender's */
    public static OcpiReply proxyNotFound() {
        return error(404, OcpiStatus.UNKNOWN_LOCATION,
                "Proxied resource not found: the URL is unknown, expired, or was handed to another party");
    }

    /** @return the value of a header (name in any case), or {@code null} */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** @return this reply with a header set ({@code null} removes it) */
    public OcpiReply withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        if (value == null) {
            h.remove(name.toLowerCase(Locale.ROOT));
        } else {
            h.put(name.toLowerCase(Locale.ROOT), value);
        }
        return new OcpiReply(status, h, body);
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
