package org.ocn.node.registry.chain.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.ocn.node.api.ocpi.CredentialsRole;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.crypto.Ethereum;
import org.ocn.node.crypto.EthereumKey;
import org.ocn.node.registry.Admission;
import org.ocn.node.registry.NetworkRegistry;
import org.ocn.node.registry.NodeListing;
import org.ocn.node.registry.PartyListing;
import org.ocn.node.registry.RegistryPublisher;
import org.ocn.node.registry.ServiceAgreement;
import org.ocn.node.spi.services.ServicePermission;
import org.ocn.node.settings.NodeConfiguration;
import org.ocn.node.spi.health.HealthIndicator;
import org.ocn.node.spi.health.HealthState;
import org.ocn.node.store.Store;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry on chain, used when {@code ocn.node.web3.provider} is set: the OCN Registry (and Permissions) contracts
 * at {@code ocn.node.web3.contracts.*}, kept as a local index current from their events, so that routing does not wait
 * for the chain; only a party the index does not know yet is looked up on the contracts ({@link PartyLookups}).
 * Registered as {@link NetworkRegistry} with ranking 10 (above the local registry) as soon as it is activated, so that
 * the local registry's rules never decide a registration on a chain node; its health indicator ({@code registry}) is
 * DOWN until an index is there: from the store at start, then from a full read of the contracts, then block by block.
 * When the chain is unreachable the node keeps serving from the index and {@code /health} says how stale it is.
 *
 * <p>It also registers a {@link RegistryPublisher} (property {@code ocn.registry=chain}) as soon as it follows a chain:
 * the node's services are published through it, with transactions sent from the node's operator account.
 *
 * <p>Registration at this node (decisions §12): a role is admitted when its party is listed in the registry with this
 * node's operator address, whatever roles the listing names (real clients list a CPO as OTHER), on what the chain
 * says at the moment of the registration.
 */
