package org.ocn.node.ocpi.hubclientinfo.internal;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.ocn.node.api.ocpi.OcpiStatus;
import org.ocn.node.crypto.Ethereum;
import org.ocn.node.ocpi.hubclientinfo.internal.ClientInfos.ClientInfo;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.registry.NetworkRegistry;
import org.ocn.node.registry.PartyListing;
import org.ocn.node.web.json.InvalidPayloadException;
import org.ocn.node.web.json.OcpiJson;
import org.ocn.node.web.servlet.OcpiExchange;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The receiving side of the client-info broadcast, {@code PUT /ocn/client-info} (ocn-protocol.md §2.8): another node
 * reports a change of one of its parties. The body is a ClientInfo, {@code OCN-Signature} the sending node's
 * signature of it ({@link ClientInfoMessage}); the signer must be the registry operator of the party named in the
 * body. A report newer than what is stored is kept, and when the party's status is new or changed, this node's
 * connected parties with a hubclientinfo Receiver endpoint get it pushed.
 *
 * <p>Answers: 200 with an OCPI envelope, status 1000 (the reference answers an empty body); HTTP 400 with status 2001
 * and the reason for a body that is not a ClientInfo, a party the registry does not list with a node operator, or a
 * signature that is missing or does not come from that operator (the reference answers 400 with a text); 405 for
 * another method.
 */
@Component(name = "ocn.ocpi.hubclientinfo.receive", service = Servlet.class)
@HttpWhiteboardServletPattern(ClientInfoMessage.PATH)
public class NodeClientInfoServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(NodeClientInfoServlet.class);
    private static final int MAX_BODY = 64 * 1024;

    private final transient NetworkClientInfos stored;
    private final transient ClientInfoPusher pusher;
    private final transient PartyDirectory directory;
    private final transient OcpiExchange exchange = new OcpiExchange(new OcpiJson());

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            cardinality = ReferenceCardinality.OPTIONAL)
    private volatile NetworkRegistry registry;

    @Activate
    public NodeClientInfoServlet(@Reference NetworkClientInfos stored, @Reference ClientInfoPusher pusher,
                                 @Reference PartyDirectory directory) {
        this.stored = stored;
        this.pusher = pusher;
        this.directory = directory;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!req.getMethod().equals("PUT")) {
            exchange.methodNotAllowed(req, resp, "PUT", "nodes report a party's ClientInfo with PUT " + ClientInfoMessage.PATH);
            return;
        }
        byte[] body;
        ClientInfo info;
        try {
            body = OcpiExchange.readBody(req, MAX_BODY);
            info = ClientInfoMessage.parse(exchange.json(), body);
        } catch (InvalidPayloadException | IllegalArgumentException e) {
            refuse(req, resp, "Invalid ClientInfo: " + e.getMessage());
            return;
        }
        NetworkRegistry current = registry;
        Optional<PartyListing> listing = current == null ? Optional.empty() : current.findParty(info.party());
        Optional<String> refusal = ClientInfoMessage.refusal(info, body,
                req.getHeader(ClientInfoMessage.SIGNATURE_HEADER), listing);
        if (refusal.isPresent()) {
            refuse(req, resp, refusal.get());
            return;
        }
        String operator = Ethereum.checksum(listing.get().operatorAddress());
        NetworkClientInfos.Outcome outcome;
        try {
            outcome = stored.record(info, operator);
        } catch (SQLException e) {
            LOG.warn("ClientInfo {} {} {} from {} not stored: {}", info.party(), info.role(), info.status(),
                    operator, e.toString());
            exchange.error(req, resp, HttpServletResponse.SC_OK, OcpiStatus.SERVER_ERROR,
                    "The ClientInfo could not be stored: " + e.getMessage());
            return;
        }
        LOG.debug("ClientInfo {} {} {} from node operator {}: {}", info.party(), info.role(), info.status(),
                operator, outcome);
        if (outcome.isNews()) {
            pusher.push(directory, List.of(info), -1);
        }
        exchange.ok(req, resp, null);
    }

    private void refuse(HttpServletRequest req, HttpServletResponse resp, String message) throws IOException {
        exchange.error(req, resp, HttpServletResponse.SC_BAD_REQUEST, OcpiStatus.INVALID_OR_MISSING_PARAMETERS, message);
    }
}
