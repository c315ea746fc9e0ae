package org.ocn.node.notary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The values a signature covers.
 *
 * <p>Requests: the correlation id and the four routing headers, the query parameters, and the body. Responses: the
 * pagination and location headers, and the body (the whole OCPI response object, whose own {@code ocn_signature} is
 * left out). Header names are matched in any case; only the notary's headers are kept, in the notary's order.
 *
 * @param headers the headers, names in lower case, in the order the notary signs them
 * @param params  the query parameters, decoded, in order
 * @param body    the body as received (JSON), or an empty array when there is none
 */
public record ValuesToSign(Map<String, String> headers, Map<String, String> params, byte[] body) {

    /** The headers a signature may cover, in the order the notary signs them. */
    public static final List<String> SIGNED_HEADERS = List.of("x-correlation-id", "ocpi-from-country-code",
            "ocpi-from-party-id", "ocpi-to-country-code", "ocpi-to-party-id", "x-limit", "x-total-count", "link",
            "location");

    public ValuesToSign {
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String name : SIGNED_HEADERS) {
            String v = lower.get(name);
            if (v != null) {
                ordered.put(name, v);
            }
        }
        headers = java.util.Collections.unmodifiableMap(ordered);
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        body = body == null ? new byte[0] : body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** @return these values with one header changed */
    public ValuesToSign withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name.toLowerCase(Locale.ROOT), value);
        return new ValuesToSign(h, params, body);
    }

    /** @return these values with another body */
    public ValuesToSign withBody(byte[] newBody) {
        return new ValuesToSign(headers, params, newBody);
    }
}
