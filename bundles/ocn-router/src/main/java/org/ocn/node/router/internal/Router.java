package org.ocn.node.router.internal;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.ocn.node.api.ocpi.Endpoint;
import org.ocn.node.api.ocpi.OcpiStatus;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.crypto.EthereumKey;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.registry.NetworkRegistry;
import org.ocn.node.registry.PartyListing;
import org.ocn.node.registry.ServiceAgreement;
import org.ocn.node.services.RunningService;
import org.ocn.node.services.ServiceDirectory;
import org.ocn.node.parties.Platform;
import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;
import org.ocn.node.spi.routing.OcpiRouting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's side of {@link OcpiRouting}: forwarding to local recipients and the node's proxies. Stateless apart
 * from the proxy store; one instance serves every request.
 */
final class Router implements OcpiRouting {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    /** Proxy lifetimes. */
    record Lifetimes(Duration afterLastPage, Duration maxAge) {
    }

    private final PartyDirectory directory;
    private final Forwarder forwarder;
    private final ProxyStore proxies;
    private final JsonBodies json;
    private final String nodeUrl;
    private final Lifetimes lifetimes;
    private final Supplier<NetworkRegistry> registry;
    private final EthereumKey nodeKey;
    private final Signatures signatures;
    private final boolean copiesToServices;
    private final Supplier<ServiceDirectory> services;
    private final Duration grace;
    /** response_url proxies announced to another node, by id, until the message that carries them is sent. */
    private final Map<String, String> pendingRemoteResponseUrls = new ConcurrentHashMap<>();

    Router(PartyDirectory directory, Forwarder forwarder, ProxyStore proxies, JsonBodies json, String nodeUrl,
           Lifetimes lifetimes, Supplier<NetworkRegistry> registry, EthereumKey nodeKey, Signatures signatures,
           boolean copiesToServices, Supplier<ServiceDirectory> services, Duration grace) {
        this.directory = directory;
        this.forwarder = forwarder;
        this.proxies = proxies;
        this.json = json;
        this.nodeUrl = nodeUrl;
        this.lifetimes = lifetimes;
        this.registry = registry;
        this.nodeKey = nodeKey;
        this.signatures = signatures;
        this.copiesToServices = copiesToServices;
        this.services = services;
        this.grace = grace;
    }

    /** @return the registered platform hosting this party */
    Optional<Platform> recipient(PartyId party) {
        return directory.findByParty(party).filter(Platform::isRegistered);
    }

    /** @return the public URL of the other node a party is connected to, per the registry */
    Optional<String> remoteNode(PartyId party) {
        NetworkRegistry current = registry.get();
        if (current == null) {
            return Optional.empty();
        }
        return current.findParty(party).map(PartyListing::nodeUrl)
                .filter(url -> !url.isBlank() && !sameNode(url, nodeUrl));
    }

