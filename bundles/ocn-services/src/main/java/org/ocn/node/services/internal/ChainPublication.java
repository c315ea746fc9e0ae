package org.ocn.node.services.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.crypto.EthereumKey;
import org.ocn.node.registry.RegistryPublisher;
import org.ocn.node.registry.RegistryPublisher.PublicationException;
import org.ocn.node.services.RunningService;
import org.ocn.node.services.ServiceDirectoryListener;
import org.ocn.node.settings.NodeConfiguration;
import org.ocn.node.spi.services.ServiceDescriptor;
import org.ocn.node.spi.services.ServicePermission;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chain mode: keeps the registry on chain in step with the services running here, through the {@link
 * RegistryPublisher} of the chain registry (registered only on a chain; without one this component only keeps track of
 * what runs, and has no thread). A service that starts is published (party listed with this node as operator and role
 * OTHER, service set on the Permissions contract, both signed with the service's key); one that stops is deleted from
 * the Permissions contract once it has been gone for {@code ocn.node.plugins.grace} (a plugin being updated is not
 * unpublished and published again), its party listing kept. Identities that have a key but do not run within
 * {@value #STALE_AFTER_S} s of the publisher's arrival are unpublished too (a plugin removed while the node was down).
 *
 * <p>All of it runs on one thread of this component, one identity at a time, and never blocks the registration of a
 * service. A failure is logged and retried with growing pauses ({@value #FIRST_RETRY_MS} ms doubling up to
 * {@value #MAX_RETRY_MS} ms) when it may pass (chain unreachable); a contract's refusal is logged and not retried.
 */
@Component(name = "ocn.services.chain", configurationPid = NodeConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = ServiceDirectoryListener.class)
public class ChainPublication implements ServiceDirectoryListener {

    private static final Logger LOG = LoggerFactory.getLogger(ChainPublication.class);
    static final long FIRST_RETRY_MS = 2_000;
    static final long MAX_RETRY_MS = 300_000;
    static final long STALE_AFTER_S = 60;

    private final ServiceKeyFiles keys;
    private final long graceMs;
    /** The services running here now, by identity: what the chain should show. */
    private final Map<PartyId, RunningService> wanted = new ConcurrentHashMap<>();
    /** Guarded by this: per identity, the number of the latest reconciliation planned; earlier ones do nothing. */
    private final Map<PartyId, Long> latest = new HashMap<>();
    /** Guarded by this: the chain registry's publisher, and the thread that uses it, while one is registered. */
    private RegistryPublisher publisher;
    private ScheduledExecutorService thread;

    @Activate
    public ChainPublication(NodeConfiguration config) {
        this(new ServiceKeyFiles(Path.of(config.ocn_node_dataDir())), config.ocn_node_plugins_grace());
    }

    ChainPublication(ServiceKeyFiles keys, long graceMs) {
        this.keys = keys;
        this.graceMs = graceMs;
    }

    /**
     * The chain registry's publisher (only on a chain). Optional, so that the services bundle resolves and runs without
     * the chain registry; the thread exists only while a publisher is bound.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindPublisher(RegistryPublisher bound) {
        ScheduledExecutorService replaced;
        synchronized (this) {
            replaced = thread;
            publisher = bound;
            thread = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ocn-services-chain");
                t.setDaemon(true);
                return t;
            });
            wanted.keySet().forEach(party -> schedule(party, 0, 1));
            thread.schedule(this::unpublishStale, STALE_AFTER_S, TimeUnit.SECONDS);
        }
        stop(replaced);
    }

    void unbindPublisher(RegistryPublisher unbound) {
        ScheduledExecutorService stopped = null;
        synchronized (this) {
            if (publisher == unbound) {
                publisher = null;
                stopped = thread;
                thread = null;
            }
        }
        stop(stopped);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        ScheduledExecutorService stopped;
        synchronized (this) {
            publisher = null;
            stopped = thread;
            thread = null;
        }
        stop(stopped);
    }

    /** Stops a thread (outside the lock: its task may be waiting for it). */
    private static void stop(ScheduledExecutorService stopped) {
        if (stopped == null) {
            return;
        }
        stopped.shutdownNow();
        try {
            stopped.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void serviceStarted(RunningService service, Instant since) {
        PartyId party = service.descriptor().party();
        wanted.put(party, service);
        schedule(party, 0, 1);
    }

    @Override
    public void serviceStopped(RunningService service, Instant at) {
        PartyId party = service.descriptor().party();
        wanted.remove(party);
        schedule(party, graceMs, 1);
    }

    /** Plans a reconciliation of the identity, which replaces whatever was planned for it before. */
    private synchronized void schedule(PartyId party, long delayMs, int attempt) {
        long number = latest.merge(party, 1L, Long::sum);
        if (thread == null) {
            return; // not on a chain (yet): the publisher, when it comes, reconciles every running service
        }
        try {
            thread.schedule(() -> {
                if (isLatest(party, number)) {
                    reconcile(party, attempt);
                }
            }, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // deactivating
        }
    }

    private synchronized boolean isLatest(PartyId party, long number) {
        return latest.get(party) == number;
    }

    private void unpublishStale() {
        try {
            for (PartyId party : keys.identities()) {
                if (!wanted.containsKey(party)) {
                    schedule(party, 0, 1);
                }
            }
        } catch (IOException e) {
            LOG.warn("Services' keys in {} could not be listed: {}", keys.folder(), e.toString());
        }
    }

    /** Brings the chain in step with whether the identity's service runs here now. */
    void reconcile(PartyId party, int attempt) {
        RegistryPublisher publisher;
        synchronized (this) {
            publisher = this.publisher;
        }
        if (publisher == null) {
            return;
        }
        RunningService service = wanted.get(party);
        Optional<EthereumKey> key;
        try {
            key = keys.existing(party);
        } catch (IOException e) {
            LOG.error("Service {}: its key could not be read, so it is not published or unpublished: {}", party,
                    e.toString());
            return;
        }
        if (key.isEmpty()) {
            return;
        }
        String address = key.get().address();
        try {
            if (service != null) {
                ServiceDescriptor d = service.descriptor();
                List<Integer> permissions = d.permissions().stream().map(ServicePermission::id).sorted().toList();
                List<String> sent = publisher.publishService(key.get().privateKeyHex(), party, d.name(), d.url(),
                        permissions);
                if (sent.isEmpty()) {
                    LOG.info("Service {} ({}) is published on chain already", party, address);
                } else {
                    LOG.info("Service {} ({}) published on chain{}: transactions {}", party, address,
                            permissions.isEmpty() ? " (party listing only: it asks for no permissions, and the"
                                    + " Permissions contract takes no service without)" : "", sent);
                }
            } else {
                List<String> sent = publisher.unpublishService(key.get().privateKeyHex());
                if (!sent.isEmpty()) {
                    LOG.info("Service {} ({}) deleted from the Permissions contract (its party listing stays):"
                            + " transactions {}", party, address, sent);
                }
            }
        } catch (PublicationException e) {
            failed(party, address, service != null, attempt, e.getMessage(), e.retryable());
        } catch (RuntimeException e) {
            failed(party, address, service != null, attempt, e.toString(), true);
        }
    }

    private void failed(PartyId party, String address, boolean publishing, int attempt, String reason,
                        boolean retryable) {
        String what = publishing ? "publication" : "deletion from the Permissions contract";
        if (!retryable) {
            LOG.error("Service {} ({}): {} refused, not retried: {}", party, address, what, reason);
            return;
        }
        long delay = retryDelayMs(attempt);
        LOG.warn("Service {} ({}): {} failed (attempt {}), retrying in {} s: {}", party, address, what, attempt,
                delay / 1000, reason);
        schedule(party, delay, attempt + 1);
    }

    /** @return the pause before attempt {@code attempt + 1}: doubling from {@value #FIRST_RETRY_MS} ms, capped */
    static long retryDelayMs(int attempt) {
        long delay = FIRST_RETRY_MS << Math.min(attempt - 1, 20);
        return Math.min(delay, MAX_RETRY_MS);
    }
}
