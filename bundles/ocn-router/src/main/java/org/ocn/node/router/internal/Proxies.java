package org.ocn.node.router.internal;

import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.ocn.node.api.ocpi.ModuleId;
import org.ocn.node.api.ocpi.OcpiStatus;
import org.ocn.node.parties.Platform;
import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's proxies, all in one place (decisions §14): next-page links, CDR {@code Location}s and
 * {@code response_url}s are replaced by node URLs tied to the one party that may use them, kept in the
 * {@link ProxyStore}, and followed here to the original URL with the token B of the party that owns it (through its
 * node when it is connected to another one). A signed value the node changes is stashed and the message re-signed
 * ({@link Signatures}).
 */
final class Proxies {

    private static final Logger LOG = LoggerFactory.getLogger(Proxies.class);

    /** Proxy lifetimes. */
    record Lifetimes(Duration afterLastPage, Duration maxAge) {
    }

    private final ProxyStore store;
    private final Recipients recipients;
    private final Delivery delivery;
    private final Signatures signatures;
    private final JsonBodies json;
    private final String nodeUrl;
    private final Lifetimes lifetimes;
    /** response_url proxies announced to another node, by id, until the message that carries them is sent. */
    private final Map<String, String> pendingRemoteResponseUrls = new ConcurrentHashMap<>();

    Proxies(ProxyStore store, Recipients recipients, Delivery delivery, Signatures signatures, JsonBodies json,
            String nodeUrl, Lifetimes lifetimes) {
        this.store = store;
        this.recipients = recipients;
        this.delivery = delivery;
        this.signatures = signatures;
        this.json = json;
        this.nodeUrl = nodeUrl;
        this.lifetimes = lifetimes;
    }

    /**
     * Follows a next-page link the node handed out ({@code .../{module}/page/{id}}): 404/2003 when it is unknown,
     * expired or not the sender's; else the page, its own next link proxied in the same chain.
     */
    CompletionStage<OcpiReply> followPage(OcpiRequest request, String id) {
        Optional<Proxy> page = store.find(id, Proxy.Kind.PAGE).filter(p -> p.user().equals(request.sender()));
        if (page.isEmpty()) {
            return Delivery.done(OcpiReply.error(404, OcpiStatus.UNKNOWN_LOCATION,
                    "Proxied resource not found: the next-page link is unknown, expired, or not yours"));
        }
        return forwardTo(request, page.get()).thenApply(reply -> proxyPagination(request, reply, page.get().chainId()));
    }

    /** @return the reply of the proxy's target, when the proxy exists, is of that kind and is the sender's */
    Optional<CompletionStage<OcpiReply>> follow(OcpiRequest request, Proxy.Kind kind, String proxyId) {
        return store.find(proxyId, kind).filter(p -> p.user().equals(request.sender())).map(p -> forwardTo(request, p));
    }

    /**
     * Forwards to a proxy's target, with the token B of the party it belongs to; when that party is connected to
     * another node, through that node ({@code proxy_resource}).
     */
    private CompletionStage<OcpiReply> forwardTo(OcpiRequest request, Proxy proxy) {
        Optional<Platform> owner = recipients.platform(proxy.owner());
        if (owner.isPresent()) {
            return delivery.toUrl(request, owner.get(), proxy.targetUrl());
        }
        Optional<String> node = recipients.remoteNode(proxy.owner());
        if (node.isPresent()) {
            return delivery.toNode(node.get(), NodeMessage.of(request, null, proxy.targetUrl()), request);
        }
        return Delivery.done(OcpiReply.error(200, OcpiStatus.UNKNOWN_RECEIVER,
                "Party " + proxy.owner() + " is no longer connected to the network"));
    }

    /**
     * Forwards a proxied request another node sent ({@code proxy_resource} alone) to its local party. The URL must
     * be on one of the hosts of that party's endpoints: the node never sends a party's token B elsewhere.
     */
    CompletionStage<OcpiReply> forwardToResource(OcpiRequest request, Platform recipient, String url) {
        URI target;
        try {
            target = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Delivery.done(OcpiReply.error(200, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                    "proxy_resource is not a URL"));
        }
        boolean ownHost = recipient.endpoints().stream().map(e -> URI.create(e.url()))
                .anyMatch(e -> sameOrigin(e, target)) || sameOrigin(URI.create(recipient.versionsUrl()), target);
        if (!ownHost) {
            return Delivery.done(OcpiReply.error(200, OcpiStatus.INVALID_OR_MISSING_PARAMETERS, "proxy_resource "
                    + url + " is not on a host of party " + recipient.roles().get(0).party()));
        }
        return delivery.toUrl(request, recipient, url);
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort();
    }

