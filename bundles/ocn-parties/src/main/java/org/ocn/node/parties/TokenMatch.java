package org.ocn.node.parties;

/**
 * What a token presented to the node stands for.
 *
 * @param platform the platform it belongs to
 * @param kind     which of the platform's tokens it is
 */
public record TokenMatch(Platform platform, Kind kind) {

    public enum Kind {
        /** {@code CREDENTIALS_TOKEN_A}: issued by the operator, valid until the platform registers. */
        REGISTRATION,
        /** {@code CREDENTIALS_TOKEN_C}: issued to the platform at registration. */
        ACCESS
    }
}
