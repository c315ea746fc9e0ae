package org.ocn.node.services.internal;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.OcpiStatus;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.services.ServiceDirectory;
import org.ocn.node.services.internal.LocalAgreements.Agreement;
import org.ocn.node.settings.NodeConfiguration;
import org.ocn.node.web.json.InvalidPayloadException;
import org.ocn.node.web.json.OcpiJson;
import org.ocn.node.web.servlet.OcpiExchange;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Agreements with services in local mode, an admin API with {@code Authorization: Token <ocn.node.apikey>} (the
 * check of {@code ocn-admin}):
 * <ul>
 * <li>{@code GET /admin/agreements}: every agreement, {@code [{"user": {"country_code", "party_id"}, "service":
 * {...}, "created", "running"}]} (oldest first; {@code running}: whether the service runs here now);</li>
 * <li>{@code POST /admin/agreements}, body {@code {"user": {"country_code", "party_id"}, "service": {...}}}: 201 with
 * the agreement; 400 for a malformed body; 404 when the user is not a party of this node (planned, connected or
 * offline) or no service with that identity runs here; 409 when the user agreed to that service already;</li>
 * <li>{@code DELETE /admin/agreements/{user_cc}/{user_pid}/{service_cc}/{service_pid}}: 204; 404 when there is no
 * such agreement.</li>
 * </ul>
 * From then on the local registry answers the user's agreements with the service (while it runs), and the router
 * copies the user's requests to it per its permissions. On a network ({@code ocn.node.web3.provider} set) every call
 * answers 409: agreements are made on the Permissions contract. Errors carry an OCPI envelope: 401 for a wrong or
 * missing key, 404 for another path, 405 for another method.
 */
