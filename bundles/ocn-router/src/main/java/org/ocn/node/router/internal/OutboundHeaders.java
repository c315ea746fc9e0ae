package org.ocn.node.router.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.ocn.node.crypto.EthereumKey;
import org.ocn.node.parties.Platform;
import org.ocn.node.spi.routing.OcpiRequest;

/**
 * The headers of every request the node sends: to a party (its token B in the encoding it asked for, a new
 * {@code X-Request-ID}, the sender's correlation id and routing headers, its signature, the body's type) and to
 * another node ({@code POST /ocn/message}, signed by this node). Written with their wire names.
 */
final class OutboundHeaders {

    private OutboundHeaders() {
    }

    /** @return the headers of a request forwarded to a party connected to this node */
    static Map<String, String> toParty(OcpiRequest request, Platform recipient) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", recipient.tokenEncoding().authorizationHeader(recipient.tokenB()));
        headers.put("X-Request-ID", Delivery.requestId());
        headers.put("X-Correlation-ID", request.correlationId());
        for (String key : new String[] {OcpiHeaders.FROM_COUNTRY_CODE, OcpiHeaders.FROM_PARTY_ID,
            OcpiHeaders.TO_COUNTRY_CODE, OcpiHeaders.TO_PARTY_ID}) {
            headers.put(OcpiHeaders.wireName(key), request.header(key));
        }
        String signature = request.header(OcpiHeaders.SIGNATURE);
        if (signature != null) {
            headers.put("OCN-Signature", signature);
        }
        if (request.hasBody()) {
            headers.put("Content-Type", Optional.ofNullable(request.header(OcpiHeaders.CONTENT_TYPE))
                    .orElse("application/json"));
        }
        return headers;
    }

    /**
     * @return the headers of a node-to-node message: {@code OCN-Signature} is this node's EIP-191 signature of the
     *         body, hex without 0x, as the reference node writes it
     */
    static Map<String, String> toNode(byte[] body, EthereumKey nodeKey) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Request-ID", Delivery.requestId());
        headers.put("OCN-Signature", nodeKey.signPrefixedMessage(body).toHex());
        return headers;
    }
}
