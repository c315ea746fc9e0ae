package org.ocn.node.parties;

import java.util.List;
import java.util.Objects;

import org.ocn.node.api.ocpi.Credentials;
import org.ocn.node.api.ocpi.Endpoint;
import org.ocn.node.api.ocpi.TokenEncoding;
import org.ocn.node.api.ocpi.VersionNumber;

/**
 * What a platform gave in a credentials handshake, checked by the caller.
 *
 * @param credentials   the platform's credentials (token B, versions URL, roles)
 * @param version       the version agreed
 * @param endpoints     the platform's endpoints for that version
 * @param tokenEncoding how to write token B towards the platform
 */
public record Registration(Credentials credentials, VersionNumber version, List<Endpoint> endpoints,
                           TokenEncoding tokenEncoding) {

    public Registration {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(tokenEncoding, "tokenEncoding");
        endpoints = List.copyOf(endpoints);
    }
}
