package org.ocn.node.services.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.crypto.EthereumKey;
import org.ocn.node.services.RunningService;
import org.ocn.node.services.ServiceDirectory;
import org.ocn.node.services.ServiceDirectoryListener;
import org.ocn.node.settings.NodeConfiguration;
import org.ocn.node.spi.services.OcnService;
import org.ocn.node.spi.services.ServiceDescriptor;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services running on this node: every {@link OcnService} registered in the framework whose service properties
 * make a valid {@link ServiceDescriptor} (one with bad properties is logged with the reason and ignored). For one
 * OCPI identity the service with the highest {@code service.ranking}, then the lowest {@code service.id}, counts; the
 * others wait behind it. Each identity gets an Ethereum key the node keeps ({@link ServiceKeyFiles}): its address is the
 * service's address in the registry.
 *
 * <p>Reads answer from an immutable snapshot; changes are serialised and told to the
 * {@link ServiceDirectoryListener}s in order.
 */
@Component(name = "ocn.services", configurationPid = NodeConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {ServiceDirectory.class, RunningServices.class},
        immediate = true)
public class RunningServices implements ServiceDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(RunningServices.class);

    /** A registered service that could count for its identity, and the bundle that registered it. */
    private record Candidate(long serviceId, int ranking, long bundleId, RunningService running) {
    }

    /** Best first: highest ranking, then the oldest registration. */
    private static final Comparator<Candidate> BEST_FIRST = Comparator.comparingInt(Candidate::ranking).reversed()
            .thenComparingLong(Candidate::serviceId);

    private final ServiceKeyFiles keys;
    private final LocalAgreements agreements;
    private final ReturnWaiters waiters = new ReturnWaiters("ocn-services-await");
    private final List<ServiceDirectoryListener> listeners = new CopyOnWriteArrayList<>();

    /** Guarded by this: every registered candidate, by identity. */
    private final Map<PartyId, List<Candidate>> candidates = new HashMap<>();
    /** Guarded by this: the identity a registration was tracked under, by service id. */
    private final Map<Long, PartyId> identityOf = new HashMap<>();
    /** Guarded by this: when each running identity started. */
    private final Map<PartyId, Instant> startedAt = new HashMap<>();
    /** When each identity that ran here last stopped (read by {@link #awaitReturn} without the lock). */
    private final Map<PartyId, Instant> stoppedAt = new ConcurrentHashMap<>();
    private volatile Map<PartyId, RunningService> running = Map.of();

    @Activate
    public RunningServices(NodeConfiguration config, @Reference LocalAgreements agreements) {
        String dataDir = config.ocn_node_dataDir();
        if (dataDir == null || dataDir.isBlank()) {
            throw new IllegalStateException("ocn.node.dataDir is not set: the services' keys have nowhere to live");
        }
        this.keys = new ServiceKeyFiles(Path.of(dataDir));
        this.agreements = agreements;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        waiters.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            updated = "updatedService")
    synchronized void bindService(OcnService service, Map<String, Object> properties) {
        add(service, properties).ifPresent(this::settle);
    }

    /** Its configuration changed, perhaps its identity too: listeners hear of a change only if there is one. */
    synchronized void updatedService(OcnService service, Map<String, Object> properties) {
        Optional<PartyId> was = remove(serviceId(properties));
        Optional<PartyId> is = add(service, properties);
        was.filter(p -> !is.equals(Optional.of(p))).ifPresent(this::settle);
        is.ifPresent(this::settle);
    }

    synchronized void unbindService(OcnService service, Map<String, Object> properties) {
        remove(serviceId(properties)).ifPresent(this::settle);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void bindListener(ServiceDirectoryListener listener) {
        listeners.add(listener);
        running.values().forEach(s -> tell(listener, l -> l.serviceStarted(s, startedAt.get(s.descriptor().party()))));
    }

    void unbindListener(ServiceDirectoryListener listener) {
        listeners.remove(listener);
    }

    /** @return the identity the service is a candidate for, or empty when it is ignored */
    private Optional<PartyId> add(OcnService service, Map<String, Object> properties) {
        long id = serviceId(properties);
        ServiceDescriptor descriptor;
        try {
            descriptor = ServiceDescriptor.fromProperties(properties);
        } catch (IllegalArgumentException e) {
            LOG.warn("Service {} (OcnService, bundle {}) ignored: {}", id, properties.get(Constants.SERVICE_BUNDLEID),
                    e.getMessage());
            return Optional.empty();
        }
        EthereumKey key;
        try {
            key = keys.keyOf(descriptor.party());
        } catch (IOException | RuntimeException e) {
            LOG.error("Service {} ({}) ignored: its key in {} could not be read or written: {}", descriptor.party(),
                    descriptor.name(), keys.folder(), e.toString());
            return Optional.empty();
        }
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        Object bundle = properties.get(Constants.SERVICE_BUNDLEID);
        Candidate candidate = new Candidate(id, ranking instanceof Integer r ? r : 0,
                bundle instanceof Number n ? n.longValue() : -1, new RunningService(descriptor, service, key.address()));
        candidates.computeIfAbsent(descriptor.party(), p -> new ArrayList<>()).add(candidate);
        identityOf.put(id, descriptor.party());
        return Optional.of(descriptor.party());
    }

    /** @return the identity the registration was a candidate for, if it was tracked */
    private Optional<PartyId> remove(long serviceId) {
        PartyId party = identityOf.remove(serviceId);
        if (party == null) {
            return Optional.empty();
        }
        List<Candidate> list = candidates.get(party);
        list.removeIf(c -> c.serviceId() == serviceId);
        if (list.isEmpty()) {
            candidates.remove(party);
        }
        return Optional.of(party);
    }

    /** Makes the best candidate of the identity the running one, and tells the listeners when that changed. */
    private void settle(PartyId party) {
        RunningService before = running.get(party);
        RunningService after = candidates.getOrDefault(party, List.of()).stream().min(BEST_FIRST)
                .map(Candidate::running).orElse(null);
        if (Objects.equals(before, after)) {
            return; // the same service, or a new registration of the same service with the same identity
        }
        Map<PartyId, RunningService> next = new LinkedHashMap<>(running);
        Instant now = Instant.now();
        if (after == null) {
            next.remove(party);
            running = Map.copyOf(next);
            startedAt.remove(party);
            stoppedAt.put(party, now);
            LOG.info("Service {} ({}, {}) stopped", party, before.descriptor().name(), before.address());
            listeners.forEach(l -> tell(l, x -> x.serviceStopped(before, now)));
            return;
        }
        next.put(party, after);
        running = Map.copyOf(next);
        Instant since = startedAt.computeIfAbsent(party, p -> now);
        ServiceDescriptor d = after.descriptor();
        LOG.info("Service {} ({}, {}) {}: modules {}, permissions {}", party, d.name(), after.address(),
                before == null ? "running" : "replaced", d.modules(), d.permissions());
        waiters.returned(party, after);
        listeners.forEach(l -> tell(l, x -> x.serviceStarted(after, since)));
    }

    private static void tell(ServiceDirectoryListener listener,
                             java.util.function.Consumer<ServiceDirectoryListener> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            LOG.warn("Services listener {} failed: {}", listener, e.toString(), e);
        }
    }

    private static long serviceId(Map<String, Object> properties) {
        return ((Number) properties.get(Constants.SERVICE_ID)).longValue();
    }

    @Override
    public Optional<RunningService> find(PartyId party) {
        return Optional.ofNullable(running.get(party));
    }

    @Override
    public List<RunningService> services() {
        return running.values().stream().sorted(Comparator.comparing(s -> s.descriptor().party().toString())).toList();
    }

    /**
     * {@inheritDoc}
     *
     * <p>The stage completes on the directory's timer thread, never on the thread that registers the service.
     */
    @Override
    public CompletionStage<Optional<RunningService>> awaitReturn(PartyId party, Duration grace) {
        Instant gone = stoppedAt.get(party);
        boolean recentlyGone = gone != null && Duration.between(gone, Instant.now()).compareTo(grace) < 0;
        return waiters.await(party, recentlyGone ? grace : Duration.ZERO, () -> find(party));
    }

    /**
     * @return the key of the identity, when a service with it is registered (running or waiting behind a higher
     *         ranked one) by that bundle: a bundle signs only with the keys of its own services
     */
    synchronized Optional<EthereumKey> keyRegisteredBy(PartyId party, long bundleId) {
        boolean registered = candidates.getOrDefault(party, List.of()).stream().anyMatch(c -> c.bundleId() == bundleId);
        if (!registered) {
            return Optional.empty();
        }
        try {
            return keys.existing(party);
        } catch (IOException e) {
            LOG.error("Service {}: its key in {} could not be read: {}", party, keys.folder(), e.toString());
            return Optional.empty();
        }
    }

    @Override
    public List<PartyId> localAgreementsOf(PartyId user) {
        return agreements.servicesOf(user);
    }
}
