package org.ocn.node.parties.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/** Tokens A and C are stored as SHA-256 hashes only. */
final class TokenHash {

    private TokenHash() {
    }

    static String of(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** @return a new token: a random UUID, the form OCPI parties expect (at most 64 characters, ASCII) */
    static String newToken() {
        return UUID.randomUUID().toString();
    }
}