@Component(name = "ocn.services.admin", configurationPid = NodeConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = Servlet.class)
@HttpWhiteboardServletPattern({"/admin/agreements", "/admin/agreements/*"})
public class AgreementsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AgreementsServlet.class);
    private static final int MAX_BODY = 16 * 1024;

    private final transient LocalAgreements agreements;
    private final transient ServiceDirectory services;
    private final transient PartyDirectory parties;
    private final transient OcpiExchange exchange = new OcpiExchange(new OcpiJson());
    private final transient String apikey;
    private final transient boolean onChain;

    @Activate
    public AgreementsServlet(NodeConfiguration config, @Reference LocalAgreements agreements,
                             @Reference ServiceDirectory services, @Reference PartyDirectory parties) {
        this.agreements = agreements;
        this.services = services;
        this.parties = parties;
        this.apikey = config.ocn_node_apikey();
        String provider = config.ocn_node_web3_provider();
        this.onChain = provider != null && !provider.isBlank();
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        List<String> segments = path.isEmpty() || path.equals("/") ? List.of()
                : List.of(path.substring(1).split("/", -1));
        boolean collection = segments.isEmpty();
        boolean one = segments.size() == 4;
        if (!collection && !one) {
            exchange.error(req, resp, HttpServletResponse.SC_NOT_FOUND, OcpiStatus.CLIENT_ERROR,
                    "No admin resource at /admin/agreements" + path
                            + "; use /admin/agreements or /admin/agreements/{user_cc}/{user_pid}/{service_cc}/{service_pid}");
            return;
        }
        if (apikey == null || !OcpiExchange.carriesKey(req, apikey)) {
            exchange.unauthorized(req, resp, "Wrong or missing admin key: send 'Authorization: Token <ocn.node.apikey>'");
            return;
        }
        if (onChain) {
            exchange.error(req, resp, HttpServletResponse.SC_CONFLICT, OcpiStatus.CLIENT_ERROR,
                    "This node is on a network (ocn.node.web3.provider): agreements are made on the Permissions contract");
            return;
        }
        try {
            if (collection && req.getMethod().equals("GET")) {
                list(resp);
            } else if (collection && req.getMethod().equals("POST")) {
                create(req, resp);
            } else if (one && req.getMethod().equals("DELETE")) {
                delete(req, resp, segments);
            } else {
                exchange.methodNotAllowed(req, resp, collection ? "GET, POST" : "DELETE", req.getMethod()
                        + " is not allowed here: GET or POST /admin/agreements, DELETE /admin/agreements/{user_cc}/"
                        + "{user_pid}/{service_cc}/{service_pid}");
            }
        } catch (SQLException e) {
            LOG.error("Admin API: agreements could not be stored: {}", e.toString(), e);
            exchange.error(req, resp, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, OcpiStatus.SERVER_ERROR,
                    "The agreement could not be stored: " + e.getMessage());
        }
    }

    private void list(HttpServletResponse resp) throws IOException {
        ArrayNode list = exchange.json().mapper().createArrayNode();
        agreements.all().forEach(a -> list.add(toJson(a)));
        write(resp, HttpServletResponse.SC_OK, list);
    }

    private void create(HttpServletRequest req, HttpServletResponse resp) throws IOException, SQLException {
        PartyId user;
        PartyId service;
        try {
            JsonNode body = exchange.readJson(req, MAX_BODY);
            user = party(body, "user");
            service = party(body, "service");
        } catch (InvalidPayloadException e) {
            exchange.error(req, resp, HttpServletResponse.SC_BAD_REQUEST, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                    "Invalid body: " + e.getMessage() + "; expected {\"user\": {\"country_code\": \"DE\", \"party_id\":"
                            + " \"MSP\"}, \"service\": {\"country_code\": \"CH\", \"party_id\": \"STL\"}}");
            return;
        }
        Optional<ConnectionStatus> status = parties.connectionStatus(user);
        if (status.isEmpty() || status.get() == ConnectionStatus.SUSPENDED) {
            exchange.error(req, resp, HttpServletResponse.SC_NOT_FOUND, OcpiStatus.CLIENT_ERROR,
                    "Party " + user + " is not a party of this node (planned, connected or offline)");
            return;
        }
        if (services.find(service).isEmpty()) {
            exchange.error(req, resp, HttpServletResponse.SC_NOT_FOUND, OcpiStatus.CLIENT_ERROR,
                    "No service " + service + " runs on this node (GET /ocn/services lists those that do)");
            return;
        }
        Agreement made = agreements.add(user, service);
        if (made == null) {
            exchange.error(req, resp, HttpServletResponse.SC_CONFLICT, OcpiStatus.CLIENT_ERROR,
                    "Party " + user + " agreed to service " + service + " already");
            return;
        }
        LOG.info("Admin API: {} agreed to service {}", user, service);
        resp.setHeader("Location", "/admin/agreements/" + user.countryCode() + "/" + user.partyId() + "/"
                + service.countryCode() + "/" + service.partyId());
        write(resp, HttpServletResponse.SC_CREATED, toJson(made));
    }

    private void delete(HttpServletRequest req, HttpServletResponse resp, List<String> segments)
            throws IOException, SQLException {
        PartyId user;
        PartyId service;
        try {
            user = PartyId.of(segments.get(0), segments.get(1));
            service = PartyId.of(segments.get(2), segments.get(3));
        } catch (IllegalArgumentException e) {
            exchange.error(req, resp, HttpServletResponse.SC_BAD_REQUEST, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                    e.getMessage());
            return;
        }
        if (!agreements.remove(user, service)) {
            exchange.error(req, resp, HttpServletResponse.SC_NOT_FOUND, OcpiStatus.CLIENT_ERROR,
                    "Party " + user + " has no agreement with service " + service);
            return;
        }
        LOG.info("Admin API: agreement of {} with service {} ended", user, service);
        resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    static PartyId party(JsonNode body, String field) throws InvalidPayloadException {
        if (!body.isObject()) {
            throw new InvalidPayloadException("not a JSON object");
        }
        JsonNode p = body.get(field);
        if (p == null || !p.isObject()) {
            throw new InvalidPayloadException(field + ": missing or not an object");
        }
        JsonNode cc = p.get("country_code");
        JsonNode pid = p.get("party_id");
        if (cc == null || !cc.isTextual()) {
            throw new InvalidPayloadException(field + ".country_code: missing or not a string");
        }
        if (pid == null || !pid.isTextual()) {
            throw new InvalidPayloadException(field + ".party_id: missing or not a string");
        }
        try {
            return PartyId.of(cc.asText(), pid.asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidPayloadException(field + ": " + e.getMessage());
        }
    }

    private ObjectNode toJson(Agreement a) {
        ObjectNode o = exchange.json().mapper().createObjectNode();
        o.putObject("user").put("country_code", a.user().countryCode()).put("party_id", a.user().partyId());
        o.putObject("service").put("country_code", a.service().countryCode()).put("party_id", a.service().partyId());
        o.put("created", OcpiJson.dateTime(a.created()));
        o.put("running", services.find(a.service()).isPresent());
        return o;
    }

    private void write(HttpServletResponse resp, int status, JsonNode body) throws IOException {
        byte[] bytes = exchange.json().mapper().writeValueAsBytes(body);
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
