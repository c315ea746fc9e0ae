package org.ocn.node.api.ocpi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A version details object: {@code {"version": "2.2.1", "endpoints": [...]}}.
 *
 * @param version   the version as written ({@code version})
 * @param endpoints the endpoints of that version ({@code endpoints})
 */
public record VersionDetails(String version, List<Endpoint> endpoints) {

    public VersionDetails {
        Objects.requireNonNull(version, "version");
        endpoints = List.copyOf(endpoints);
    }

    /** @return the endpoint for this module identifier and interface role, if listed */
    public Optional<Endpoint> endpoint(String identifier, InterfaceRole role) {
        return endpoints.stream()
                .filter(e -> e.identifier().equals(identifier) && e.role() == role)
                .findFirst();
    }
}
