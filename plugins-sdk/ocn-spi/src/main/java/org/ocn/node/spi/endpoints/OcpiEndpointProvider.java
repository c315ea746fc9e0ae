package org.ocn.node.spi.endpoints;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A whiteboard service naming the OCPI endpoints a bundle serves.
 *
 * <p>Contract: the versions module lists, under each version's details, the endpoints of every registered provider
 * for that version, at {@code ocn.node.url + path}, sorted by identifier and then role. An endpoint is advertised
 * only while its provider is registered, so a provider must be registered exactly while its endpoints answer, and
 * unregistered (the bundle stopped) when they no longer do. Two providers naming the same version, identifier and
 * role: the one with the highest {@code service.ranking} wins, then the lowest {@code service.id}.
 */
@ConsumerType
public interface OcpiEndpointProvider {

    /** @return the endpoints served; called on every version details request, so keep it cheap */
    List<ServedEndpoint> servedEndpoints();
}
