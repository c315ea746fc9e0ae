package org.ocn.node.testing;

import java.util.Locale;
import java.util.Objects;

/**
 * An endpoint a mock party offers: it is listed in the party's version details, so that the node routes requests for
 * that module and interface to the party.
 *
 * @param module the module identifier, for example {@code locations} or a custom module's
 * @param role   which interface of the module the party implements
 */
public record Endpoint(String module, Role role) {

    /** The interface of a module an endpoint implements. */
    public enum Role {
        /** The party holds the data (for example a CPO's locations). */
        SENDER,
        /** The party receives the data (for example an eMSP's sessions). */
        RECEIVER
    }

    public Endpoint {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(role, "role");
        if (module.isBlank() || module.contains("/")) {
            throw new IllegalArgumentException("not a module identifier: '" + module + "'");
        }
    }

    /** @return the Sender interface of a module */
    public static Endpoint sender(String module) {
        return new Endpoint(module, Role.SENDER);
    }

    /** @return the Receiver interface of a module */
    public static Endpoint receiver(String module) {
        return new Endpoint(module, Role.RECEIVER);
    }

    /** @return the role as a URL path segment: {@code sender} or {@code receiver} */
    String pathSegment() {
        return role.name().toLowerCase(Locale.ROOT);
    }
}
