package org.ocn.node.api.ocpi;

import java.util.Optional;

/**
 * The standard OCPI 2.2.1 module identifiers ({@code ModuleID}). Custom modules have identifiers of their own and are
 * carried as plain strings in {@link Endpoint#identifier()}.
 */
public enum ModuleId {
    CDRS("cdrs", false),
    CHARGING_PROFILES("chargingprofiles", false),
    COMMANDS("commands", false),
    CREDENTIALS("credentials", true),
    HUB_CLIENT_INFO("hubclientinfo", true),
    LOCATIONS("locations", false),
    SESSIONS("sessions", false),
    TARIFFS("tariffs", false),
    TOKENS("tokens", false);

    private final String identifier;
    private final boolean configuration;

    ModuleId(String identifier, boolean configuration) {
        this.identifier = identifier;
        this.configuration = configuration;
    }

    /** @return the identifier as it appears in version details, for example {@code chargingprofiles} */
    public String identifier() {
        return identifier;
    }

    /**
     * @return whether this is a configuration module (credentials, hubclientinfo): answered by the node itself and
     *         never routed
     */
    public boolean isConfiguration() {
        return configuration;
    }

    /** @return the module with this identifier, if it is a standard one */
    public static Optional<ModuleId> fromIdentifier(String identifier) {
        for (ModuleId id : values()) {
            if (id.identifier.equals(identifier)) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }
}
