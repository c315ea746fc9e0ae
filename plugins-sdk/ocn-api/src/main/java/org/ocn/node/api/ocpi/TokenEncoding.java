package org.ocn.node.api.ocpi;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How a credentials token is written in the {@code Authorization: Token ...} header. OCPI 2.2.1 writes the Base64 of
 * the token; many 2.2 implementations (and the reference node v1) send it as it is.
 */
public enum TokenEncoding {
    /** Base64 (RFC 4648, standard alphabet, padded) of the token's UTF-8 bytes: OCPI 2.2.1. */
    BASE64,
    /** The token as it is: OCPI 2.2 as practised. */
    PLAIN;

    /** @return the encoding a party expects when it speaks to the node through endpoints of this version */
    public static TokenEncoding forVersion(VersionNumber version) {
        return version.compareTo(VersionNumber.V2_2_1) >= 0 ? BASE64 : PLAIN;
    }

    /** @return the token written this way */
    public String encode(String token) {
        return this == BASE64 ? Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)) : token;
    }

    /** @return the full header value, {@code Token <encoded token>} */
    public String authorizationHeader(String token) {
        return "Token " + encode(token);
    }
}
