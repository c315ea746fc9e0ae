package org.ocn.node.testing;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the node answered: the HTTP status, headers and body, with the OCPI envelope's fields at hand.
 *
 * @param status  the HTTP status
 * @param headers the response headers (look them up with {@link #header}, in any case)
 * @param body    the body as text, empty when there is none
 */
public record OcpiAnswer(int status, Map<String, List<String>> headers, String body) {

    public OcpiAnswer {
        Map<String, List<String>> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> caseless.put(name, List.copyOf(values)));
        headers = java.util.Collections.unmodifiableMap(caseless);
        body = body == null ? "" : body;
    }

    /** @return the first value of a header (name in any case), or {@code null} */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** @return the body parsed; an {@link IllegalStateException} when it is not JSON */
    public JsonNode json() {
        return Json.parse(body, "the answer (HTTP " + status + ")");
    }

    /** @return the envelope's {@code status_code}, or -1 when it has none */
    public int statusCode() {
        return json().path("status_code").asInt(-1);
    }

    /** @return the envelope's {@code status_message}, or {@code null} */
    public String statusMessage() {
        JsonNode message = json().get("status_message");
        return message == null || message.isNull() ? null : message.asText();
    }

    /** @return the envelope's {@code data} (a missing node when there is none) */
    public JsonNode data() {
        return json().path("data");
    }

    @Override
    public String toString() {
        return "HTTP " + status + " " + body;
    }
}
