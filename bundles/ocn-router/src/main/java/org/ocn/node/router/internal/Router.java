package org.ocn.node.router.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.ocn.node.api.ocpi.OcpiStatus;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.registry.NetworkRegistry;
import org.ocn.node.registry.ServiceAgreement;
import org.ocn.node.rules.OcnRules;
import org.ocn.node.services.RunningService;
import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;
import org.ocn.node.spi.routing.OcpiRouting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves requests into {@link Route}s and delivers them: to a platform connected here, a service running here, or
 * another node; the one check of the recipient's OcnRules and of the request's signature; copies to the services the
 * sender agreed to. Its {@link OcpiRouting} side is what module handlers forward through, bound to the request's route
 * ({@link #forRoute}) so that the recipient is looked up once per request. Stateless; one instance serves every
 * request.
 */
final class Router implements OcpiRouting {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final Recipients recipients;
    private final Delivery delivery;
    private final Proxies proxies;
    private final Signatures signatures;
    private final Supplier<NetworkRegistry> registry;
    private final Supplier<OcnRules> rules;
    private final boolean copiesToServices;

    Router(Recipients recipients, Delivery delivery, Proxies proxies, Signatures signatures,
           Supplier<NetworkRegistry> registry, Supplier<OcnRules> rules, boolean copiesToServices) {
        this.recipients = recipients;
        this.delivery = delivery;
        this.proxies = proxies;
        this.signatures = signatures;
        this.registry = registry;
        this.rules = rules;
        this.copiesToServices = copiesToServices;
    }

    /** @return the request resolved: where its recipient lives and, when it is this node's, what its rules say */
    Route route(OcpiRequest request) {
        return route(request, recipients.resolve(request.receiver()));
    }

    /** @return the request resolved, its recipient's destination known already */
    Route route(OcpiRequest request, Destination destination) {
        OcnRules current = rules.get();
        if (!destination.here() || current == null) {
            return new Route(request, destination, null, false);
        }
        return new Route(request, destination,
                current.refusal(request.receiver(), request.sender(), request.module()).orElse(null),
                current.signaturesRequired(request.receiver()));
    }

    /**
     * The one check of a route before it is delivered: the recipient's OcnRules (2000 when they refuse the sender for
     * the module), then the request's signature, required when the node or the recipient's rules ask for it (see
     * {@link Signatures#checkRequest}).
     *
     * @param signed whether the request's signature is checked (not for requests the node signed itself)
     * @return the refusal, if any
     */
    Optional<OcpiReply> refusal(Route route, boolean signed) {
        if (route.refusal() != null) {
            return Optional.of(OcpiReply.error(200, OcpiStatus.CLIENT_ERROR, route.refusal()));
        }
        return signed ? signatures.checkRequest(route.request(), route.signaturesRequired()) : Optional.empty();
    }

    Recipients recipients() {
        return recipients;
    }

    Proxies proxies() {
        return proxies;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Once the recipient answered, the request is copied to the services the sender agreed to whose permissions
     * cover the module interface (Permissions contract; revoked agreements do not count).
     */
    @Override
    public CompletionStage<OcpiReply> forward(OcpiRequest request) {
        return forward(request, recipients.resolve(request.receiver()));
    }

    private CompletionStage<OcpiReply> forward(OcpiRequest request, Destination destination) {
        CompletionStage<OcpiReply> reply = deliver(request, destination);
        if (copiesToServices) {
            reply.whenComplete((r, e) -> copyToServices(request));
        }
        return reply;
    }

    /**
     * Delivers a request to its recipient's destination; a service that is being updated is waited for up to the
     * grace period.
     */
    CompletionStage<OcpiReply> deliver(OcpiRequest request, Destination destination) {
        if (destination instanceof Destination.Local local) {
            return delivery.toEndpoint(request, local.platform());
        }
        if (destination instanceof Destination.Service service) {
            return delivery.toService(service.service(), request);
        }
        if (destination instanceof Destination.Remote remote) {
            String[] proxy = proxies.announcedResponseUrl(request);
            return delivery.toNode(remote.nodeUrl(), NodeMessage.of(request, proxy[0], proxy[1]), request);
        }
        return recipients.returningService(request.receiver()).thenCompose(back -> back.isPresent()
                ? delivery.toService(back.get(), request)
                : Delivery.done(OcpiReply.error(200, OcpiStatus.UNKNOWN_RECEIVER, "Receiver " + request.receiver()
                        + " is not connected to this node nor listed in the registry")));
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
            OcpiRequest copy = new OcpiRequest(request.method(), request.version(), request.module(), request.role(),
                    request.path(), request.query(), OcpiHeaders.readdressed(request.headers(), provider),
                    request.body(), request.sender(), provider);
            Map<String, String> originals = new LinkedHashMap<>();
            originals.put("$['headers']['ocpi-to-country-code']", request.header(OcpiHeaders.TO_COUNTRY_CODE));
            originals.put("$['headers']['ocpi-to-party-id']", request.header(OcpiHeaders.TO_PARTY_ID));
            OcpiRequest signed = signatures.resign(request, copy, originals);
            Optional<RunningService> here = recipients.service(provider); // a service here takes its copies itself
            if (here.isPresent()) {
                try {
                    here.get().service().copied(signed);
                } catch (RuntimeException e) {
                    LOG.warn("Service {} failed on a copy of {} {}", agreement.name(), request.method(), request.module(), e);
                }
                continue;
            }
            Destination destination = recipients.resolve(provider);
            if (destination instanceof Destination.Unreached) {
                LOG.debug("Service {} ({}) is not reachable", agreement.name(), provider);
                continue;
            }
            CompletionStage<OcpiReply> sent = destination instanceof Destination.Local local
                    ? delivery.toEndpoint(signed, local.platform())
                    : delivery.toNode(((Destination.Remote) destination).nodeUrl(), NodeMessage.of(signed, null, null),
                            signed);
            sent.whenComplete((r, e) -> LOG.debug("Copy of {} {} for service {} ({}): HTTP {}", request.method(),
                    request.module(), agreement.name(), provider, r == null ? e : r.status()));
        }
    }

    @Override
    public Optional<CompletionStage<OcpiReply>> forwardToProxy(OcpiRequest request, ProxyKind kind, String proxyId) {
        return proxies.follow(request, Proxy.Kind.valueOf(kind.name()), proxyId);
    }

    @Override
    public OcpiRequest proxyResponseUrl(OcpiRequest request, boolean inQuery, String resultPath) {
        return proxies.proxyResponseUrl(request, inQuery, resultPath, recipients.resolve(request.receiver()));
    }

    @Override
    public OcpiReply proxyPagination(OcpiRequest request, OcpiReply reply) {
        return proxies.proxyPagination(request, reply, null);
    }

    @Override
    public OcpiReply proxyLocation(OcpiRequest request, OcpiReply reply, String nodePath) {
        return proxies.proxyLocation(request, reply, nodePath);
    }

    /**
     * @return the routing a module handler gets for one request: its recipient is not looked up again (a request the
     *         handler addresses to someone else is resolved afresh)
     */
    OcpiRouting forRoute(Route route) {
        return new OcpiRouting() {
            private Destination of(OcpiRequest request) {
                return request.receiver().equals(route.request().receiver()) ? route.destination()
                        : recipients.resolve(request.receiver());
            }

            @Override
            public CompletionStage<OcpiReply> forward(OcpiRequest request) {
                return Router.this.forward(request, of(request));
            }

            @Override
            public Optional<CompletionStage<OcpiReply>> forwardToProxy(OcpiRequest request, ProxyKind kind,
                                                                       String proxyId) {
                return Router.this.forwardToProxy(request, kind, proxyId);
            }

            @Override
            public OcpiRequest proxyResponseUrl(OcpiRequest request, boolean inQuery, String resultPath) {
                return proxies.proxyResponseUrl(request, inQuery, resultPath, of(request));
            }

            @Override
            public OcpiReply proxyPagination(OcpiRequest request, OcpiReply reply) {
                return Router.this.proxyPagination(request, reply);
            }

            @Override
            public OcpiReply proxyLocation(OcpiRequest request, OcpiReply reply, String nodePath) {
                return Router.this.proxyLocation(request, reply, nodePath);
            }
        };
    }
}
