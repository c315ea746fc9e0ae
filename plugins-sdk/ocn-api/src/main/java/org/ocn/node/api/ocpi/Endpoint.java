package org.ocn.node.api.ocpi;

import java.util.Objects;

/**
 * One endpoint of a version details object: {@code {"identifier": "locations", "role": "SENDER", "url": "..."}}.
 *
 * @param identifier the module identifier, standard ({@link ModuleId#identifier()}) or custom ({@code identifier})
 * @param role       the interface role ({@code role})
 * @param url        where the endpoint is served ({@code url})
 */
public record Endpoint(String identifier, InterfaceRole role, String url) {

    public Endpoint {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(url, "url");
    }
}
