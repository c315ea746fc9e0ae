package org.ocn.node.router.internal;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

import org.ocn.node.api.ocpi.Endpoint;
import org.ocn.node.api.ocpi.OcpiStatus;
import org.ocn.node.crypto.EthereumKey;
import org.ocn.node.parties.Platform;
import org.ocn.node.services.RunningService;
import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of every route: a request sent to a platform connected here (its endpoint for the module and
 * interface, or a URL it owns), to another node ({@code POST /ocn/message}), or handed to a service running here.
 * Answers of parties and nodes pass the signature check of {@link Signatures}; a service's failure becomes 3000.
 */
final class Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    private final Forwarder forwarder;
    private final Signatures signatures;
    private final JsonBodies json;
    private final EthereumKey nodeKey;

    Delivery(Forwarder forwarder, Signatures signatures, JsonBodies json, EthereumKey nodeKey) {
        this.forwarder = forwarder;
        this.signatures = signatures;
        this.json = json;
        this.nodeKey = nodeKey;
    }

    /** Forwards to a party connected to this node, at its endpoint for the module and interface. */
    CompletionStage<OcpiReply> toEndpoint(OcpiRequest request, Platform recipient) {
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
        return toUrl(request, recipient, url);
    }

    /** Sends to a URL of a party connected here, with its token B. */
    CompletionStage<OcpiReply> toUrl(OcpiRequest request, Platform recipient, String url) {
        return forwarder.send(request.method(), url, OutboundHeaders.toParty(request, recipient), request.body(),
                (reply, signature) -> signatures.checkResponse(request, reply, signature));
    }

    /** Sends a node-to-node message: {@code POST {node}/ocn/message}, signed by this node's key. */
    CompletionStage<OcpiReply> toNode(String node, NodeMessage message, OcpiRequest request) {
        byte[] body = message.toBytes(json);
        return forwarder.send("POST", strip(node) + "/ocn/message", OutboundHeaders.toNode(body, nodeKey), body,
                (reply, signature) -> signatures.checkResponse(request, reply, signature));
    }

    /** Hands a request to a service running here; its failures become 3000 answers. */
    CompletionStage<OcpiReply> toService(RunningService service, OcpiRequest request) {
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

    static String join(String base, String path) {
        if (path.isEmpty()) {
            return base;
        }
        return base.endsWith("/") ? base + path.substring(1) : base + path;
    }

    static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
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

    static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
