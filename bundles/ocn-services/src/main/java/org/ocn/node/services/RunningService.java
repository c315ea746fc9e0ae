package org.ocn.node.services;

import java.util.Objects;

import org.ocn.node.spi.services.OcnService;
import org.ocn.node.spi.services.ServiceDescriptor;

/**
 * A service running on this node.
 *
 * @param descriptor who it is
 * @param service    the plugin's implementation
 * @param address    the Ethereum address of the key the node keeps for it (its address in the registry)
 */
public record RunningService(ServiceDescriptor descriptor, OcnService service, String address) {

    public RunningService {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(address, "address");
    }
}
