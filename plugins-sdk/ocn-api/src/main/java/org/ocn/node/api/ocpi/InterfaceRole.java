package org.ocn.node.api.ocpi;

/**
 * Which side of a module an endpoint implements: the data owner's {@link #SENDER} interface (the other side pulls)
 * or the {@link #RECEIVER} interface (the owner pushes).
 */
public enum InterfaceRole {
    SENDER,
    RECEIVER;

    /** @return the lower-case form used in the node's paths ({@code sender}, {@code receiver}) */
    public String pathSegment() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
