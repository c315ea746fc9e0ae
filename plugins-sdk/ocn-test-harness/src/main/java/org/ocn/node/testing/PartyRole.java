package org.ocn.node.testing;

/**
 * The role a mock party connects with, as OCPI 2.2.1 names it in a credentials role. The same values as
 * {@code org.ocn.node.api.ocpi.Role}: the harness depends on the JDK and Jackson only, so that it runs beside whatever
 * API version a plugin compiles against.
 */
public enum PartyRole {
    /** Charge Point Operator. */
    CPO,
    /** eMobility Service Provider. */
    EMSP,
    /** Hub. */
    HUB,
    /** National Access Point. */
    NAP,
    /** Navigation Service Provider. */
    NSP,
    /** Other role. */
    OTHER,
    /** Smart Charging Service Provider. */
    SCSP
}
