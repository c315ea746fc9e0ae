package org.ocn.node.ocpi.hubclientinfo.internal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.ModuleId;
import org.ocn.node.api.ocpi.OcpiStatus;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.VersionNumber;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.parties.Platform;
import org.ocn.node.rules.OcnRules;
import org.ocn.node.settings.NodeConfiguration;
import org.ocn.node.spi.endpoints.OcpiEndpointProvider;
import org.ocn.node.spi.endpoints.ServedEndpoint;
import org.ocn.node.spi.health.HealthIndicator;
import org.ocn.node.spi.health.HealthState;
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

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The hub's hubclientinfo Sender interface: {@code GET /ocpi/{2.2.1|2.2}/hubclientinfo} lists a ClientInfo for every
 * party that registered at this node (CONNECTED, OFFLINE, or SUSPENDED once it left), for every service running here
 * (role OTHER, CONNECTED; SUSPENDED once it stopped) and, on a network, for the
 * parties of other nodes with the status their node reported, and the parties listed with this node in the registry
 * that never connected (PLANNED) (decisions §13; the reference node shows every network party as PLANNED, a quirk
 * not copied). One entry per party and role; a party registered here now shows as this node sees it, otherwise the
 * latest report wins. Oldest change first, with real pagination over the whole list: {@code date_from} (inclusive),
 * {@code date_to} (exclusive), {@code offset}, {@code limit} (at most {@value #MAX_LIMIT}), answered with
 * {@code X-Total-Count}, {@code X-Limit} and a next {@code Link}. Needs a credentials token (C); routing headers are
 * accepted and not required (decisions §4).
 */
@Component(name = "ocn.ocpi.hubclientinfo", configurationPid = NodeConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {Servlet.class, OcpiEndpointProvider.class, HealthIndicator.class},
        property = HealthIndicator.NAME + "=hubclientinfo")
@HttpWhiteboardServletPattern({"/ocpi/2.2.1/hubclientinfo", "/ocpi/2.2/hubclientinfo"})
public class HubClientInfoServlet extends HttpServlet implements OcpiEndpointProvider, HealthIndicator {

    private static final long serialVersionUID = 1L;
    static final int MAX_LIMIT = 100;

    private final transient PartyDirectory directory;
    private final transient NetworkClientInfos network;
    private final transient ServiceClientInfos services;
    private final transient OcpiExchange exchange = new OcpiExchange(new OcpiJson());
    private final transient String nodeUrl;

    /** The requester's OcnRules hide the parties its whitelist does not name; without the rules bundle, none. */
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            cardinality = ReferenceCardinality.OPTIONAL)
    private volatile OcnRules rules;

    @Activate
    public HubClientInfoServlet(@Reference PartyDirectory directory, @Reference NetworkClientInfos network,
                                @Reference ServiceClientInfos services, NodeConfiguration config) {
        this.directory = directory;
        this.network = network;
        this.services = services;
        this.nodeUrl = config.ocn_node_url();
    }

    @Override
    public List<ServedEndpoint> servedEndpoints() {
        return List.of(VersionNumber.V2_2_1, VersionNumber.V2_2).stream()
                .map(v -> new ServedEndpoint(v, ModuleId.HUB_CLIENT_INFO.identifier(), InterfaceRole.SENDER,
                        "/ocpi/" + v.text() + "/hubclientinfo"))
                .toList();
    }

    @Override
    public HealthState check() {
        return HealthState.up(null);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!req.getMethod().equals("GET")) {
            exchange.methodNotAllowed(req, resp, "GET", req.getMethod() + " is not part of the hub's hubclientinfo "
                    + "Sender interface; use GET");
            return;
        }
        Optional<Platform> requester = directory.findRegistered(OcpiExchange.tokens(req));
        if (requester.isEmpty()) {
            exchange.unauthorized(req, resp, "Unknown or missing token: hubclientinfo needs the credentials token (C) "
                    + "of a connected platform in 'Authorization: Token ...'");
            return;
        }
        Page page;
        try {
            page = Page.of(req);
        } catch (IllegalArgumentException e) {
            exchange.error(req, resp, HttpServletResponse.SC_OK, OcpiStatus.INVALID_OR_MISSING_PARAMETERS, e.getMessage());
            return;
        }
        PartyId asking = requester.get().roles().get(0).party();
        OcnRules current = rules;
        List<ClientInfos.ClientInfo> visible = ClientInfos.combined(directory.platforms(), services.infos(), network.infos()).stream()
                .filter(i -> current == null || current.mayKnowOf(asking, i.party())).toList();
        Page.Slice slice = page.of(visible);
        ArrayNode data = JsonNodeFactory.instance.arrayNode();
        slice.items().forEach(i -> data.add(i.toJson()));
        resp.setHeader("X-Total-Count", String.valueOf(slice.total()));
        resp.setHeader("X-Limit", String.valueOf(MAX_LIMIT));
        if (slice.nextOffset() >= 0) {
            resp.setHeader("Link", "<" + nodeUrl + req.getServletPath() + "?" + page.next(slice.nextOffset())
                    + ">; rel=\"next\"");
        }
        exchange.ok(req, resp, data);
    }

    /** The pagination parameters of a request. */
    record Page(Instant dateFrom, Instant dateTo, int offset, int limit) {

        /**
         * One page of a list.
         *
         * @param items      the ClientInfos on it
         * @param total      how many ClientInfos match the dates
         * @param nextOffset the offset of the next page, or {@code -1} on the last page
         */
        record Slice(List<ClientInfos.ClientInfo> items, int total, int nextOffset) {
        }

        /** @return the page of the list that this request asks for */
        Slice of(List<ClientInfos.ClientInfo> all) {
            List<ClientInfos.ClientInfo> matching = all.stream()
                    .filter(i -> dateFrom == null || !i.lastUpdated().isBefore(dateFrom))
                    .filter(i -> dateTo == null || i.lastUpdated().isBefore(dateTo))
                    .toList();
            int from = Math.min(offset, matching.size());
            int to = Math.min(from + limit, matching.size());
            return new Slice(matching.subList(from, to), matching.size(), to < matching.size() ? to : -1);
        }

        static Page of(HttpServletRequest req) {
            Instant from = date(req, "date_from");
            Instant to = date(req, "date_to");
            int offset = number(req, "offset", 0);
            int limit = Math.min(number(req, "limit", MAX_LIMIT), MAX_LIMIT);
            if (offset < 0) {
                throw new IllegalArgumentException("offset must not be negative");
            }
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be at least 1");
            }
            return new Page(from, to, offset, limit);
        }

        String next(int nextOffset) {
            StringBuilder q = new StringBuilder("offset=").append(nextOffset).append("&limit=").append(limit);
            if (dateFrom != null) {
                q.append("&date_from=").append(URLEncoder.encode(OcpiJson.dateTime(dateFrom), StandardCharsets.UTF_8));
            }
            if (dateTo != null) {
                q.append("&date_to=").append(URLEncoder.encode(OcpiJson.dateTime(dateTo), StandardCharsets.UTF_8));
            }
            return q.toString();
        }

        private static Instant date(HttpServletRequest req, String name) {
            String value = req.getParameter(name);
            if (value == null || value.isEmpty()) {
                return null;
            }
            return OcpiJson.parseDateTime(value).orElseThrow(() -> new IllegalArgumentException(
                    name + " '" + value + "' is not an OCPI DateTime (for example 2026-01-31T12:00:00Z)"));
        }

        private static int number(HttpServletRequest req, String name, int otherwise) {
            String value = req.getParameter(name);
            if (value == null || value.isEmpty()) {
                return otherwise;
            }
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " '" + value + "' is not a whole number");
            }
        }
    }
}
