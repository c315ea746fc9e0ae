package org.ocn.node.spi.services;

import java.util.Optional;

import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.ModuleId;

/**
 * What a service of the Permissions contract asks the node to forward to it (registry.md §2.4; the reference node
 * calls them its "needs"): copies of the requests a party that agreed to the service sends, to every interface
 * ({@code FORWARD_ALL}), to every Sender or Receiver interface, or to one module's interface.
 */
public enum ServicePermission {
    FORWARD_ALL(0, null, null),
    FORWARD_ALL_SENDER(1, null, InterfaceRole.SENDER),
    FORWARD_ALL_RECEIVER(2, null, InterfaceRole.RECEIVER),
    FORWARD_MODULE_LOCATIONS_SENDER(3, ModuleId.LOCATIONS, InterfaceRole.SENDER),
    FORWARD_MODULE_LOCATIONS_RECEIVER(4, ModuleId.LOCATIONS, InterfaceRole.RECEIVER),
    FORWARD_MODULE_SESSIONS_SENDER(5, ModuleId.SESSIONS, InterfaceRole.SENDER),
    FORWARD_MODULE_SESSIONS_RECEIVER(6, ModuleId.SESSIONS, InterfaceRole.RECEIVER),
    FORWARD_MODULE_CDRS_SENDER(7, ModuleId.CDRS, InterfaceRole.SENDER),
    FORWARD_MODULE_CDRS_RECEIVER(8, ModuleId.CDRS, InterfaceRole.RECEIVER),
    FORWARD_MODULE_TARIFFS_SENDER(9, ModuleId.TARIFFS, InterfaceRole.SENDER),
    FORWARD_MODULE_TARIFFS_RECEIVER(10, ModuleId.TARIFFS, InterfaceRole.RECEIVER),
    FORWARD_MODULE_TOKENS_SENDER(11, ModuleId.TOKENS, InterfaceRole.SENDER),
    FORWARD_MODULE_TOKENS_RECEIVER(12, ModuleId.TOKENS, InterfaceRole.RECEIVER),
    FORWARD_MODULE_COMMANDS_SENDER(13, ModuleId.COMMANDS, InterfaceRole.SENDER),
    FORWARD_MODULE_COMMANDS_RECEIVER(14, ModuleId.COMMANDS, InterfaceRole.RECEIVER),
    FORWARD_MODULE_CHARGINGPROFILES_SENDER(15, ModuleId.CHARGING_PROFILES, InterfaceRole.SENDER),
    FORWARD_MODULE_CHARGINGPROFILES_RECEIVER(16, ModuleId.CHARGING_PROFILES, InterfaceRole.RECEIVER);

    private final int id;
    private final ModuleId module;
    private final InterfaceRole role;

    ServicePermission(int id, ModuleId module, InterfaceRole role) {
        this.id = id;
        this.module = module;
        this.role = role;
    }

    /** @return its number in the Permissions contract */
    public int id() {
        return id;
    }

    /** @return the permission with this number in the Permissions contract */
    public static Optional<ServicePermission> ofId(int id) {
        for (ServicePermission p : values()) {
            if (p.id == id) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * @param module the identifier of the module a request is for ({@code locations}, ...; custom modules are covered
     *               by the FORWARD_ALL permissions only)
     * @param role   the interface of the recipient the request is for
     * @return whether a request to that interface is to be copied to a service with this permission
     */
    public boolean covers(String module, InterfaceRole role) {
        if (this.role != null && this.role != role) {
            return false;
        }
        return this.module == null || this.module.identifier().equals(module);
    }
}
