package org.ocn.node.services;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.ocn.node.api.ocpi.PartyId;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The services running on this node ({@link org.ocn.node.spi.services.OcnService} plugins), answered from memory.
 * For one party the service with the highest {@code service.ranking} (then lowest {@code service.id}) counts.
 */
@ProviderType
public interface ServiceDirectory {

    /** @return the service with this OCPI identity, when one runs here */
    Optional<RunningService> find(PartyId party);

    /** @return every service running here */
    List<RunningService> services();

    /**
     * Waits for a service that went away a moment ago (its plugin is being updated) to come back.
     *
     * @param grace how long to wait at most
     * @return the service once it runs; empty when it does not within {@code grace}, or when no service with that
     *         identity ran here within {@code grace} before the call (then at once)
     */
    CompletionStage<Optional<RunningService>> awaitReturn(PartyId party, Duration grace);

    /**
     * The agreements made through this node's admin API, used in local mode (on a network, agreements are in the
     * Permissions contract).
     *
     * @return the services (running or not) the party agreed to, by their OCPI identity
     */
    List<PartyId> localAgreementsOf(PartyId user);
}