    private static boolean sameNode(String a, String b) {
        return strip(a).equalsIgnoreCase(strip(b));
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** @return the service running here with this identity */
    Optional<RunningService> service(PartyId party) {
        ServiceDirectory current = services.get();
        return current == null ? Optional.empty() : current.find(party);
    }

    /**
     * @return the service with this identity once it runs again, when it went away within the grace period (its
     *         plugin is being updated); at once empty otherwise
     */
    CompletionStage<Optional<RunningService>> returningService(PartyId party) {
        ServiceDirectory current = services.get();
        return current == null ? done(Optional.empty()) : current.awaitReturn(party, grace);
    }

    /** @return whether the party can be reached: connected here, a service here, or listed with another node */
    boolean reachable(PartyId party) {
        return recipient(party).isPresent() || service(party).isPresent() || remoteNode(party).isPresent();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Once the recipient answered, the request is copied to the services the sender agreed to whose permissions
     * cover the module interface (Permissions contract; revoked agreements do not count).
     */
    @Override
    public CompletionStage<OcpiReply> forward(OcpiRequest request) {
        CompletionStage<OcpiReply> reply = deliver(request);
        if (copiesToServices) {
            reply.whenComplete((r, e) -> copyToServices(request));
        }
        return reply;
    }

    /**
     * Delivers a request to its recipient: a party connected here, a service running here, or a party of another node;
     * a service that is being updated is waited for up to the grace period.
     */
    CompletionStage<OcpiReply> deliver(OcpiRequest request) {
        Optional<Platform> recipient = recipient(request.receiver());
        if (recipient.isPresent()) {
            return forwardLocal(request, recipient.get());
        }
        Optional<RunningService> service = service(request.receiver());
        if (service.isPresent()) {
            return callService(service.get(), request);
        }
        Optional<String> node = remoteNode(request.receiver());
        if (node.isPresent()) {
            String[] proxy = announcedResponseUrl(request);
            return sendToNode(node.get(), NodeMessage.of(request, proxy[0], proxy[1]), request);
        }
        return returningService(request.receiver()).thenCompose(back -> back.isPresent()
                ? callService(back.get(), request)
                : done(OcpiReply.error(200, OcpiStatus.UNKNOWN_RECEIVER, "Receiver " + request.receiver()
                        + " is not connected to this node nor listed in the registry")));
    }

    /** Hands a request to a service running here; its failures become 3000 answers. */
    CompletionStage<OcpiReply> callService(RunningService service, OcpiRequest request) {
        CompletionStage<OcpiReply> reply;
        try {
            reply = service.service().handle(request);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        if (reply == null) {
            reply = CompletableFuture.failedFuture(new IllegalStateException("no answer"));
        }
        String name = service.descriptor().name();
        return reply.handle((r, e) -> {
            if (e != null || r == null) {
                LOG.warn("Service {} ({}) failed on {} {}", name, request.receiver(), request.method(), request.module(), e);
                return OcpiReply.error(200, OcpiStatus.SERVER_ERROR, "The service " + name + " could not answer: "
                        + (e == null ? "no answer" : e.getMessage()));
            }
            return r;
        });
    }

    /**
     * Copies a request to the services its sender agreed to, as the reference node v1 does: addressed to the
     * service's party ({@code OCPI-to-*} rewritten and, when signed, re-signed by the node); answers are ignored.
     */
    void copyToServices(OcpiRequest request) {
        NetworkRegistry current = registry.get();
        if (current == null) {
            return;
        }
        List<ServiceAgreement> agreements;
        try {
            agreements = current.agreementsOf(request.sender());
        } catch (RuntimeException e) {
            LOG.warn("Services of {} could not be read: {}", request.sender(), e.toString());
            return;
        }
        for (ServiceAgreement agreement : agreements) {
            PartyId provider = agreement.provider().party();
            if (!agreement.covers(request.module(), request.role()) || provider.equals(request.receiver())
                    || provider.equals(request.sender())) {
                continue;
            }
            Map<String, String> headers = new LinkedHashMap<>(request.headers());
            headers.put("ocpi-to-country-code", provider.countryCode());
            headers.put("ocpi-to-party-id", provider.partyId());
            OcpiRequest copy = new OcpiRequest(request.method(), request.version(), request.module(), request.role(),
                    request.path(), request.query(), headers, request.body(), request.sender(), provider);
            Map<String, String> originals = new LinkedHashMap<>();
            originals.put("$['headers']['ocpi-to-country-code']", request.header("ocpi-to-country-code"));
            originals.put("$['headers']['ocpi-to-party-id']", request.header("ocpi-to-party-id"));
            OcpiRequest signed = signatures.resign(request, copy, originals);
            Optional<RunningService> here = service(provider);
            if (here.isPresent()) {
                try {
                    here.get().service().copied(signed);
                } catch (RuntimeException e) {
                    LOG.warn("Service {} failed on a copy of {} {}", agreement.name(), request.method(), request.module(), e);
                }
                continue;
            }
            Optional<Platform> local = recipient(provider);
            CompletionStage<OcpiReply> sent;
            if (local.isPresent()) {
                sent = forwardLocal(signed, local.get());
            } else {
                Optional<String> node = remoteNode(provider);
                if (node.isEmpty()) {
                    LOG.debug("Service {} ({}) is not reachable", agreement.name(), provider);
                    continue;
                }
                sent = sendToNode(node.get(), NodeMessage.of(signed, null, null), signed);
            }
            sent.whenComplete((r, e) -> LOG.debug("Copy of {} {} for service {} ({}): HTTP {}", request.method(),
                    request.module(), agreement.name(), provider, r == null ? e : r.status()));
        }
    }

    /** Forwards to a party connected to this node (also for requests another node sent). */
    CompletionStage<OcpiReply> forwardLocal(OcpiRequest request, Platform recipient) {
        Optional<Endpoint> endpoint = recipient.endpoint(request.module(), request.role());
        if (endpoint.isEmpty()) {
            return done(OcpiReply.error(200, OcpiStatus.INVALID_OR_MISSING_PARAMETERS, "Receiver "
                    + request.receiver() + " does not offer module " + request.module() + " (" + request.role()
                    + " interface)"));
        }
        String url = join(endpoint.get().url(), request.path());
        if (request.query() != null) {
            url += "?" + request.query();
        }
        return send(request, recipient, url);
    }

    /**
     * Sends a node-to-node message: {@code POST {node}/ocn/message}, signed by this node's key
     * ({@code OCN-Signature}: EIP-191 over the body, hex without 0x, as the reference node writes it).
     */
    CompletionStage<OcpiReply> sendToNode(String node, NodeMessage message, OcpiRequest request) {
        byte[] body = message.toBytes(json);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Request-ID", requestId());
        headers.put("OCN-Signature", nodeKey.signPrefixedMessage(body).toHex());
        return forwarder.send("POST", strip(node) + "/ocn/message", headers, body,
                (reply, signature) -> signatures.checkResponse(request, reply, signature));
    }

    /** @return proxy_uid and proxy_resource for a response_url rewritten towards another node, or nulls */
    private String[] announcedResponseUrl(OcpiRequest request) {
        if (pendingRemoteResponseUrls.isEmpty()) {
            return new String[2];
        }
        String rewritten = null;
        Links.Parameter parameter = Links.parameter(request.query(), "response_url");
        if (parameter != null) {
            rewritten = parameter.value();
        } else {
            JsonBodies.Found found = json.topLevelString(request.body(), "response_url");
            if (found != null) {
                rewritten = found.value();
            }
        }
        if (rewritten == null) {
            return new String[2];
        }
        String id = rewritten.substring(rewritten.lastIndexOf('/') + 1);
        String original = pendingRemoteResponseUrls.remove(id);
        return original == null ? new String[2] : new String[] {id, original};
    }

    /** Stores a response_url another node announced (proxy_uid, proxy_resource) for its party. */
    void storeAnnouncedResponseUrl(NodeMessage message) throws SQLException {
        proxies.create(message.proxyUid(), Proxy.Kind.RESPONSE_URL, message.sender(), message.receiver(),
                message.proxyResource(), null, Instant.now().plus(lifetimes.maxAge()));
    }

    private CompletionStage<OcpiReply> send(OcpiRequest request, Platform recipient, String url) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", recipient.tokenEncoding().authorizationHeader(recipient.tokenB()));
        headers.put("X-Request-ID", requestId());
        headers.put("X-Correlation-ID", request.correlationId());
        headers.put("OCPI-from-country-code", request.header("ocpi-from-country-code"));
        headers.put("OCPI-from-party-id", request.header("ocpi-from-party-id"));
        headers.put("OCPI-to-country-code", request.header("ocpi-to-country-code"));
        headers.put("OCPI-to-party-id", request.header("ocpi-to-party-id"));
        if (request.header("ocn-signature") != null) {
            headers.put("OCN-Signature", request.header("ocn-signature"));
        }
        if (request.hasBody()) {
            headers.put("Content-Type", Optional.ofNullable(request.header("content-type")).orElse("application/json"));
        }
        return forwarder.send(request.method(), url, headers, request.body(),
                (reply, signature) -> signatures.checkResponse(request, reply, signature));
    }

    private static String join(String base, String path) {
        if (path.isEmpty()) {
            return base;
        }
        return base.endsWith("/") ? base + path.substring(1) : base + path;
    }

    @Override
    public Optional<CompletionStage<OcpiReply>> forwardToProxy(OcpiRequest request, ProxyKind kind, String proxyId) {
        return proxies.find(proxyId, Proxy.Kind.valueOf(kind.name()))
                .filter(p -> p.user().equals(request.sender()))
                .map(p -> forwardTo(request, p));
    }

    /**
     * Forwards to a proxy's target, with the token B of the party it belongs to; when that party is connected to
     * another node, through that node ({@code proxy_resource}).
     */
    CompletionStage<OcpiReply> forwardTo(OcpiRequest request, Proxy proxy) {
        Optional<Platform> owner = recipient(proxy.owner());
        if (owner.isPresent()) {
            return send(request, owner.get(), proxy.targetUrl());
        }
        Optional<String> node = remoteNode(proxy.owner());
        if (node.isPresent()) {
            return sendToNode(node.get(), NodeMessage.of(request, null, proxy.targetUrl()), request);
        }
        return done(OcpiReply.error(200, OcpiStatus.UNKNOWN_RECEIVER,
                "Party " + proxy.owner() + " is no longer connected to the network"));
    }

    /**
     * Forwards a proxied request another node sent ({@code proxy_resource} alone) to its local party. The URL must
     * be on one of the hosts of that party's endpoints: the node never sends a party's token B elsewhere.
     */
    CompletionStage<OcpiReply> forwardToResource(OcpiRequest request, Platform recipient, String url) {
        java.net.URI target;
        try {
            target = java.net.URI.create(url);
        } catch (IllegalArgumentException e) {
            return done(OcpiReply.error(200, OcpiStatus.INVALID_OR_MISSING_PARAMETERS, "proxy_resource is not a URL"));
        }
        boolean ownHost = recipient.endpoints().stream().map(e -> java.net.URI.create(e.url()))
                .anyMatch(e -> sameOrigin(e, target)) || sameOrigin(java.net.URI.create(recipient.versionsUrl()), target);
        if (!ownHost) {
            return done(OcpiReply.error(200, OcpiStatus.INVALID_OR_MISSING_PARAMETERS, "proxy_resource " + url
                    + " is not on a host of party " + recipient.roles().get(0).party()));
        }
        return send(request, recipient, url);
    }

    private static boolean sameOrigin(java.net.URI a, java.net.URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort();
    }

    /** @return the live page link with this id that the sender may follow */
    Optional<Proxy> pageLink(OcpiRequest request, String id) {
        return proxies.find(id, Proxy.Kind.PAGE).filter(p -> p.user().equals(request.sender()));
    }

    @Override
    public OcpiRequest proxyResponseUrl(OcpiRequest request, boolean inQuery, String resultPath) {
        if (inQuery) {
            Links.Parameter parameter = Links.parameter(request.query(), "response_url");
            if (parameter == null || parameter.value().isEmpty()) {
                return request;
            }
            String nodeUrl = responseUrlProxy(request, parameter.value(), resultPath);
            return nodeUrl == null ? request : signatures.resign(request,
                    request.withQuery(Links.replace(request.query(), parameter, nodeUrl)),
                    Map.of("$['params']['response_url']", parameter.value()));
        }
        JsonBodies.Found found = json.topLevelString(request.body(), "response_url");
        if (found == null || found.value().isEmpty()) {
            return request;
        }
        String nodeUrl = responseUrlProxy(request, found.value(), resultPath);
        return nodeUrl == null ? request : signatures.resign(request,
                request.withBody(JsonBodies.replace(request.body(), found, nodeUrl)),
                Map.of("$['body']['response_url']", found.value()));
    }

    private String responseUrlProxy(OcpiRequest request, String original, String resultPath) {
        Optional<String> remote = recipient(request.receiver()).isPresent() ? Optional.empty()
                : remoteNode(request.receiver());
        if (remote.isPresent()) {
            // the recipient posts its result to its own node, which keeps the original under this id (proxy_uid)
            String id = UUID.randomUUID().toString();
            pendingRemoteResponseUrls.put(id, original);
            return strip(remote.get()) + resultPath + "/" + id;
        }
        try {
            Proxy p = proxies.create(Proxy.Kind.RESPONSE_URL, request.sender(), request.receiver(), original, null,
                    Instant.now().plus(lifetimes.maxAge()));
            return nodeUrl + resultPath + "/" + p.id();
        } catch (SQLException e) {
            throw new IllegalStateException("the response_url proxy could not be stored: " + e.getMessage(), e);
        }
    }

    @Override
    public OcpiReply proxyPagination(OcpiRequest request, OcpiReply reply) {
        return proxyPagination(request, reply, null);
    }

    /**
     * @param chainId the pagination the request continues, or null for a first page
     */
    OcpiReply proxyPagination(OcpiRequest request, OcpiReply reply, String chainId) {
        OcpiReply proxied = paginationProxied(request, reply, chainId);
        return signatures.resign(reply, proxied, Signatures.changedHeaders(reply, proxied, List.of("link")));
    }

    private OcpiReply paginationProxied(OcpiRequest request, OcpiReply reply, String chainId) {
        String next = Links.next(reply.header("link"));
        try {
            if (next == null) {
                if (chainId != null) {
                    proxies.endChain(chainId, Instant.now().plus(lifetimes.afterLastPage()));
                }
                return reply.withHeader("link", null);
            }
            String chain = chainId != null ? chainId : UUID.randomUUID().toString();
            Proxy p = proxies.create(Proxy.Kind.PAGE, request.receiver(), request.sender(), next, chain,
                    Instant.now().plus(lifetimes.maxAge()));
            String link = nodeUrl + basePath(request) + "/page/" + p.id();
            return reply.withHeader("link", Links.nextHeader(link));
        } catch (SQLException e) {
            LOG.error("Pagination link could not be stored", e);
            return OcpiReply.error(200, OcpiStatus.SERVER_ERROR,
                    "The next-page link could not be stored: " + e.getMessage());
        }
    }

    @Override
    public OcpiReply proxyLocation(OcpiRequest request, OcpiReply reply, String nodePath) {
        OcpiReply proxied = locationProxied(request, reply, nodePath);
        return signatures.resign(reply, proxied, Signatures.changedHeaders(reply, proxied, List.of("location")));
    }

    private OcpiReply locationProxied(OcpiRequest request, OcpiReply reply, String nodePath) {
        String location = reply.header("location");
        if (location == null || location.isBlank()) {
            return reply;
        }
        try {
            Proxy p = proxies.create(Proxy.Kind.LOCATION, request.receiver(), request.sender(), location.trim(), null,
                    Instant.now().plus(lifetimes.maxAge()));
            return reply.withHeader("location", nodeUrl + nodePath + "/" + p.id());
        } catch (SQLException e) {
            LOG.error("Location proxy could not be stored", e);
            return OcpiReply.error(200, OcpiStatus.SERVER_ERROR, "The Location could not be stored: " + e.getMessage());
        }
    }

    /** @return the node path of the request's module and interface, for example {@code /ocpi/sender/2.2.1/locations} */
    static String basePath(OcpiRequest request) {
        if (org.ocn.node.api.ocpi.ModuleId.fromIdentifier(request.module()).isEmpty()) {
            return "/ocpi/custom/" + request.role().pathSegment() + "/" + request.module();
        }
        return "/ocpi/" + request.role().pathSegment() + "/" + request.version().text() + "/" + request.module();
    }

    /**
     * @return a new X-Request-ID: a random (version 4) UUID from the thread's own generator. {@code UUID.randomUUID}
     *         draws from the shared SecureRandom, whose lock every forwarded request queued on; a request id needs to
     *         be unique, not secret (proxy ids, which must not be guessed, keep SecureRandom)
     */
    static String requestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong() & ~0xF000L | 0x4000L,
                random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L).toString();
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
