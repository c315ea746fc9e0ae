package org.ocn.node.rules.internal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.OcpiStatus;
import org.ocn.node.api.ocpi.VersionNumber;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.parties.Platform;
import org.ocn.node.spi.endpoints.OcpiEndpointProvider;
import org.ocn.node.spi.endpoints.ServedEndpoint;
import org.ocn.node.spi.health.HealthIndicator;
import org.ocn.node.spi.health.HealthState;
import org.ocn.node.web.json.InvalidPayloadException;
import org.ocn.node.web.json.OcpiJson;
import org.ocn.node.web.servlet.OcpiExchange;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The ocnrules module (v1's custom configuration module, Receiver interface) at
 * {@code /ocpi/receiver/{2.2.1|2.2}/ocnrules}: a platform reads and changes its own rules with its credentials token
 * (C); routing headers are accepted and not required. The whiteboard gives these patterns precedence over the
 * router's {@code /ocpi/receiver/*}, as the longer match.
 */
@Component(name = "ocn.rules.servlet",
        service = {Servlet.class, OcpiEndpointProvider.class, HealthIndicator.class},
        property = HealthIndicator.NAME + "=ocnrules")
@HttpWhiteboardServletPattern({"/ocpi/receiver/2.2.1/ocnrules", "/ocpi/receiver/2.2.1/ocnrules/*",
    "/ocpi/receiver/2.2/ocnrules", "/ocpi/receiver/2.2/ocnrules/*"})
public class OcnRulesServlet extends HttpServlet implements OcpiEndpointProvider, HealthIndicator {

    private static final long serialVersionUID = 1L;
    static final String IDENTIFIER = "ocnrules";
    /** A list of a few hundred entries is a few tens of kilobytes. */
    private static final int MAX_BODY = 256 * 1024;

    private final transient PartyDirectory directory;
    private final transient RulesBook book;
    private final transient OcpiExchange exchange = new OcpiExchange(new OcpiJson());
    private final transient RulesRequests requests;

    @Activate
    public OcnRulesServlet(@Reference PartyDirectory directory, @Reference RulesBook book) {
        this.directory = directory;
        this.book = book;
        this.requests = new RulesRequests(book, exchange.json());
    }

    @Override
    public List<ServedEndpoint> servedEndpoints() {
        return List.of(VersionNumber.V2_2_1, VersionNumber.V2_2).stream()
                .map(v -> new ServedEndpoint(v, IDENTIFIER, InterfaceRole.RECEIVER, "/ocpi/receiver/" + v.text()
                        + "/" + IDENTIFIER))
                .toList();
    }

    @Override
    public HealthState check() {
        return HealthState.up(book.size() + " platforms with rules");
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<Platform> caller = directory.findRegistered(OcpiExchange.tokens(req));
        if (caller.isEmpty()) {
            exchange.unauthorized(req, resp, "Unknown or missing token: ocnrules needs the credentials token (C) of "
                    + "a connected platform in 'Authorization: Token ...'");
            return;
        }
        byte[] body;
        try {
            body = OcpiExchange.readBody(req, MAX_BODY);
        } catch (InvalidPayloadException e) {
            exchange.error(req, resp, HttpServletResponse.SC_BAD_REQUEST, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                    e.getMessage());
            return;
        }
        String where = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        RulesRequests.Answer answer = requests.handle(caller.get().id(), req.getMethod(), req.getPathInfo(), body,
                where);
        if (answer.allow() != null) {
            resp.setHeader("Allow", answer.allow());
        }
        exchange.send(req, resp, answer.httpStatus(), answer.envelope());
    }
}
