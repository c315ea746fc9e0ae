package org.ocn.node.spi.endpoints;

import java.util.Objects;

import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.VersionNumber;

/**
 * An OCPI endpoint a bundle serves.
 *
 * @param version    the OCPI version whose details list the endpoint
 * @param identifier the module identifier, for example {@code credentials}
 * @param role       the interface role
 * @param path       the path under the node's public URL ({@code ocn.node.url}), starting with {@code /}, for
 *                   example {@code /ocpi/2.2.1/credentials}
 */
public record ServedEndpoint(VersionNumber version, String identifier, InterfaceRole role, String path) {

    public ServedEndpoint {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /: " + path);
        }
    }
}
