package org.ocn.node.registry;

import java.util.Objects;
import java.util.Set;

import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.spi.services.ServicePermission;

/**
 * A service of the Permissions contract that a party agreed to (and has not revoked).
 *
 * @param provider    the party that offers the service, as the registry lists it
 * @param name        the service's name
 * @param url         the service's public URL (informative; copies go to the provider's OCPI endpoints)
 * @param permissions what it asks to be forwarded
 */
public record ServiceAgreement(PartyListing provider, String name, String url, Set<ServicePermission> permissions) {

    public ServiceAgreement {
        Objects.requireNonNull(provider, "provider");
        permissions = Set.copyOf(permissions);
    }

    /** @return whether a request to that module interface is to be copied to this service */
    public boolean covers(String module, InterfaceRole role) {
        return permissions.stream().anyMatch(p -> p.covers(module, role));
    }
}