    /**
     * Replaces a request's {@code response_url} (in the query or the body) with a node URL on the Sender interface
     * ({@code resultPath}); towards another node, with that node's URL under an id it will keep ({@code proxy_uid}).
     */
    OcpiRequest proxyResponseUrl(OcpiRequest request, boolean inQuery, String resultPath, Destination destination) {
        if (inQuery) {
            Links.Parameter parameter = Links.parameter(request.query(), "response_url");
            if (parameter == null || parameter.value().isEmpty()) {
                return request;
            }
            String proxied = responseUrlProxy(request, parameter.value(), resultPath, destination);
            return signatures.resign(request, request.withQuery(Links.replace(request.query(), parameter, proxied)),
                    Map.of("$['params']['response_url']", parameter.value()));
        }
        JsonBodies.Found found = json.topLevelString(request.body(), "response_url");
        if (found == null || found.value().isEmpty()) {
            return request;
        }
        String proxied = responseUrlProxy(request, found.value(), resultPath, destination);
        return signatures.resign(request, request.withBody(JsonBodies.replace(request.body(), found, proxied)),
                Map.of("$['body']['response_url']", found.value()));
    }

    private String responseUrlProxy(OcpiRequest request, String original, String resultPath, Destination destination) {
        if (destination instanceof Destination.Remote remote) {
            // the recipient posts its result to its own node, which keeps the original under this id (proxy_uid)
            String id = UUID.randomUUID().toString();
            pendingRemoteResponseUrls.put(id, original);
            return Delivery.strip(remote.nodeUrl()) + resultPath + "/" + id;
        }
        try {
            Proxy p = store.create(Proxy.Kind.RESPONSE_URL, request.sender(), request.receiver(), original, null,
                    Instant.now().plus(lifetimes.maxAge()));
            return nodeUrl + resultPath + "/" + p.id();
        } catch (SQLException e) {
            throw new IllegalStateException("the response_url proxy could not be stored: " + e.getMessage(), e);
        }
    }

    /** @return proxy_uid and proxy_resource for a response_url rewritten towards another node, or nulls */
    String[] announcedResponseUrl(OcpiRequest request) {
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
        store.create(message.proxyUid(), Proxy.Kind.RESPONSE_URL, message.sender(), message.receiver(),
                message.proxyResource(), null, Instant.now().plus(lifetimes.maxAge()));
    }

    /**
     * @param chainId the pagination the request continues, or null for a first page
     * @return the reply with its next-page link replaced by a node link (the last page ends the chain's life)
     */
    OcpiReply proxyPagination(OcpiRequest request, OcpiReply reply, String chainId) {
        OcpiReply proxied = paginationProxied(request, reply, chainId);
        return signatures.resign(reply, proxied, Signatures.changedHeaders(reply, proxied, List.of(OcpiHeaders.LINK)));
    }

    private OcpiReply paginationProxied(OcpiRequest request, OcpiReply reply, String chainId) {
        String next = Links.next(reply.header(OcpiHeaders.LINK));
        try {
            if (next == null) {
                if (chainId != null) {
                    store.endChain(chainId, Instant.now().plus(lifetimes.afterLastPage()));
                }
                return reply.withHeader(OcpiHeaders.LINK, null);
            }
            String chain = chainId != null ? chainId : UUID.randomUUID().toString();
            Proxy p = store.create(Proxy.Kind.PAGE, request.receiver(), request.sender(), next, chain,
                    Instant.now().plus(lifetimes.maxAge()));
            String link = nodeUrl + basePath(request) + "/page/" + p.id();
            return reply.withHeader(OcpiHeaders.LINK, Links.nextHeader(link));
        } catch (SQLException e) {
            LOG.error("Pagination link could not be stored", e);
            return OcpiReply.error(200, OcpiStatus.SERVER_ERROR,
                    "The next-page link could not be stored: " + e.getMessage());
        }
    }

    /** @return the reply with its {@code Location} replaced by a node URL under {@code nodePath} */
    OcpiReply proxyLocation(OcpiRequest request, OcpiReply reply, String nodePath) {
        OcpiReply proxied = locationProxied(request, reply, nodePath);
        return signatures.resign(reply, proxied, Signatures.changedHeaders(reply, proxied,
                List.of(OcpiHeaders.LOCATION)));
    }

    private OcpiReply locationProxied(OcpiRequest request, OcpiReply reply, String nodePath) {
        String location = reply.header(OcpiHeaders.LOCATION);
        if (location == null || location.isBlank()) {
            return reply;
        }
        try {
            Proxy p = store.create(Proxy.Kind.LOCATION, request.receiver(), request.sender(), location.trim(), null,
                    Instant.now().plus(lifetimes.maxAge()));
            return reply.withHeader(OcpiHeaders.LOCATION, nodeUrl + nodePath + "/" + p.id());
        } catch (SQLException e) {
            LOG.error("Location proxy could not be stored", e);
            return OcpiReply.error(200, OcpiStatus.SERVER_ERROR, "The Location could not be stored: " + e.getMessage());
        }
    }

    /** @return the node path of the request's module and interface, for example {@code /ocpi/sender/2.2.1/locations} */
    static String basePath(OcpiRequest request) {
        if (ModuleId.fromIdentifier(request.module()).isEmpty()) {
            return "/ocpi/custom/" + request.role().pathSegment() + "/" + request.module();
        }
        return "/ocpi/" + request.role().pathSegment() + "/" + request.version().text() + "/" + request.module();
    }

    /** Removes the proxies past their time; run every minute. */
    void removeExpired() {
        try {
            int removed = store.removeExpired(Instant.now());
            if (removed > 0) {
                LOG.debug("{} expired proxies removed", removed);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Expired proxies could not be removed: {}", e.toString());
        }
    }

    int size() {
        return store.size();
    }
}