@Component(name = "ocn.registry.chain", configurationPid = {"ocn.registry.chain", NodeConfiguration.PID},
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true, service = {})
public class ChainRegistry implements NetworkRegistry, HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(ChainRegistry.class);
    private static final Duration RECEIPT_POLL = Duration.ofMillis(200);

    @ObjectClassDefinition(id = "ocn.registry.chain", pid = "ocn.registry.chain", name = "OCN chain registry",
            description = "How the node follows the OCN Registry on chain (used when ocn.node.web3.provider is set).")
    @interface Config {
        @AttributeDefinition(description = "How often to look for new blocks, in milliseconds.")
        long pollIntervalMs() default 2000;

        @AttributeDefinition(description = "Time a JSON-RPC call may take, in milliseconds.")
        long requestTimeoutMs() default 10_000;

        @AttributeDefinition(description = "Time a transaction of the node (publishing a service) may take to be"
                + " mined, in milliseconds.")
        long transactionTimeoutMs() default 120_000;
    }

    private final String nodeUrl;
    private final String nodeAddress;
    private final String chainKey;
    private final ChainSync sync;
    private final IndexStore store;
    private final ScheduledExecutorService thread;
    private final BundleContext context;
    private final LiveIndex live = new LiveIndex();
    private final PartyLookups lookups;
    private volatile Instant syncedAt;
    private volatile String lastError;
    private volatile boolean fullSyncWanted = true;
    private ServiceRegistration<?> registration;
    private ServiceRegistration<RegistryPublisher> publisherRegistration;

    @Activate
    public ChainRegistry(Config config, NodeConfiguration node, BundleContext context,
                         @Reference(target = Store.DATA_SOURCE_TARGET) DataSource dataSource) throws Exception {
        this.context = context;
        this.nodeUrl = node.ocn_node_url();
        String provider = node.ocn_node_web3_provider();
        if (provider == null || provider.isBlank()) {
            nodeAddress = null;
            chainKey = null;
            sync = null;
            store = null;
            thread = null;
            lookups = null;
            LOG.info("No ocn.node.web3.provider: the embedded local registry is in use");
            return;
        }
        String registry = node.ocn_node_web3_contracts_registry();
        if (registry == null || registry.isBlank()) {
            throw new IllegalArgumentException("ocn.node.web3.provider is set but ocn.node.web3.contracts.registry is not");
        }
        nodeAddress = EthereumKey.fromPrivateKey(node.ocn_node_privateKey()).address();
        chainKey = provider + "|" + registry.toLowerCase() + "|" + node.ocn_node_web3_contracts_permissions().toLowerCase();
        JdkWeb3jService rpc = new JdkWeb3jService(provider, Duration.ofMillis(config.requestTimeoutMs()));
        RegistryContracts contracts = new RegistryContracts(rpc, registry, node.ocn_node_web3_contracts_permissions());
        sync = new ChainSync(contracts);
        lookups = new PartyLookups(contracts, () -> System.nanoTime() / 1_000_000);
        store = new IndexStore(dataSource);
        store.load(chainKey).ifPresent(saved -> {
            live.synced(saved.index());
            syncedAt = saved.syncedAt();
            LOG.info("Registry index from the store: block {}, read {}", live.current().block(), syncedAt);
        });
        // at once, even before the index is read: a registration must be decided by the chain, never by the local
        // registry's rules, and /health says DOWN until the registry was read
        register();
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ocn-registry-chain");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::syncOnce, 0, config.pollIntervalMs(), TimeUnit.MILLISECONDS);
        // publishing needs no index: the node's services can be published as soon as the chain answers
        ChainPublisher publisher = new ChainPublisher(contracts, new ChainTransactions(rpc, node.ocn_node_privateKey(),
                Duration.ofMillis(config.transactionTimeoutMs()), RECEIPT_POLL), registry,
                node.ocn_node_web3_contracts_permissions());
        Dictionary<String, Object> publisherProps = new Hashtable<>();
        publisherProps.put(NetworkRegistry.NAME, "chain");
        publisherRegistration = context.registerService(RegistryPublisher.class, publisher, publisherProps);
        LOG.info("Following the OCN Registry {} at {} as operator {}", registry, provider, nodeAddress);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (publisherRegistration != null) {
            publisherRegistration.unregister();
        }
        synchronized (this) {
            if (registration != null) {
                registration.unregister();
                registration = null;
            }
        }
        if (thread != null) {
            thread.shutdownNow();
            thread.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private synchronized void register() {
        if (registration == null) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(NetworkRegistry.NAME, "chain");
            props.put(HealthIndicator.NAME, "registry");
            props.put(Constants.SERVICE_RANKING, 10);
            registration = context.registerService(new String[] {NetworkRegistry.class.getName(),
                    HealthIndicator.class.getName()}, this, props);
        }
    }

    private void syncOnce() {
        try {
            ChainIndex before = live.current();
            ChainIndex read = fullSyncWanted || before.block() < 0 ? sync.full() : sync.follow(before);
            boolean wasFull = fullSyncWanted;
            fullSyncWanted = false;
            ChainIndex next = live.synced(read);
            syncedAt = Instant.now();
            if (lastError != null) {
                LOG.info("Registry reachable again at block {}", next.block());
                lastError = null;
            }
            if (wasFull || read != before) {
                store.save(chainKey, next, syncedAt);
            }
            if (wasFull) {
                LOG.info("Registry read at block {}: {} nodes, {} parties, {} services", next.block(),
                        next.nodes().size(), next.parties().size(), next.services().size());
                checkOwnListing(next);
            }
            register();
        } catch (Exception | LinkageError e) {
            // a throw out of a scheduled task silently ends the schedule: every failure is caught and reported
            String error = e.getMessage() == null ? e.toString() : e.getMessage();
            if (!error.equals(lastError)) {
                LOG.warn("Registry not reachable, serving the index of block {}: {}", live.current().block(),
                        e.toString());
            }
            lastError = error;
        }
    }

    private void checkOwnListing(ChainIndex current) {
        Optional<String> listed = current.domainOf(nodeAddress);
        if (listed.isEmpty()) {
            LOG.warn("This node (operator {}) is not listed in the OCN Registry: set its node with ocn.node.url {}",
                    nodeAddress, nodeUrl);
        } else if (!listed.get().equals(nodeUrl)) {
            LOG.warn("The OCN Registry lists this node's operator {} at {}, but ocn.node.url is {}", nodeAddress,
                    listed.get(), nodeUrl);
        }
    }

    @Override
    public void refresh() {
        fullSyncWanted = true;
        if (thread != null) {
            thread.execute(this::syncOnce);
        }
    }

    @Override
    public String name() {
        return "chain";
    }

    /**
     * {@inheritDoc}
     *
     * <p>Admitted at once when the index lists the party with this node's operator. Otherwise the chain is asked now
     * (bounded by {@code requestTimeoutMs}): a party that listed itself a moment ago registers without waiting for
     * the index (decisions §12), and the index learns of it.
     */
    @Override
    public Admission admit(CredentialsRole role, Set<PartyId> namedWhenIssued) {
        PartyId id = role.party();
        Optional<ChainIndex.Party> indexed = live.listed(id).map(LiveIndex.Listed::party);
        if (indexed.isPresent() && Ethereum.sameAddress(indexed.get().operator(), nodeAddress)) {
            return Admission.granted();
        }
        Optional<PartyLookups.Found> found;
        try {
            found = lookups.read(id);
        } catch (IOException | RuntimeException e) {
            String error = e.getMessage() == null ? e.toString() : e.getMessage();
            return Admission.refused("the OCN Registry cannot be reached to check party " + id + " (" + error
                    + "), and the node's copy of it (block " + live.current().block() + ") "
                    + indexed.map(p -> "lists it with operator " + Ethereum.checksum(p.operator()) + ", not with this"
                    + " node (" + nodeAddress + ")").orElse("does not list it"));
        }
        if (found.isEmpty()) {
            return Admission.refused("party " + id + " is not listed in the OCN Registry");
        }
        lookups.forget(id);
        live.found(found.get());
        String operator = found.get().party().operator();
        if (!Ethereum.sameAddress(operator, nodeAddress)) {
            return Admission.refused("party " + id + " is listed in the OCN Registry with operator "
                    + Ethereum.checksum(operator) + ", not with this node (" + nodeAddress + ")");
        }
        return Admission.granted();
    }

    /**
     * {@inheritDoc}
     *
     * <p>From the index; a party it does not know is looked up on the chain (at most a few at once, a party found
     * not listed is not asked for again within a second, and none while the chain failed a read in the last
     * seconds), so that a party listed a moment ago is found.
     */
    @Override
    public Optional<PartyListing> findParty(PartyId id) {
        Optional<LiveIndex.Listed> known = live.listed(id);
        if (known.isPresent()) {
            return known.map(LiveIndex.Listed::listing);
        }
        if (lastError != null) {
            return Optional.empty();
        }
        Optional<PartyLookups.Found> found = lookups.onMiss(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        live.found(found.get());
        return live.listed(id).map(LiveIndex.Listed::listing);
    }

    @Override
    public List<PartyListing> parties() {
        ChainIndex current = live.current();
        return current.parties().values().stream().map(p -> LiveIndex.listing(current, p)).toList();
    }

    @Override
    public List<ServiceAgreement> agreementsOf(PartyId user) {
        ChainIndex current = live.current();
        Optional<ChainIndex.Party> party = live.listed(user).map(LiveIndex.Listed::party);
        if (party.isEmpty()) {
            return List.of();
        }
        List<ServiceAgreement> agreements = new ArrayList<>();
        for (String provider : current.agreements().getOrDefault(ChainIndex.key(party.get().address()), Set.of())) {
            ChainIndex.Service service = current.services().get(provider);
            ChainIndex.Party providerParty = current.parties().get(provider);
            if (service == null || providerParty == null) {
                continue; // the service or its provider's listing was deleted since the agreement was made
            }
            Set<ServicePermission> permissions = service.permissions().stream().map(ServicePermission::ofId)
                    .flatMap(Optional::stream).collect(Collectors.toSet());
            findParty(providerParty.id()).ifPresent(listing ->
                    agreements.add(new ServiceAgreement(listing, service.name(), service.url(), permissions)));
        }
        return agreements;
    }

    @Override
    public List<NodeListing> nodes() {
        return live.current().nodes().entrySet().stream()
                .map(e -> new NodeListing(e.getValue(), Ethereum.checksum(e.getKey())))
                .collect(Collectors.toList());
    }

    @Override
    public HealthState check() {
        ChainIndex current = live.current();
        Instant at = syncedAt;
        if (current.block() < 0 || at == null) {
            return HealthState.down("the registry was never read" + (lastError == null ? "" : ": " + lastError));
        }
        long age = Duration.between(at, Instant.now()).toSeconds();
        String detail = "chain, block " + current.block() + ", read " + age + " s ago";
        return HealthState.up(lastError == null ? detail : detail + "; chain unreachable: " + lastError);
    }
}
