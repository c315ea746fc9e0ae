package org.ocn.node.spi.routing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
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

    /** The {@code status_message} of a success envelope. */
    private static final String SUCCESS_MESSAGE = "Success";

    public OcpiReply {
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), Objects.requireNonNull(v, k)));
        headers = Map.copyOf(lower);
        Objects.requireNonNull(body, "body");
    }

    /**
     * A success answer around data the module wrote itself, so that a module never builds the envelope by hand:
     * HTTP 200 and the body
     * {@code {"data":<dataJson>,"status_code":1000,"status_message":"Success","timestamp":"<now>"}}, with the
     * timestamp as in {@link #error}. Headers are added with {@link #withHeader}.
     *
     * @param dataJson the {@code data} value as JSON text, one JSON value (an object, an array, a string, ...) written
     *                 by the module, for example with its own JSON library; it goes into the envelope as it is,
     *                 neither parsed nor re-written, so it must be valid JSON
     * @return the reply
     * @throws IllegalArgumentException when {@code dataJson} is empty or only white space
     * @since 0.2
     */
    public static OcpiReply ok(String dataJson) {
        return ok(dataJson.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A success answer around data the module wrote itself, as {@link #ok(String)} does: HTTP 200 and the body
     * {@code {"data":<dataJson>,"status_code":1000,"status_message":"Success","timestamp":"<now>"}}.
     *
     * @param dataJson the {@code data} value as UTF-8 JSON text (what {@code writeValueAsBytes} of a JSON library
     *                 gives), one JSON value copied into the envelope as it is, neither parsed nor re-written; the
     *                 array is not kept
     * @return the reply
     * @throws IllegalArgumentException when {@code dataJson} is empty or only white space
     * @since 0.2
     */
    public static OcpiReply ok(byte[] dataJson) {
        return new OcpiReply(200, Map.of(), successEnvelope(dataJson, Instant.now()));
    }

    /**
     * A success answer without data, for a request that has nothing to give back (a {@code PUT} or {@code POST}
     * that was taken): HTTP 200 and the body
     * {@code {"status_code":1000,"status_message":"Success","timestamp":"<now>"}}, with the timestamp as in
     * {@link #error}.
     *
     * @return the reply
     * @since 0.2
     */
    public static OcpiReply okWithoutData() {
        return new OcpiReply(200, Map.of(), envelope(null, OcpiStatus.SUCCESS, SUCCESS_MESSAGE, Instant.now()));
    }

    /**
     * An error the node or a module answers itself: the body
     * {@code {"status_code":<status>,"status_message":"<message>","timestamp":"<now>"}}, the message escaped as a
     * JSON string, the timestamp an OCPI DateTime in UTC with at most millisecond precision, for example
     * {@code 2026-11-24T06:11:47.123Z} ({@code 2026-11-24T06:11:47Z} when the milliseconds are 0), as the node's own
     * answers have it.
     *
     * @param httpStatus the HTTP status (decisions §2: 200 for most, 401, 404 or 405 for some)
     * @param status     the OCPI status code
     * @param message    the {@code status_message}, for the sender
     * @return the reply
     */
    public static OcpiReply error(int httpStatus, OcpiStatus status, String message) {
        return new OcpiReply(httpStatus, Map.of(), envelope(null, status, message, Instant.now()));
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

    /** @return the bytes of a success envelope around {@code dataJson} */
    static byte[] successEnvelope(byte[] dataJson, Instant timestamp) {
        if (isBlank(dataJson)) {
            throw new IllegalArgumentException("data must be JSON text, not empty: use okWithoutData() for no data");
        }
        return envelope(dataJson, OcpiStatus.SUCCESS, SUCCESS_MESSAGE, timestamp);
    }

    /**
     * @param dataJson the data as JSON text, or {@code null} for an envelope without {@code data}
     * @return {@code {"data":..,"status_code":..,"status_message":..,"timestamp":..}}, in this order
     */
    static byte[] envelope(byte[] dataJson, OcpiStatus status, String message, Instant timestamp) {
        byte[] opening = (dataJson == null ? "{" : "{\"data\":").getBytes(StandardCharsets.UTF_8);
        byte[] data = dataJson == null ? new byte[0] : dataJson;
        byte[] rest = ((dataJson == null ? "" : ",") + "\"status_code\":" + status.code() + ",\"status_message\":\""
                + escape(message) + "\",\"timestamp\":\"" + dateTime(timestamp) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] body = Arrays.copyOf(opening, opening.length + data.length + rest.length);
        System.arraycopy(data, 0, body, opening.length, data.length);
        System.arraycopy(rest, 0, body, opening.length + data.length, rest.length);
        return body;
    }

    /** @return an OCPI DateTime in UTC with at most millisecond precision, as the node writes them everywhere */
    static String dateTime(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static boolean isBlank(byte[] json) {
        for (byte b : json) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
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
