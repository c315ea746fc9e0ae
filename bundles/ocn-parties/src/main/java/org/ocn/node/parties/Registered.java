package org.ocn.node.parties;

/**
 * The outcome of a registration or credentials update.
 *
 * @param platform the platform as now stored
 * @param tokenC   the new {@code CREDENTIALS_TOKEN_C}; the node keeps only its hash, so this is the only time it is known
 */
public record Registered(Platform platform, String tokenC) {
}
