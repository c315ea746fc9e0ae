package org.ocn.node.router.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

import org.ocn.node.api.ocpi.ModuleId;
import org.ocn.node.api.ocpi.OcpiStatus;
import org.ocn.node.spi.listeners.OcpiMessageListener;
import org.ocn.node.spi.routing.OcpiModuleHandler;
import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;
import org.ocn.node.spi.routing.OcpiRouting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a routed request once it is parsed and its sender authenticated: it is resolved into a
 * {@link Route} (4001 when its recipient is nowhere), checked once (OcnRules, signature), enriched by the interested
 * listeners, and handed on: a next-page link of the node's is followed; otherwise the module's
 * {@link OcpiModuleHandler} takes it (waiting up to the grace period for one while a plugin is being updated); a
 * custom module without a handler goes straight to the recipient's endpoint; a standard module without one answers
 * 2001 "module ... is not available on this node".
 */
final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final Pattern PROXY_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /**
     * A request on its way.
     *
     * @param request    the request as handed on (enriched)
     * @param reply      its reply, perhaps still under way
     * @param interested the listeners to tell of the exchange once answered
     */
    record Dispatched(OcpiRequest request, CompletionStage<OcpiReply> reply, List<ListenerRegistry.Interested> interested) {

        static Dispatched refused(OcpiRequest request, OcpiReply reply) {
            return new Dispatched(request, CompletableFuture.completedFuture(reply), List.of());
        }
    }

    private final Router router;
    private final HandlerRegistry handlers;
    private final ListenerRegistry listeners;
    private final Signatures signatures;

    Dispatcher(Router router, HandlerRegistry handlers, ListenerRegistry listeners, Signatures signatures) {
        this.router = router;
        this.handlers = handlers;
        this.listeners = listeners;
        this.signatures = signatures;
    }

    Dispatched dispatch(OcpiRequest request) {
        Route route = router.route(request);
        if (route.destination() instanceof Destination.Unreached
                && !router.recipients().returning(request.receiver())) {
            return Dispatched.refused(request, OcpiReply.error(200, OcpiStatus.UNKNOWN_RECEIVER,
                    "Receiver " + request.receiver() + " is not connected to this node nor listed in the registry"));
        }
        Optional<OcpiReply> refused = router.refusal(route, true);
        if (refused.isPresent()) {
            return Dispatched.refused(request, refused.get());
        }
        List<ListenerRegistry.Interested> interested = listeners.matching(request);
        OcpiRequest enriched = enrich(request, ListenerRegistry.enriching(interested));
        return new Dispatched(enriched, handOn(route.with(enriched)), interested);
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

    /** @return the reply under way */
    private CompletionStage<OcpiReply> handOn(Route route) {
        OcpiRequest request = route.request();
        List<String> segments = request.pathSegments();
        if (request.method().equals("GET") && segments.size() == 2 && segments.get(0).equals("page")
                && PROXY_ID.matcher(segments.get(1)).matches()) {
            return router.proxies().followPage(request, segments.get(1));
        }
        OcpiRouting routing = router.forRoute(route);
        Optional<OcpiModuleHandler> handler = handlers.select(request.module(), request.role(), request.version());
        if (handler.isPresent()) {
            return handle(handler.get(), request, routing);
        }
        // no handler now: a plugin may be being updated; wait for one up to the grace period
        return handlers.await(request.module(), request.role(), request.version()).thenCompose(found -> {
            if (found.isPresent()) {
                return handle(found.get(), request, routing);
            }
            if (ModuleId.fromIdentifier(request.module()).isEmpty()) {
                return routing.forward(request); // a custom module without a handler goes to the recipient's endpoint
            }
            return CompletableFuture.completedFuture(OcpiReply.error(200, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                    "module " + request.module() + " (" + request.role() + " interface, OCPI "
                            + request.version().text() + ") is not available on this node"));
        });
    }

    private static CompletionStage<OcpiReply> handle(OcpiModuleHandler handler, OcpiRequest request,
                                                     OcpiRouting routing) {
        try {
            CompletionStage<OcpiReply> reply = handler.handle(request, routing);
            return reply != null ? reply : CompletableFuture.failedFuture(new IllegalStateException(
                    handler.getClass().getName() + " answered nothing"));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
