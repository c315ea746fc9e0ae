package org.ocn.node.router.internal;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.ocn.node.api.ocpi.OcpiStatus;
import org.ocn.node.api.ocpi.VersionNumber;
import org.ocn.node.crypto.EcSignature;
import org.ocn.node.crypto.SignerKeys;
import org.ocn.node.parties.Platform;
import org.ocn.node.registry.NetworkRegistry;
import org.ocn.node.registry.PartyListing;
import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;
import org.ocn.node.web.json.InvalidPayloadException;
import org.ocn.node.web.json.OcpiJson;
import org.ocn.node.web.servlet.OcpiExchange;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code POST /ocn/message}, the reference's node-to-node interface: a request of another node for one of this node's
 * parties (or a service running here). The signer ({@code OCN-Signature}) must be the registry operator of the
 * sending party (else 4003), the sending party listed (else 4001), the recipient here (else 4001); the recipient's
 * OcnRules and the request's signature are checked as for any route. The answer is the recipient's, unproxied: the
 * sending node proxies for its sender. A {@code response_url} the other node announced ({@code proxy_uid},
 * {@code proxy_resource}) is kept, and a request for a proxied resource ({@code proxy_resource} alone) goes to that
 * URL when it is on a host of the recipient's.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/ocn/message")
@HttpWhiteboardServletAsyncSupported
public class NodeMessageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient RoutingCore core;
    private final transient OcpiExchange exchange = new OcpiExchange(new OcpiJson());
    /** The keys of the nodes whose messages arrived here (signatures checked against a known key, not recovered). */
    private final transient SignerKeys nodeSigners = new SignerKeys();

    /** The best-ranked registry: the local one, or the chain's when configured; followed without restarting. */
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            cardinality = ReferenceCardinality.OPTIONAL)
    private volatile NetworkRegistry registry;

    @Activate
    public NodeMessageServlet(@Reference RoutingCore core) {
        this.core = core;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!req.getMethod().equals("POST")) {
            exchange.methodNotAllowed(req, resp, "POST", "node messages are POSTed");
            return;
        }
        byte[] body;
        NodeMessage message;
        try {
            body = OcpiExchange.readBody(req, core.maxBodyBytes());
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
        Router router = core.router();
        Recipients recipients = router.recipients();
        Optional<Platform> platform = recipients.platform(message.receiver());
        Destination destination;
        if (platform.isPresent()) {
            destination = new Destination.Local(platform.get());
        } else {
            destination = recipients.service(message.receiver()).<Destination>map(Destination.Service::new)
                    .orElse(new Destination.Unreached());
            if (destination instanceof Destination.Unreached && !recipients.returning(message.receiver())) {
                exchange.error(req, resp, HttpServletResponse.SC_OK, OcpiStatus.UNKNOWN_RECEIVER,
                        "Recipient unknown to OCN Node entered in Registry");
                return;
            }
        }
        OcpiRequest request = message.toRequest(platform.map(Platform::version).orElse(VersionNumber.V2_2_1));
        Route route = router.route(request, destination);
        Optional<OcpiReply> refused = router.refusal(route, true);
        if (refused.isPresent()) {
            core.writer().write(resp, request, refused.get());
            return;
        }
        CompletionStage<OcpiReply> reply;
        if (platform.isEmpty()) {
            reply = router.deliver(request, destination); // a service here, or one on its way back
        } else if (message.proxyUid() != null && message.proxyResource() != null) {
            try {
                router.proxies().storeAnnouncedResponseUrl(message);
            } catch (SQLException e) {
                exchange.error(req, resp, HttpServletResponse.SC_OK, OcpiStatus.SERVER_ERROR,
                        "The response_url could not be stored: " + e.getMessage());
                return;
            }
            reply = router.deliver(request, destination);
        } else if (message.proxyResource() != null) {
            reply = router.proxies().forwardToResource(request, platform.get(), message.proxyResource());
        } else {
            reply = router.deliver(request, destination);
        }
        core.writer().answer(req, resp, request, reply, List.of());
    }
}
