package org.ocn.node.testing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a mock party answers a request with.
 *
 * @param status  the HTTP status
 * @param headers extra response headers ({@code Content-Type: application/json} is always sent)
 * @param body    the body, usually an OCPI envelope
 * @param delay   how long to wait before answering (to try a module's or the node's timeouts)
 */
public record MockResponse(int status, Map<String, String> headers, String body, Duration delay) {

    public MockResponse {
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(delay, "delay");
    }

    /** @return HTTP 200 with status 1000 and this {@code data} (JSON text: an object, a list, ...) */
    public static MockResponse ok(String dataJson) {
        return of(200, Json.envelope(1000, null, Objects.requireNonNull(dataJson, "dataJson")));
    }

    /** @return HTTP 200 with status 1000 and no data */
    public static MockResponse ok() {
        return of(200, Json.envelope(1000, null, null));
    }

    /** @return an OCPI error: this HTTP status, OCPI status code and message, no data */
    public static MockResponse error(int httpStatus, int statusCode, String message) {
        return of(httpStatus, Json.envelope(statusCode, message, null));
    }

    /** @return exactly this status and body */
    public static MockResponse of(int status, String body) {
        return new MockResponse(status, Map.of(), body, Duration.ZERO);
    }

    /** @return this response with one more header */
    public MockResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new MockResponse(status, more, body, delay);
    }

    /** @return this response, sent only after the delay */
    public MockResponse delayedBy(Duration wait) {
        return new MockResponse(status, headers, body, wait);
    }
}
