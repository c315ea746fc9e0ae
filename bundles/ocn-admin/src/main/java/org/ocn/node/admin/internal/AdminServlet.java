package org.ocn.node.admin.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.Endpoint;
import org.ocn.node.api.ocpi.OcpiStatus;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.parties.DirectoryException;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.registry.NetworkRegistry;
import org.ocn.node.settings.NodeConfiguration;
import org.ocn.node.spi.health.HealthIndicator;
import org.ocn.node.spi.health.HealthState;
import org.ocn.node.web.json.InvalidPayloadException;
import org.ocn.node.web.json.OcpiJson;
import org.ocn.node.web.servlet.OcpiExchange;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
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
 * The admin API of the reference node, with {@code Authorization: Token <ocn.node.apikey>} (plain or Base64):
 * <ul>
 * <li>{@code POST /admin/generate-registration-token}, body {@code [{"country_code":"DE","party_id":"MSP"}]}:
 * answers {@code {"token": "<token A>", "versions": "<ocn.node.url>/ocpi/versions"}}; the token admits exactly the
 * parties named;</li>
 * <li>{@code GET /admin/connection-status/{country_code}/{party_id}}: answers the status as text
 * ({@code CONNECTED}, {@code OFFLINE}, {@code PLANNED} or {@code SUSPENDED}), 404 for a party the node does not
 * know;</li>
 * <li>{@code POST /admin/refresh-blockchain} (the name of reference v2): reads the registry afresh in the
 * background (the chain registry re-reads every node, party, service and agreement; the local registry has nothing
 * to read); answers 202 {@code {"registry": "<name>", "refreshing": true|false}};</li>
 * <li>{@code GET /admin/parties}: every party of every platform the node knows ({@link PartyEntries}), as
 * {@code [{"country_code", "party_id", "roles", "status", "platform_id", "version", "versions_url", "endpoints",
 * "last_seen", "updated_at"}]}; {@code GET /admin/parties/{country_code}/{party_id}} one of them (404 unknown);</li>
 * <li>{@code DELETE /admin/parties/{country_code}/{party_id}}: unregisters the platform holding the party (all its
 * parties become {@code SUSPENDED}, its tokens die; a planned one's registration token dies), so that a new
 * registration token can be issued for it; answers the party's entry, 404 unknown, 409 when already
 * unregistered.</li>
 * </ul>
 * Errors carry an OCPI envelope: 401 for a wrong or missing key, 400 with the reason for a malformed request or a
 * party that is already connected, 404 for an unknown path, 405 for a wrong method.
 */
@Component(name = "ocn.admin", configurationPid = NodeConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {Servlet.class, HealthIndicator.class},
        property = HealthIndicator.NAME + "=admin")
@HttpWhiteboardServletPattern("/admin/*")
public class AdminServlet extends HttpServlet implements HealthIndicator {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AdminServlet.class);
    private static final int MAX_BODY = 64 * 1024;

    private final transient PartyDirectory directory;
    private final transient OcpiExchange exchange = new OcpiExchange(new OcpiJson());
    private final transient String apikey;
    private final transient String nodeUrl;

    /** The registry in use (the best ranked), followed without restarting. */
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            cardinality = ReferenceCardinality.OPTIONAL)
    private volatile NetworkRegistry registry;

    @Activate
    public AdminServlet(@Reference PartyDirectory directory, NodeConfiguration config) {
        this.directory = directory;
        this.apikey = config.ocn_node_apikey();
        this.nodeUrl = config.ocn_node_url();
    }

    @Override
    public HealthState check() {
        return HealthState.up(null);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        List<String> segments = List.of(path.replaceFirst("^/", "").split("/", -1));
        boolean token = segments.size() == 1 && segments.get(0).equals("generate-registration-token");
        boolean status = segments.size() == 3 && segments.get(0).equals("connection-status");
        boolean refresh = segments.size() == 1 && segments.get(0).equals("refresh-blockchain");
        boolean parties = (segments.size() == 1 || segments.size() == 3) && segments.get(0).equals("parties");
        if (!token && !status && !refresh && !parties) {
            exchange.error(req, resp, HttpServletResponse.SC_NOT_FOUND, OcpiStatus.CLIENT_ERROR,
                    "No admin resource at /admin" + path);
            return;
        }
        if (apikey == null || !OcpiExchange.carriesKey(req, apikey)) {
            exchange.unauthorized(req, resp, "Wrong or missing admin key: send 'Authorization: Token <ocn.node.apikey>'");
            return;
        }
        if (parties) {
            partiesResource(req, resp, segments);
        } else if (refresh) {
            if (!req.getMethod().equals("POST")) {
                exchange.methodNotAllowed(req, resp, "POST", "use POST to refresh the registry");
                return;
            }
            refreshRegistry(resp);
        } else if (token) {
            if (!req.getMethod().equals("POST")) {
                exchange.methodNotAllowed(req, resp, "POST", "use POST to generate a registration token");
                return;
            }
            generateRegistrationToken(req, resp);
        } else {
            if (!req.getMethod().equals("GET")) {
                exchange.methodNotAllowed(req, resp, "GET", "use GET to read a connection status");
                return;
            }
            connectionStatus(req, resp, segments.get(1), segments.get(2));
        }
    }

    private void partiesResource(HttpServletRequest req, HttpServletResponse resp, List<String> segments)
            throws IOException {
        PartyEntries entries = new PartyEntries(directory);
        if (segments.size() == 1) {
            if (!req.getMethod().equals("GET")) {
                exchange.methodNotAllowed(req, resp, "GET", "use GET to list the parties");
                return;
            }
            ArrayNode list = exchange.json().mapper().createArrayNode();
            entries.list().forEach(e -> list.add(json(e)));
            writeJson(resp, HttpServletResponse.SC_OK, list);
            return;
        }
        PartyId party;
        try {
            party = PartyId.of(segments.get(1), segments.get(2));
        } catch (IllegalArgumentException e) {
            exchange.error(req, resp, HttpServletResponse.SC_BAD_REQUEST, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                    e.getMessage());
            return;
        }
        Optional<PartyEntries.PartyEntry> entry;
        switch (req.getMethod()) {
            case "GET" -> entry = entries.find(party);
            case "DELETE" -> {
                try {
                    entry = entries.unregister(party);
                } catch (DirectoryException e) {
                    int http = e.reason() == DirectoryException.Reason.WRONG_STATE ? HttpServletResponse.SC_CONFLICT
                            : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
                    exchange.error(req, resp, http, http == HttpServletResponse.SC_CONFLICT
                            ? OcpiStatus.CLIENT_ERROR : OcpiStatus.SERVER_ERROR, "Party " + party
                            + " not unregistered: " + e.getMessage());
                    return;
                }
                entry.ifPresent(e -> LOG.info("Admin API: party {} unregistered (platform {})", party,
                        e.platformId()));
            }
            default -> {
                exchange.methodNotAllowed(req, resp, "GET, DELETE", "use GET to read a party, DELETE to unregister it");
                return;
            }
        }
        if (entry.isEmpty()) {
            exchange.error(req, resp, HttpServletResponse.SC_NOT_FOUND, OcpiStatus.CLIENT_ERROR,
                    "Party " + party + " is not known to this node");
            return;
        }
        writeJson(resp, HttpServletResponse.SC_OK, json(entry.get()));
    }

    private ObjectNode json(PartyEntries.PartyEntry e) {
        ObjectNode o = exchange.json().mapper().createObjectNode();
        o.put("country_code", e.party().countryCode());
        o.put("party_id", e.party().partyId());
        ArrayNode roles = o.putArray("roles");
        e.roles().forEach(r -> roles.add(r.name()));
        o.put("status", e.status().name());
        o.put("platform_id", e.platformId());
        o.put("version", e.version() == null ? null : e.version().text());
        o.put("versions_url", e.versionsUrl());
        ArrayNode endpoints = o.putArray("endpoints");
        for (Endpoint endpoint : e.endpoints()) {
            endpoints.addObject().put("identifier", endpoint.identifier()).put("role", endpoint.role().name())
                    .put("url", endpoint.url());
        }
        o.put("last_seen", e.lastSeen() == null ? null : e.lastSeen().toString());
        o.put("updated_at", e.updatedAt() == null ? null : e.updatedAt().toString());
        return o;
    }

    private void writeJson(HttpServletResponse resp, int status, JsonNode body) throws IOException {
        byte[] bytes = exchange.json().mapper().writeValueAsBytes(body);
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    private void refreshRegistry(HttpServletResponse resp) throws IOException {
        NetworkRegistry current = registry;
        ObjectNode body = exchange.json().mapper().createObjectNode();
        if (current == null) {
            body.putNull("registry");
            body.put("refreshing", false);
        } else {
            current.refresh();
            LOG.info("Admin API: registry '{}' refresh requested", current.name());
            body.put("registry", current.name());
            body.put("refreshing", !current.name().equals("local"));
        }
        byte[] bytes = exchange.json().mapper().writeValueAsBytes(body);
        resp.setStatus(HttpServletResponse.SC_ACCEPTED);
        resp.setContentType("application/json");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    private void generateRegistrationToken(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<PartyId> parties;
        try {
            parties = parties(exchange.readJson(req, MAX_BODY));
        } catch (InvalidPayloadException e) {
            exchange.error(req, resp, HttpServletResponse.SC_BAD_REQUEST, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                    "Invalid body: " + e.getMessage()
                            + "; expected [{\"country_code\": \"DE\", \"party_id\": \"MSP\"}, ...]");
            return;
        }
        String tokenA;
        try {
            tokenA = directory.issueRegistrationToken(parties);
        } catch (DirectoryException e) {
            int http = e.reason() == DirectoryException.Reason.STORE ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR
                    : HttpServletResponse.SC_BAD_REQUEST;
            exchange.error(req, resp, http, e.reason() == DirectoryException.Reason.STORE ? OcpiStatus.SERVER_ERROR
                    : OcpiStatus.INVALID_OR_MISSING_PARAMETERS, e.getMessage());
            return;
        }
        LOG.info("Admin API: registration token generated for {}", parties);
        ObjectNode body = exchange.json().mapper().createObjectNode();
        body.put("token", tokenA);
        body.put("versions", nodeUrl + "/ocpi/versions");
        byte[] bytes = exchange.json().mapper().writeValueAsBytes(body);
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType("application/json");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    static List<PartyId> parties(JsonNode body) throws InvalidPayloadException {
        if (!body.isArray() || body.isEmpty()) {
            throw new InvalidPayloadException("a non-empty JSON array of parties is required");
        }
        List<PartyId> parties = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            JsonNode p = body.get(i);
            String at = "[" + i + "]";
            if (!p.isObject()) {
                throw new InvalidPayloadException(at + ": not a JSON object");
            }
            JsonNode cc = p.get("country_code");
            JsonNode pid = p.get("party_id");
            if (cc == null || !cc.isTextual()) {
                throw new InvalidPayloadException(at + ".country_code: missing or not a string");
            }
            if (pid == null || !pid.isTextual()) {
                throw new InvalidPayloadException(at + ".party_id: missing or not a string");
            }
            try {
                PartyId party = PartyId.of(cc.asText(), pid.asText());
                if (!parties.contains(party)) {
                    parties.add(party);
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidPayloadException(at + ": " + e.getMessage());
            }
        }
        return parties;
    }

    private void connectionStatus(HttpServletRequest req, HttpServletResponse resp, String cc, String pid)
            throws IOException {
        PartyId party;
        try {
            party = PartyId.of(cc, pid);
        } catch (IllegalArgumentException e) {
            exchange.error(req, resp, HttpServletResponse.SC_BAD_REQUEST, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                    e.getMessage());
            return;
        }
        Optional<ConnectionStatus> status = directory.connectionStatus(party);
        if (status.isEmpty()) {
            exchange.error(req, resp, HttpServletResponse.SC_NOT_FOUND, OcpiStatus.CLIENT_ERROR,
                    "Party " + party + " is not known to this node");
            return;
        }
        byte[] bytes = status.get().name().getBytes(StandardCharsets.US_ASCII);
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType("text/plain;charset=US-ASCII");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
