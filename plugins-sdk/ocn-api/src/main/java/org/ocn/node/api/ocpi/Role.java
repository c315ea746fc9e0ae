package org.ocn.node.api.ocpi;

/** The roles a party can have in OCPI ({@code Role} in {@code types.asciidoc}). */
public enum Role {
    /** Charge Point Operator. */
    CPO,
    /** e-Mobility Service Provider. */
    EMSP,
    /** Roaming hub. */
    HUB,
    /** National Access Point. */
    NAP,
    /** Navigation Service Provider. */
    NSP,
    /** Any other role. */
    OTHER,
    /** Smart Charging Service Provider. */
    SCSP
}
