package org.ocn.node.spi.health;

/**
 * The state of one part of the node.
 *
 * @param up     whether it can serve
 * @param detail a short human readable detail, or {@code null}
 */
public record HealthState(boolean up, String detail) {

    /** @return an up state with an optional detail */
    public static HealthState up(String detail) {
        return new HealthState(true, detail);
    }

    /** @return a down state with the reason */
    public static HealthState down(String reason) {
        return new HealthState(false, reason);
    }
}
