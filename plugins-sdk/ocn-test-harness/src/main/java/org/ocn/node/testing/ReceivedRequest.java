package org.ocn.node.testing;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A request a mock party received from the node.
 *
 * @param method  the HTTP method
 * @param path    the path, as sent (still URL-encoded), for example {@code /ocpi/2.2.1/locations/sender/DE/CPO/LOC1}
 * @param query   the query string without {@code ?}, or {@code null}
 * @param headers the headers, names in lower case, several values joined with {@code ,}
 * @param body    the body as text, empty when there is none
 */
public record ReceivedRequest(String method, String path, String query, Map<String, String> headers, String body) {

    public ReceivedRequest {
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        headers = java.util.Collections.unmodifiableMap(lower);
        body = body == null ? "" : body;
    }

    /** @return a header's value (name in any case), or {@code null} */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** @return the sender in the routing headers, {@code "CC/PID"} */
    public String from() {
        return header("ocpi-from-country-code") + "/" + header("ocpi-from-party-id");
    }

    /** @return the recipient in the routing headers, {@code "CC/PID"} */
    public String to() {
        return header("ocpi-to-country-code") + "/" + header("ocpi-to-party-id");
    }

    /** @return the body parsed; an {@link IllegalStateException} when it is not JSON */
    public JsonNode json() {
        return Json.parse(body, "the request body of " + method + " " + path);
    }

    @Override
    public String toString() {
        return method + " " + path + (query == null ? "" : "?" + query) + (body.isEmpty() ? "" : " " + body);
    }
}
