package org.ocn.node.router.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.ocn.node.api.ocpi.OcpiStatus;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.crypto.EthereumKey;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.registry.NetworkRegistry;
import org.ocn.node.rules.OcnRules;
import org.ocn.node.services.ServiceDirectory;
import org.ocn.node.settings.NodeConfiguration;
import org.ocn.node.spi.client.OcpiClient;
import org.ocn.node.spi.client.OutgoingRequest;
import org.ocn.node.spi.endpoints.OcpiEndpointProvider;
import org.ocn.node.spi.endpoints.ServedEndpoint;
import org.ocn.node.spi.listeners.OcpiMessageListener;
import org.ocn.node.spi.routing.OcpiModuleHandler;
import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;
import org.ocn.node.store.Store;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the router (PID {@code ocn.router}): the module handlers and message listeners (whiteboards), the registry,
 * services and OcnRules in use (followed without restarting), the proxies' store, the forwarding client and the
 * signatures; it builds the {@link Router} and {@link Dispatcher} that the two servlets use
 * ({@link RoutedRequestServlet} for parties, {@link NodeMessageServlet} for other nodes) and serves the node's own
 * {@link OcpiClient}: requests of the node and of the services running on it go straight to their recipient (no module
 * handler: the node's proxies are for HTTP parties), after the recipient's OcnRules.
 *
 * <p>A configuration change restarts it, and with it the servlets: requests in flight complete on the old instance.
 */
@Component(name = "ocn.router", configurationPid = {"ocn.router", NodeConfiguration.PID},
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {RoutingCore.class, OcpiEndpointProvider.class, OcpiClient.class})
public class RoutingCore implements OcpiEndpointProvider, OcpiClient {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingCore.class);

    @ObjectClassDefinition(id = "ocn.router", pid = "ocn.router", name = "OCN router",
            description = "Forwarding of routed OCPI requests and the lifetime of the node's proxies.")
    @interface Config {
        @AttributeDefinition(description = "Time a recipient has to answer a forwarded request, in milliseconds; then the sender gets 4002.")
        long requestTimeoutMs() default 30_000;

        @AttributeDefinition(description = "Time to connect to a recipient, in milliseconds; then the sender gets 4003.")
        long connectTimeoutMs() default 5_000;

        @AttributeDefinition(description = "Largest request or answer body passed on, in bytes.")
        int maxBodyBytes() default 16 * 1024 * 1024;

        @AttributeDefinition(description = "Connections kept open to one recipient at most.")
        int maxConnectionsPerRecipient() default 64;

        @AttributeDefinition(description = "How long next-page links keep working after the last page of their list was read, in milliseconds.")
        long pageLinkTtlMs() default 3_600_000;

        @AttributeDefinition(description = "How long any proxy (next-page link, CDR Location, response_url) works at most, in milliseconds.")
        long proxyMaxAgeMs() default 86_400_000;
    }

    private final PartyDirectory directory;
    private final PartyId nodeIdentity;
    private final int maxBodyBytes;
    private final HandlerRegistry handlers;
    private final ListenerRegistry listeners;
    private final Forwarder forwarder;
    private final ScheduledExecutorService housekeeping;
    private final Signatures signatures;
    private final Router router;
    private final Dispatcher dispatcher;
    private final ReplyWriter writer;

    /** The best-ranked registry: the local one, or the chain's when configured; followed without restarting. */
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            cardinality = ReferenceCardinality.OPTIONAL)
    private volatile NetworkRegistry registry;

    /** The services running on this node (plugins); without the services bundle there are none. */
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            cardinality = ReferenceCardinality.OPTIONAL)
    private volatile ServiceDirectory services;

    /** The OcnRules of the parties connected here; without the rules bundle nobody is refused. */
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            cardinality = ReferenceCardinality.OPTIONAL)
    private volatile OcnRules rules;

    @Activate
    public RoutingCore(@Reference PartyDirectory directory,
                       @Reference(target = Store.DATA_SOURCE_TARGET) DataSource dataSource,
                       Config config, NodeConfiguration node) throws Exception {
        this.directory = directory;
        this.nodeIdentity = PartyId.of(node.ocn_node_countryCode(), node.ocn_node_partyId());
        this.maxBodyBytes = config.maxBodyBytes();
        JsonBodies json = new JsonBodies();
        ProxyStore proxyStore = new ProxyStore(dataSource);
        forwarder = new Forwarder(new Forwarder.Settings(config.requestTimeoutMs(), config.connectTimeoutMs(),
                config.maxBodyBytes(), config.maxConnectionsPerRecipient()), json);
        housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ocn-router-housekeeping");
            t.setDaemon(true);
            return t;
        });
        Duration grace = Duration.ofMillis(node.ocn_node_plugins_grace());
        handlers = new HandlerRegistry(housekeeping, grace);
        listeners = new ListenerRegistry(grace);
        EthereumKey nodeKey = EthereumKey.fromPrivateKey(node.ocn_node_privateKey());
        signatures = new Signatures(nodeKey, node.ocn_node_signatures(), () -> registry, json);
        Recipients recipients = new Recipients(directory, () -> registry, () -> services, node.ocn_node_url(), grace);
        Delivery delivery = new Delivery(forwarder, signatures, json, nodeKey);
        Proxies proxies = new Proxies(proxyStore, recipients, delivery, signatures, json, node.ocn_node_url(),
                new Proxies.Lifetimes(Duration.ofMillis(config.pageLinkTtlMs()),
                        Duration.ofMillis(config.proxyMaxAgeMs())));
        router = new Router(recipients, delivery, proxies, signatures, () -> registry, () -> rules,
                node.ocn_node_serviceInterfaceEnabled());
        dispatcher = new Dispatcher(router, handlers, listeners, signatures);
        writer = new ReplyWriter(signatures, listeners,
                config.requestTimeoutMs() + config.connectTimeoutMs() + 10_000);
        housekeeping.scheduleWithFixedDelay(proxies::removeExpired, 1, 1, TimeUnit.MINUTES);
        LOG.info("Router ready: {} live proxies", proxies.size());
    }

    @Deactivate
    void deactivate() throws Exception {
        housekeeping.shutdownNow();
        forwarder.stop();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addHandler(OcpiModuleHandler handler, Map<String, Object> properties) {
        handlers.add(handler, properties);
    }

    void removeHandler(OcpiModuleHandler handler, Map<String, Object> properties) {
        handlers.remove(properties);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(OcpiMessageListener listener, Map<String, Object> properties) {
        listeners.add(listener, properties);
    }

    void removeListener(OcpiMessageListener listener) {
        listeners.remove(listener);
    }

    @Override
    public List<ServedEndpoint> servedEndpoints() {
        return handlers.served();
    }

    /** @return what the router's health indicator reports */
    String status() {
        return handlers.size() + " module interfaces, " + router.proxies().size() + " live proxies, "
                + listeners.size() + " listeners, " + handlers.waiting() + " requests waiting for a module";
    }

    /**
     * {@inheritDoc}
     *
     * <p>The request goes straight to its recipient (no module handler: the node's proxies are for HTTP parties),
     * after the recipient's OcnRules.
     */
    @Override
    public CompletionStage<OcpiReply> send(OutgoingRequest outgoing) {
        PartyId from = outgoing.from();
        if (!from.equals(nodeIdentity) && router.recipients().service(from).isEmpty()) {
            return CompletableFuture.completedFuture(OcpiReply.error(200, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                    "Only the node (" + nodeIdentity + ") and the services running on it send through the node's "
                            + "client, not " + from));
        }
        Map<String, String> headers = OcpiHeaders.routing(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                from, outgoing.to());
        if (outgoing.body().length > 0) {
            headers.put(OcpiHeaders.CONTENT_TYPE, "application/json");
        }
        OcpiRequest request = signatures.signAsNode(new OcpiRequest(outgoing.method(), outgoing.version(),
                outgoing.module(), outgoing.role(), outgoing.path(), outgoing.query(), headers, outgoing.body(), from,
                outgoing.to()));
        try {
            Route route = router.route(request);
            Optional<OcpiReply> refused = router.refusal(route, false); // the node signed it itself
            return refused.isPresent() ? CompletableFuture.completedFuture(refused.get())
                    : router.deliver(request, route.destination());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    PartyDirectory directory() {
        return directory;
    }

    PartyId nodeIdentity() {
        return nodeIdentity;
    }

    int maxBodyBytes() {
        return maxBodyBytes;
    }

    Router router() {
        return router;
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    ReplyWriter writer() {
        return writer;
    }
}
