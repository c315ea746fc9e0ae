package org.ocn.node.ocpi.versions.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

import org.ocn.node.api.ocpi.Endpoint;
import org.ocn.node.api.ocpi.Version;
import org.ocn.node.api.ocpi.VersionDetails;
import org.ocn.node.api.ocpi.VersionNumber;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.parties.TokenMatch;
import org.ocn.node.settings.NodeConfiguration;
import org.ocn.node.spi.endpoints.OcpiEndpointProvider;
import org.ocn.node.spi.endpoints.ServedEndpoint;
import org.ocn.node.spi.health.HealthIndicator;
import org.ocn.node.spi.health.HealthState;
import org.ocn.node.web.json.OcpiJson;
import org.ocn.node.web.servlet.OcpiExchange;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The versions module: {@code GET /ocpi/versions} lists 2.2.1 and 2.2; {@code GET /ocpi/2.2.1} and
 * {@code GET /ocpi/2.2} list the endpoints that registered {@link OcpiEndpointProvider}s serve for that version, and
 * nothing else (decisions §3: every URL advertised is served). Readable with a registration token (A) or a
 * credentials token (C).
 */
@Component(name = "ocn.ocpi.versions", configurationPid = NodeConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {Servlet.class, HealthIndicator.class},
        property = HealthIndicator.NAME + "=versions")
@HttpWhiteboardServletPattern({"/ocpi/versions", "/ocpi/2.2.1", "/ocpi/2.2"})
public class VersionsServlet extends HttpServlet implements HealthIndicator {

    private static final long serialVersionUID = 1L;
    static final List<VersionNumber> SUPPORTED = List.of(VersionNumber.V2_2_1, VersionNumber.V2_2);

    /** Providers by service reference order: highest ranking first, then lowest service id. */
    private final Map<ProviderKey, OcpiEndpointProvider> providers = new ConcurrentSkipListMap<>();
    private final transient OcpiExchange exchange = new OcpiExchange(new OcpiJson());
    private final transient PartyDirectory directory;
    private volatile String nodeUrl;

    private record ProviderKey(int ranking, long serviceId) implements Comparable<ProviderKey> {
        @Override
        public int compareTo(ProviderKey o) {
            return Comparator.comparingInt((ProviderKey k) -> -k.ranking).thenComparingLong(k -> k.serviceId)
                    .compare(this, o);
        }

        static ProviderKey of(Map<String, Object> properties) {
            Object ranking = properties.get(Constants.SERVICE_RANKING);
            return new ProviderKey(ranking instanceof Integer i ? i : 0, (Long) properties.get(Constants.SERVICE_ID));
        }
    }

    @Activate
    public VersionsServlet(@Reference PartyDirectory directory, NodeConfiguration config) {
        this.directory = directory;
        this.nodeUrl = config.ocn_node_url();
    }

    @Modified
    void modified(NodeConfiguration config) {
        nodeUrl = config.ocn_node_url();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProvider(OcpiEndpointProvider provider, Map<String, Object> properties) {
        providers.put(ProviderKey.of(properties), provider);
    }

    void removeProvider(OcpiEndpointProvider provider, Map<String, Object> properties) {
        providers.remove(ProviderKey.of(properties));
    }

    @Override
    public HealthState check() {
        return HealthState.up(null);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!"GET".equals(req.getMethod())) {
            exchange.methodNotAllowed(req, resp, "GET", req.getMethod() + " is not supported here; use GET");
            return;
        }
        if (!authorized(req)) {
            exchange.unauthorized(req, resp, "Unknown or missing token: the versions module needs a registration "
                    + "token (A) or a credentials token (C) in 'Authorization: Token ...'");
            return;
        }
        String path = req.getServletPath();
        if (path.equals("/ocpi/versions")) {
            exchange.ok(req, resp, versions());
            return;
        }
        Optional<VersionNumber> version = VersionNumber.parse(path.substring("/ocpi/".length()));
        exchange.ok(req, resp, details(version.orElseThrow()));
    }

    private boolean authorized(HttpServletRequest req) {
        return directory.findByAnyToken(OcpiExchange.tokens(req)).filter(m -> m.kind() == TokenMatch.Kind.REGISTRATION
                || m.platform().isRegistered()).isPresent();
    }

    List<Version> versions() {
        String base = nodeUrl;
        return SUPPORTED.stream().map(v -> new Version(v.text(), base + "/ocpi/" + v.text())).toList();
    }

    VersionDetails details(VersionNumber version) {
        String base = nodeUrl;
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        for (OcpiEndpointProvider provider : providers.values()) {
            for (ServedEndpoint e : provider.servedEndpoints()) {
                if (e.version() == version) {
                    endpoints.putIfAbsent(e.identifier() + "/" + e.role(),
                            new Endpoint(e.identifier(), e.role(), base + e.path()));
                }
            }
        }
        List<Endpoint> sorted = new ArrayList<>(endpoints.values());
        sorted.sort(Comparator.comparing(Endpoint::identifier).thenComparing(Endpoint::role));
        return new VersionDetails(version.text(), sorted);
    }
}
