package org.ocn.node.health.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.ocn.node.spi.health.HealthIndicator;
import org.ocn.node.spi.health.HealthState;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /health} (decisions §10): 200 with each component's state when the node can serve, 503 with the same
 * body naming what is down. No authentication: it reveals states, never configuration or data.
 */
@Component(name = "ocn.health", service = {Servlet.class, HealthReport.class})
@HttpWhiteboardServletPattern("/health")
@Designate(ocd = HealthServlet.Config.class)
public class HealthServlet extends HttpServlet implements HealthReport {

    private static final long serialVersionUID = 1L;

    @ObjectClassDefinition(id = "ocn.health", name = "OCN health",
            description = "Which parts the node cannot serve without.")
    @interface Config {
        @AttributeDefinition(description = "Names of the health indicators that must be up for /health to answer 200; a name without a registered indicator counts as down.")
        String[] required() default {"settings", "store", "parties", "registry", "versions", "credentials", "admin",
            "router", "hubclientinfo", "ocnrules", "plugins"};
    }

    private final ConcurrentMap<String, List<HealthIndicator>> indicators = new ConcurrentHashMap<>();
    private final ObjectMapper mapper = new ObjectMapper();
    private volatile Set<String> required;

    @Activate
    public HealthServlet(Config config) {
        required = Set.of(config.required());
    }

    @Modified
    void modified(Config config) {
        required = Set.of(config.required());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addIndicator(HealthIndicator indicator, Map<String, Object> properties) {
        indicators.computeIfAbsent(name(properties), n -> new CopyOnWriteArrayList<>()).add(indicator);
    }

    void removeIndicator(HealthIndicator indicator, Map<String, Object> properties) {
        List<HealthIndicator> list = indicators.get(name(properties));
        if (list != null) {
            list.remove(indicator);
        }
    }

    private static String name(Map<String, Object> properties) {
        Object name = properties.get(HealthIndicator.NAME);
        return name == null ? "unnamed" : name.toString();
    }

    @Override
    public Map<String, HealthState> states() {
        Map<String, HealthState> states = new TreeMap<>();
        for (String name : required) {
            states.put(name, HealthState.down("not running"));
        }
        indicators.forEach((name, list) -> {
            if (list.isEmpty()) {
                return;
            }
            boolean up = true;
            StringBuilder detail = new StringBuilder();
            for (HealthIndicator indicator : list) {
                HealthState s;
                try {
                    s = indicator.check();
                } catch (RuntimeException e) {
                    s = HealthState.down(e.toString());
                }
                up &= s.up();
                if (s.detail() != null) {
                    detail.append(detail.length() == 0 ? "" : "; ").append(s.detail());
                }
            }
            states.put(name, new HealthState(up, detail.length() == 0 ? null : detail.toString()));
        });
        return states;
    }

    @Override
    public boolean up(Map<String, HealthState> states) {
        return required.stream().allMatch(n -> states.get(n) != null && states.get(n).up());
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Map<String, HealthState> states = states();
        boolean up = up(states);
        ObjectNode body = mapper.createObjectNode();
        body.put("status", up ? "UP" : "DOWN");
        ObjectNode components = body.putObject("components");
        states.forEach((name, state) -> {
            ObjectNode c = components.putObject(name);
            c.put("status", state.up() ? "UP" : "DOWN");
            if (state.detail() != null) {
                c.put("detail", state.detail());
            }
            if (!state.up() && !required.contains(name)) {
                c.put("required", false);
            }
        });
        byte[] bytes = mapper.writeValueAsBytes(body);
        resp.setStatus(up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        resp.setContentType("application/json");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
