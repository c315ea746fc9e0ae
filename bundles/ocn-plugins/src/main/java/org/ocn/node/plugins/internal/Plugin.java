package org.ocn.node.plugins.internal;

import java.util.List;

/**
 * A plugin as the admin API and the shell show it: one bundle that is not part of the node's own distribution.
 *
 * @param id       the bundle's symbolic name
 * @param version  the bundle's version
 * @param state    {@code ACTIVE}, {@code RESOLVED}, {@code INSTALLED} or {@code FAILED}
 * @param error    why it failed to resolve or to start, or {@code null}
 * @param modules  the OCPI modules it registers, as {@code "<ocpi.module>/<ocpi.role>"}
 * @param services the OCN services it provides: the {@code ocn.service.party} of each service it registers
 * @param bundleId the framework's bundle id (not part of the admin API's answer; the shell shows it)
 */
public record Plugin(String id, String version, String state, String error, List<String> modules,
                     List<String> services, long bundleId) {

    public Plugin {
        modules = List.copyOf(modules);
        services = List.copyOf(services);
    }
}
