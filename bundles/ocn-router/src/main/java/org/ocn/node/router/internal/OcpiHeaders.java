package org.ocn.node.router.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ocn.node.api.ocpi.PartyId;

/**
 * The HTTP headers the router reads and writes, by the lower-case keys of {@code OcpiRequest#headers()} and
 * {@code OcpiReply#headers()}, with their names as the OCPI spec writes them on the wire.
 */
final class OcpiHeaders {

    static final String AUTHORIZATION = "authorization";
    static final String REQUEST_ID = "x-request-id";
    static final String CORRELATION_ID = "x-correlation-id";
    static final String FROM_COUNTRY_CODE = "ocpi-from-country-code";
    static final String FROM_PARTY_ID = "ocpi-from-party-id";
    static final String TO_COUNTRY_CODE = "ocpi-to-country-code";
    static final String TO_PARTY_ID = "ocpi-to-party-id";
    static final String SIGNATURE = "ocn-signature";
    static final String CONTENT_TYPE = "content-type";
    static final String LINK = "link";
    static final String LOCATION = "location";
    static final String TOTAL_COUNT = "x-total-count";
    static final String LIMIT = "x-limit";

    /** The headers every routed request must carry, in the order they are checked. */
    static final List<String> ROUTING = List.of(REQUEST_ID, CORRELATION_ID, FROM_COUNTRY_CODE, FROM_PARTY_ID,
            TO_COUNTRY_CODE, TO_PARTY_ID);

    /** Headers of a recipient's answer passed back to the sender (the proxied ones rewritten on the way). */
    static final Set<String> PASSED_BACK = Set.of(FROM_COUNTRY_CODE, FROM_PARTY_ID, TO_COUNTRY_CODE, TO_PARTY_ID,
            TOTAL_COUNT, LIMIT, LINK, LOCATION);

    private static final Map<String, String> WIRE_NAMES = Map.ofEntries(
            Map.entry(AUTHORIZATION, "Authorization"), Map.entry(REQUEST_ID, "X-Request-ID"),
            Map.entry(CORRELATION_ID, "X-Correlation-ID"), Map.entry(FROM_COUNTRY_CODE, "OCPI-from-country-code"),
            Map.entry(FROM_PARTY_ID, "OCPI-from-party-id"), Map.entry(TO_COUNTRY_CODE, "OCPI-to-country-code"),
            Map.entry(TO_PARTY_ID, "OCPI-to-party-id"), Map.entry(SIGNATURE, "OCN-Signature"),
            Map.entry(CONTENT_TYPE, "Content-Type"), Map.entry(LINK, "Link"), Map.entry(LOCATION, "Location"),
            Map.entry(TOTAL_COUNT, "X-Total-Count"), Map.entry(LIMIT, "X-Limit"));

    private OcpiHeaders() {
    }

    /** @return the header's name as written on the wire ({@code OCPI-to-party-id}), or the key itself when unknown */
    static String wireName(String key) {
        return WIRE_NAMES.getOrDefault(key, key);
    }

    /** @return the routing headers of a new request from one party to another, by key */
    static Map<String, String> routing(String requestId, String correlationId, PartyId from, PartyId to) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(REQUEST_ID, requestId);
        headers.put(CORRELATION_ID, correlationId);
        headers.put(FROM_COUNTRY_CODE, from.countryCode());
        headers.put(FROM_PARTY_ID, from.partyId());
        headers.put(TO_COUNTRY_CODE, to.countryCode());
        headers.put(TO_PARTY_ID, to.partyId());
        return headers;
    }

    /** @return the headers with the recipient ({@code OCPI-to-*}) replaced */
    static Map<String, String> readdressed(Map<String, String> headers, PartyId to) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(TO_COUNTRY_CODE, to.countryCode());
        copy.put(TO_PARTY_ID, to.partyId());
        return copy;
    }
}
