package org.ocn.node.router.internal;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.ModuleId;
import org.ocn.node.api.ocpi.OcpiStatus;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.VersionNumber;
import org.ocn.node.crypto.EcSignature;
import org.ocn.node.crypto.EthereumKey;
import org.ocn.node.crypto.SignerKeys;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.registry.NetworkRegistry;
import org.ocn.node.registry.PartyListing;
import org.ocn.node.rules.OcnRules;
import org.ocn.node.services.ServiceDirectory;
import org.ocn.node.spi.client.OcpiClient;
import org.ocn.node.spi.client.OutgoingRequest;
import org.ocn.node.spi.listeners.OcpiMessageListener;
import org.ocn.node.parties.Platform;
import org.ocn.node.settings.NodeConfiguration;
import org.ocn.node.spi.endpoints.OcpiEndpointProvider;
import org.ocn.node.spi.endpoints.ServedEndpoint;
import org.ocn.node.spi.health.HealthIndicator;
import org.ocn.node.spi.health.HealthState;
import org.ocn.node.spi.routing.OcpiModuleHandler;
import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;
import org.ocn.node.store.Store;
import org.ocn.node.web.json.InvalidPayloadException;
import org.ocn.node.web.servlet.OcpiExchange;
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
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Receives every routed OCPI request: functional modules at {@code /ocpi/{sender|receiver}/{2.2.1|2.2}/{module}/...}
 * and custom modules at {@code /ocpi/custom/{sender|receiver}/{module}/...} (decisions §3).
 *
 * <p>For each request, in this order: the sender is authenticated by its platform's token C (else 401/2000); the
 * routing headers {@code X-Request-ID}, {@code X-Correlation-ID} and {@code OCPI-from/to-country-code/party-id} must
 * be present and well formed (else 2001), and the {@code OCPI-from} party must belong to the sender's platform (else
 * 2001); a body larger than the configured limit is refused (2001); the recipient must be a party connected to this
 * node (else 4001); next-page links the node handed out are answered here; every other request goes to the module's
 * {@link OcpiModuleHandler} (see its javadoc for the selection contract), or, for a custom module without a handler
 * of its own, straight to the recipient's endpoint with that identifier. A standard module without a handler answers
 * 2001 "module ... is not available on this node".
 *
 * <p>Forwarding does not hold a thread while the recipient works (servlet async, Jetty's asynchronous client). The
 * sender gets its own {@code X-Request-ID} and {@code X-Correlation-ID} back with the recipient's HTTP status, body
 * (byte for byte) and OCPI headers.
 *
 * <p>Other nodes: a recipient that is not connected here but listed in the registry with another node is reached with
 * {@code POST {node}/ocn/message} (the reference format, signed by this node's key); next-page links, CDR locations
 * and response URLs work across nodes. This servlet also answers {@code /ocn/message} for other nodes: the signer
 * must be the registry operator of the sending party (else 4003), the sending party listed (else 4001), the
 * recipient connected here (else 4001).
 */
@Component(name = "ocn.router", configurationPid = {"ocn.router", NodeConfiguration.PID},
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {Servlet.class, OcpiEndpointProvider.class, HealthIndicator.class, OcpiClient.class},
        property = HealthIndicator.NAME + "=router")
@HttpWhiteboardServletPattern({"/ocpi/sender/*", "/ocpi/receiver/*", "/ocpi/custom/*", "/ocn/message"})
@HttpWhiteboardServletAsyncSupported
public class RouterServlet extends HttpServlet implements OcpiEndpointProvider, HealthIndicator, OcpiClient {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RouterServlet.class);
    private static final Pattern PROXY_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern MODULE_ID = Pattern.compile("[A-Za-z0-9_.~-]{1,64}");
    private static final List<String> ROUTING_HEADERS = List.of("X-Request-ID", "X-Correlation-ID",
            "OCPI-from-country-code", "OCPI-from-party-id", "OCPI-to-country-code", "OCPI-to-party-id");
    /** {@link #ROUTING_HEADERS} in lower case, the keys of {@link OcpiRequest#headers()}. */
    private static final List<String> ROUTING_HEADER_KEYS = ROUTING_HEADERS.stream()
            .map(name -> name.toLowerCase(Locale.ROOT)).toList();
    private static final Map<String, String> HEADER_NAMES = Map.of(
            "ocpi-from-country-code", "OCPI-from-country-code", "ocpi-from-party-id", "OCPI-from-party-id",
            "ocpi-to-country-code", "OCPI-to-country-code", "ocpi-to-party-id", "OCPI-to-party-id",
            "x-total-count", "X-Total-Count", "x-limit", "X-Limit", "link", "Link", "location", "Location");

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

    private final transient PartyDirectory directory;
    private final transient HandlerRegistry handlers;
    private final transient ListenerRegistry listeners;
    private final transient OcpiExchange exchange = new OcpiExchange(new org.ocn.node.web.json.OcpiJson());
    private final transient ProxyStore proxies;
    private final transient Forwarder forwarder;
    private final transient Router router;
    private final transient ScheduledExecutorService housekeeping;
    private final transient Config config;
    private final transient PartyId nodeIdentity;
    private final transient Signatures signatures;
    /** The keys of the nodes whose messages arrived here (signatures checked against a known key, not recovered). */
    private final transient SignerKeys nodeSigners = new SignerKeys();

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
    public RouterServlet(@Reference PartyDirectory directory,
                         @Reference(target = Store.DATA_SOURCE_TARGET) DataSource dataSource,
                         Config config, NodeConfiguration node) throws Exception {
        this.directory = directory;
        this.config = config;
        this.nodeIdentity = PartyId.of(node.ocn_node_countryCode(), node.ocn_node_partyId());
        JsonBodies json = new JsonBodies();
        proxies = new ProxyStore(dataSource);
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
        router = new Router(directory, forwarder, proxies, json, node.ocn_node_url(),
                new Router.Lifetimes(Duration.ofMillis(config.pageLinkTtlMs()), Duration.ofMillis(config.proxyMaxAgeMs())),
                () -> registry, nodeKey, signatures, node.ocn_node_serviceInterfaceEnabled(), () -> services, grace);
        housekeeping.scheduleWithFixedDelay(this::removeExpiredProxies, 1, 1, TimeUnit.MINUTES);
        LOG.info("Router ready: {} live proxies", proxies.size());
    }

    @Deactivate
    void deactivate() throws Exception {
        housekeeping.shutdownNow();
        forwarder.stop();
    }

    private void removeExpiredProxies() {
        try {
            int removed = proxies.removeExpired(Instant.now());
            if (removed > 0) {
                LOG.debug("{} expired proxies removed", removed);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Expired proxies could not be removed: {}", e.toString());
        }
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

    @Override
    public HealthState check() {
        return HealthState.up(handlers.size() + " module interfaces, " + proxies.size() + " live proxies, "
                + listeners.size() + " listeners, " + handlers.waiting() + " requests waiting for a module");
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
        if (!from.equals(nodeIdentity) && router.service(from).isEmpty()) {
            return CompletableFuture.completedFuture(OcpiReply.error(200, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                    "Only the node (" + nodeIdentity + ") and the services running on it send through the node's "
                            + "client, not " + from));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-request-id", UUID.randomUUID().toString());
        headers.put("x-correlation-id", UUID.randomUUID().toString());
        headers.put("ocpi-from-country-code", from.countryCode());
        headers.put("ocpi-from-party-id", from.partyId());
        headers.put("ocpi-to-country-code", outgoing.to().countryCode());
        headers.put("ocpi-to-party-id", outgoing.to().partyId());
        if (outgoing.body().length > 0) {
            headers.put("content-type", "application/json");
        }
        OcpiRequest request = signatures.signAsNode(new OcpiRequest(outgoing.method(), outgoing.version(),
                outgoing.module(), outgoing.role(), outgoing.path(), outgoing.query(), headers, outgoing.body(), from,
                outgoing.to()));
        OcnRules current = rules;
        if (router.recipient(outgoing.to()).isPresent() && current != null) {
            Optional<String> refusal = current.refusal(outgoing.to(), from, outgoing.module());
            if (refusal.isPresent()) {
                return CompletableFuture.completedFuture(OcpiReply.error(200, OcpiStatus.CLIENT_ERROR, refusal.get()));
            }
        }
        try {
            return router.deliver(request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Where a request is going, read from its path. */
    private record Target(InterfaceRole role, VersionNumber version, String module, String rest, boolean custom) {
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.getServletPath().equals("/ocn/message")) {
            nodeMessage(req, resp);
            return;
        }
        Target target = target(req);
        if (target == null) {
            exchange.error(req, resp, HttpServletResponse.SC_NOT_FOUND, OcpiStatus.CLIENT_ERROR,
                    "No OCPI endpoint at " + req.getRequestURI());
            return;
        }
        Platform platform = directory.findRegistered(OcpiExchange.tokens(req)).orElse(null);
        if (platform == null) {
            exchange.unauthorized(req, resp, "Unknown or missing token: routed requests need the credentials token "
                    + "(C) of a connected platform in 'Authorization: Token ...'");
            return;
        }
        for (String name : ROUTING_HEADERS) {
            String value = req.getHeader(name);
            if (value == null || value.isBlank()) {
                reject(req, resp, "Missing routing header " + name);
                return;
            }
        }
        PartyId sender;
        PartyId receiver;
        try {
            sender = PartyId.of(req.getHeader("OCPI-from-country-code").trim(), req.getHeader("OCPI-from-party-id").trim());
        } catch (IllegalArgumentException e) {
            reject(req, resp, "Invalid OCPI-from-* headers: " + e.getMessage());
            return;
        }
        try {
            receiver = PartyId.of(req.getHeader("OCPI-to-country-code").trim(), req.getHeader("OCPI-to-party-id").trim());
        } catch (IllegalArgumentException e) {
            reject(req, resp, "Invalid OCPI-to-* headers: " + e.getMessage());
            return;
        }
        if (!platform.hosts(sender)) {
            reject(req, resp, "The OCPI-from party " + sender + " is not one of the roles of the platform this token "
                    + "belongs to");
            return;
        }
        byte[] body;
        try {
            body = OcpiExchange.readBody(req, config.maxBodyBytes());
        } catch (InvalidPayloadException e) {
            reject(req, resp, "Invalid body: " + e.getMessage());
            return;
        }
        VersionNumber version = target.version() != null ? target.version() : platform.version();
        OcpiRequest request = new OcpiRequest(req.getMethod(), version, target.module(), target.role(), target.rest(),
                req.getQueryString(), headers(req), body, sender, receiver);

        if (receiver.equals(nodeIdentity)) {
            write(req, resp, request, OcpiReply.error(200, OcpiStatus.UNKNOWN_RECEIVER, "The node " + receiver
                    + " does not serve " + target.module() + " itself; address the party the message is for"));
            return;
        }
        if (!router.reachable(receiver) && !returning(receiver)) {
            write(req, resp, request, OcpiReply.error(200, OcpiStatus.UNKNOWN_RECEIVER,
                    "Receiver " + receiver + " is not connected to this node nor listed in the registry"));
            return;
        }
        Optional<OcpiReply> refused = checkRulesAndSignature(request, router.recipient(receiver).isPresent());
        if (refused.isPresent()) {
            write(req, resp, request, refused.get());
            return;
        }
        List<ListenerRegistry.Interested> interested = listeners.matching(request);
        OcpiRequest forwarded = enrich(request, ListenerRegistry.enriching(interested));
        answer(req, resp, forwarded, route(forwarded), interested);
    }

    /** @return whether the party is a service that went away within the grace period (its plugin is being updated) */
    private boolean returning(PartyId party) {
        CompletableFuture<Optional<org.ocn.node.services.RunningService>> back =
                router.returningService(party).toCompletableFuture();
        return !back.isDone() || back.join().isPresent();
    }

    /** Lets the listeners enrich the request, keeping a signed request verifiable (see {@link Signatures#enriched}). */
    private OcpiRequest enrich(OcpiRequest request, List<OcpiMessageListener> interested) {
        OcpiRequest current = request;
        for (OcpiMessageListener listener : interested) {
            OcpiRequest next;
            try {
                next = listener.enrich(current);
            } catch (RuntimeException e) {
                LOG.warn("Listener {} failed to enrich {} {}", listener.getClass().getName(), request.method(),
                        request.module(), e);
                continue;
            }
            if (next == null || next == current) {
                continue;
            }
            if (!next.sender().equals(current.sender()) || !next.receiver().equals(current.receiver())) {
                LOG.warn("Listener {} tried to change the parties of a request: enrichment ignored",
                        listener.getClass().getName());
                continue;
            }
            Optional<OcpiRequest> signed = signatures.enriched(current, next);
            if (signed.isEmpty()) {
                LOG.warn("Listener {} removed a signed value of a request: enrichment ignored",
                        listener.getClass().getName());
                continue;
            }
            current = signed.get();
        }
        return current;
    }

    /**
     * A request of another node for one of this node's parties ({@code POST /ocn/message}, the reference's
     * node-to-node interface). The answer is the recipient's, unproxied: the sending node proxies for its sender.
     */
    private void nodeMessage(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!req.getMethod().equals("POST")) {
            exchange.methodNotAllowed(req, resp, "POST", "node messages are POSTed");
            return;
        }
        byte[] body;
        NodeMessage message;
        try {
            body = OcpiExchange.readBody(req, config.maxBodyBytes());
            message = NodeMessage.parse(body);
        } catch (InvalidPayloadException | IllegalArgumentException e) {
            exchange.error(req, resp, HttpServletResponse.SC_BAD_REQUEST, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                    e.getMessage());
            return;
        }
        NetworkRegistry current = registry;
        Optional<PartyListing> sender = current == null ? Optional.empty() : current.findParty(message.sender());
        if (sender.isEmpty() || sender.get().operatorAddress() == null) {
            exchange.error(req, resp, HttpServletResponse.SC_OK, OcpiStatus.UNKNOWN_RECEIVER,
                    "Sending party not registered on Open Charging Network");
            return;
        }
        boolean signed;
        try {
            signed = nodeSigners.signedBy(body, EcSignature.fromHex(String.valueOf(req.getHeader("OCN-Signature"))),
                    sender.get().operatorAddress());
        } catch (IllegalArgumentException e) {
            signed = false;
        }
        if (!signed) {
            exchange.error(req, resp, HttpServletResponse.SC_OK, OcpiStatus.CONNECTION_PROBLEM,
                    "Could not verify OCN-Signature of request");
            return;
        }
        Optional<Platform> recipient = router.recipient(message.receiver());
        boolean toService = recipient.isEmpty()
                && (router.service(message.receiver()).isPresent() || returning(message.receiver()));
        if (recipient.isEmpty() && !toService) {
            exchange.error(req, resp, HttpServletResponse.SC_OK, OcpiStatus.UNKNOWN_RECEIVER,
                    "Recipient unknown to OCN Node entered in Registry");
            return;
        }
        OcpiRequest request = message.toRequest(recipient.map(Platform::version).orElse(VersionNumber.V2_2_1));
        Optional<OcpiReply> refused = checkRulesAndSignature(request, true);
        if (refused.isPresent()) {
            write(req, resp, request, refused.get());
            return;
        }
        CompletionStage<OcpiReply> reply;
        if (toService) {
            reply = router.deliver(request);
        } else if (message.proxyUid() != null && message.proxyResource() != null) {
            try {
                router.storeAnnouncedResponseUrl(message);
            } catch (SQLException e) {
                exchange.error(req, resp, HttpServletResponse.SC_OK, OcpiStatus.SERVER_ERROR,
                        "The response_url could not be stored: " + e.getMessage());
                return;
            }
            reply = router.forwardLocal(request, recipient.get());
        } else if (message.proxyResource() != null) {
            reply = router.forwardToResource(request, recipient.get(), message.proxyResource());
        } else {
            reply = router.forwardLocal(request, recipient.get());
        }
        answer(req, resp, request, reply, List.of());
    }

    /**
     * The recipient's OcnRules (when it is connected here: another node applies its own parties' rules) may refuse
     * the sender for the module (2000) or ask for signed messages; then the request's signature (see
     * {@link Signatures}).
     */
    private Optional<OcpiReply> checkRulesAndSignature(OcpiRequest request, boolean recipientHere) {
        OcnRules current = rules;
        boolean signaturesRequired = false;
        if (recipientHere && current != null) {
            Optional<String> refusal = current.refusal(request.receiver(), request.sender(), request.module());
            if (refusal.isPresent()) {
                return Optional.of(OcpiReply.error(200, OcpiStatus.CLIENT_ERROR, refusal.get()));
            }
            signaturesRequired = current.signaturesRequired(request.receiver());
        }
        return signatures.checkRequest(request, signaturesRequired);
    }

    /** Writes a reply when it is there, without holding the request's thread meanwhile. */
    private void answer(HttpServletRequest req, HttpServletResponse resp, OcpiRequest request,
                        CompletionStage<OcpiReply> reply, List<ListenerRegistry.Interested> interested) throws IOException {
        reply = reply.exceptionally(e -> {
            LOG.warn("Module {} failed on {} {}", request.module(), req.getMethod(), req.getRequestURI(), e);
            return OcpiReply.error(200, OcpiStatus.SERVER_ERROR, "The node could not process the request: " + e);
        });
        CompletableFuture<OcpiReply> done = reply.toCompletableFuture();
        if (done.isDone()) {
            write(req, resp, request, done.join());
            listeners.tell(interested, request, done.join());
            return;
        }
        AsyncContext async = req.startAsync();
        async.setTimeout(config.requestTimeoutMs() + config.connectTimeoutMs() + 10_000);
        AtomicBoolean written = new AtomicBoolean();
        async.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) throws IOException {
                if (written.compareAndSet(false, true)) {
                    write(req, (HttpServletResponse) async.getResponse(), request, OcpiReply.error(200,
                            OcpiStatus.TIMEOUT_ON_FORWARDED_REQUEST, "The recipient did not answer in time"));
                    async.complete();
                }
            }

            @Override
            public void onComplete(AsyncEvent event) {
            }

            @Override
            public void onError(AsyncEvent event) {
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        done.whenComplete((r, e) -> {
            if (!written.compareAndSet(false, true)) {
                return;
            }
            try {
                write(req, (HttpServletResponse) async.getResponse(), request, r);
            } catch (IOException | RuntimeException ex) {
                LOG.debug("Reply to {} could not be written: {}", request.sender(), ex.toString());
            } finally {
                async.complete();
            }
            listeners.tell(interested, request, r);
        });
    }

    /** @return the reply under way */
    private CompletionStage<OcpiReply> route(OcpiRequest request) {
        List<String> segments = request.pathSegments();
        if (request.method().equals("GET") && segments.size() == 2 && segments.get(0).equals("page")
                && PROXY_ID.matcher(segments.get(1)).matches()) {
            Optional<Proxy> page = router.pageLink(request, segments.get(1));
            if (page.isEmpty()) {
                return CompletableFuture.completedFuture(OcpiReply.error(404, OcpiStatus.UNKNOWN_LOCATION,
                        "Proxied resource not found: the next-page link is unknown, expired, or not yours"));
            }
            return router.forwardTo(request, page.get())
                    .thenApply(reply -> router.proxyPagination(request, reply, page.get().chainId()));
        }
        Optional<OcpiModuleHandler> handler = handlers.select(request.module(), request.role(), request.version());
        if (handler.isPresent()) {
            return handle(handler.get(), request);
        }
        // no handler now: a plugin may be being updated; wait for one up to the grace period
        return handlers.await(request.module(), request.role(), request.version()).thenCompose(found -> {
            if (found.isPresent()) {
                return handle(found.get(), request);
            }
            if (ModuleId.fromIdentifier(request.module()).isEmpty()) {
                return router.forward(request); // a custom module without a handler goes to the recipient's endpoint
            }
            return CompletableFuture.completedFuture(OcpiReply.error(200, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                    "module " + request.module() + " (" + request.role() + " interface, OCPI "
                            + request.version().text() + ") is not available on this node"));
        });
    }

    private CompletionStage<OcpiReply> handle(OcpiModuleHandler handler, OcpiRequest request) {
        try {
            CompletionStage<OcpiReply> reply = handler.handle(request, router);
            return reply != null ? reply : CompletableFuture.failedFuture(new IllegalStateException(
                    handler.getClass().getName() + " answered nothing"));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Target target(HttpServletRequest req) {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        String[] parts = path.split("/", -1);
        // ["", "ocpi", role-or-custom, ...]
        if (parts.length < 5 || !parts[1].equals("ocpi")) {
            return null;
        }
        boolean custom = parts[2].equals("custom");
        int roleAt = custom ? 3 : 2;
        int moduleAt = 4;
        InterfaceRole role;
        try {
            role = InterfaceRole.valueOf(parts[roleAt].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!parts[roleAt].equals(role.pathSegment())) {
            return null;
        }
        VersionNumber version = null;
        if (!custom) {
            Optional<VersionNumber> v = VersionNumber.parse(parts[3]);
            if (v.isEmpty() || !(v.get() == VersionNumber.V2_2_1 || v.get() == VersionNumber.V2_2)) {
                return null;
            }
            version = v.get();
        }
        String module = parts[moduleAt];
        if (!MODULE_ID.matcher(module).matches()) {
            return null;
        }
        if (!custom && (ModuleId.fromIdentifier(module).isEmpty()
                || ModuleId.fromIdentifier(module).get().isConfiguration())) {
            return null;
        }
        String rest = parts.length > moduleAt + 1
                ? "/" + String.join("/", Arrays.copyOfRange(parts, moduleAt + 1, parts.length)) : "";
        return new Target(role, version, module, rest, custom);
    }

    private static Map<String, String> headers(HttpServletRequest req) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < ROUTING_HEADERS.size(); i++) {
            headers.put(ROUTING_HEADER_KEYS.get(i), req.getHeader(ROUTING_HEADERS.get(i)).trim());
        }
        String signature = req.getHeader("OCN-Signature");
        if (signature != null) {
            headers.put("ocn-signature", signature);
        }
        String type = req.getHeader("Content-Type");
        if (type != null) {
            headers.put("content-type", type);
        }
        return headers;
    }

    private void reject(HttpServletRequest req, HttpServletResponse resp, String message) throws IOException {
        exchange.error(req, resp, HttpServletResponse.SC_OK, OcpiStatus.INVALID_OR_MISSING_PARAMETERS, message);
    }

    /** Writes a reply; when every message must be signed, the node signs the answers it makes itself. */
    private void write(HttpServletRequest req, HttpServletResponse resp, OcpiRequest request, OcpiReply answer)
            throws IOException {
        OcpiReply reply = signatures.signOwn(answer);
        resp.setStatus(reply.status());
        resp.setContentType("application/json");
        resp.setHeader("X-Request-ID", request.requestId());
        resp.setHeader("X-Correlation-ID", request.correlationId());
        reply.headers().forEach((name, value) -> resp.setHeader(HEADER_NAMES.getOrDefault(name, name), value));
        resp.setContentLength(reply.body().length);
        resp.getOutputStream().write(reply.body());
        resp.flushBuffer();
    }
}
