package org.ocn.node.registry;

/**
 * Whether a role may register at this node.
 *
 * @param admitted whether it may
 * @param reason   why not, fit to show to the party; {@code null} when admitted
 */
public record Admission(boolean admitted, String reason) {

    public static Admission granted() {
        return new Admission(true, null);
    }

    public static Admission refused(String reason) {
        return new Admission(false, reason);
    }
}
