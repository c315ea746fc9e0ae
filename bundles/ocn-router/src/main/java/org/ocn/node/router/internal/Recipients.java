package org.ocn.node.router.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.parties.Platform;
import org.ocn.node.registry.NetworkRegistry;
import org.ocn.node.registry.PartyListing;
import org.ocn.node.services.RunningService;
import org.ocn.node.services.ServiceDirectory;

/**
 * Finds where a party lives ({@link Destination}): connected here (the party directory), a service running here (the
 * services directory), or listed with another node (the registry), in that order.
 */
final class Recipients {

    private final PartyDirectory directory;
    private final Supplier<NetworkRegistry> registry;
    private final Supplier<ServiceDirectory> services;
    private final String nodeUrl;
    private final Duration grace;

    Recipients(PartyDirectory directory, Supplier<NetworkRegistry> registry, Supplier<ServiceDirectory> services,
               String nodeUrl, Duration grace) {
        this.directory = directory;
        this.registry = registry;
        this.services = services;
        this.nodeUrl = nodeUrl;
        this.grace = grace;
    }

    /** @return where the party lives now */
    Destination resolve(PartyId party) {
        Optional<Platform> platform = platform(party);
        if (platform.isPresent()) {
            return new Destination.Local(platform.get());
        }
        Optional<RunningService> service = service(party);
        if (service.isPresent()) {
            return new Destination.Service(service.get());
        }
        Optional<String> node = remoteNode(party);
        return node.isPresent() ? new Destination.Remote(node.get()) : new Destination.Unreached();
    }

    /** @return the registered platform hosting this party */
    Optional<Platform> platform(PartyId party) {
        return directory.findByParty(party).filter(Platform::isRegistered);
    }

    /** @return the service running here with this identity */
    Optional<RunningService> service(PartyId party) {
        ServiceDirectory current = services.get();
        return current == null ? Optional.empty() : current.find(party);
    }

    /** @return the public URL of the other node a party is connected to, per the registry */
    Optional<String> remoteNode(PartyId party) {
        NetworkRegistry current = registry.get();
        if (current == null) {
            return Optional.empty();
        }
        return current.findParty(party).map(PartyListing::nodeUrl)
                .filter(url -> !url.isBlank() && !Delivery.strip(url).equalsIgnoreCase(Delivery.strip(nodeUrl)));
    }

    /**
     * @return the service with this identity once it runs again, when it went away within the grace period (its
     *         plugin is being updated); at once empty otherwise
     */
    CompletionStage<Optional<RunningService>> returningService(PartyId party) {
        ServiceDirectory current = services.get();
        return current == null ? CompletableFuture.completedFuture(Optional.empty())
                : current.awaitReturn(party, grace);
    }

    /** @return whether the party is a service that went away within the grace period (its plugin is being updated) */
    boolean returning(PartyId party) {
        CompletableFuture<Optional<RunningService>> back = returningService(party).toCompletableFuture();
        return !back.isDone() || back.join().isPresent();
    }
}
