package org.ocn.node.plugins.internal;

import java.io.IOException;
import java.util.Locale;

import org.ocn.node.api.ocpi.OcpiStatus;
import org.ocn.node.plugins.internal.PluginException.Reason;
import org.ocn.node.settings.NodeConfiguration;
import org.ocn.node.spi.health.HealthIndicator;
import org.ocn.node.spi.health.HealthState;
import org.ocn.node.web.json.InvalidPayloadException;
import org.ocn.node.web.json.OcpiJson;
import org.ocn.node.web.servlet.OcpiExchange;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The plugins admin API (decisions §18), with {@code Authorization: Token <ocn.node.apikey>} as the rest of
 * {@code /admin}; its patterns are more specific than ocn-admin's {@code /admin/*}, so the whiteboard sends
 * {@code /admin/plugins} here:
 * <ul>
 * <li>{@code GET /admin/plugins}: every plugin, {@code [{"id", "version", "state", "error", "modules", "services"}]};
 * {@code GET /admin/plugins/{id}}: one (404 when unknown); {@code GET /admin/plugins/audit?limit=N}: the last N
 * audit events (default 100);</li>
 * <li>{@code POST /admin/plugins}: the artifact as the body (a bundle jar, a features XML or a KAR; for example
 * {@code Content-Type: application/java-archive}), or {@code Content-Type: application/json} with
 * {@code {"maven": "group:artifact:version"}}; 201 with the plugin (an array of plugins for a features XML or
 * KAR);</li>
 * <li>{@code PUT /admin/plugins/{id}}: the same bodies; 200 with the plugin, updated in place;</li>
 * <li>{@code DELETE /admin/plugins/{id}}: 200 with the plugin as it was.</li>
 * </ul>
 * A plugin that installs but does not resolve or start is installed and answered as such (201, {@code "state":
 * "FAILED"} with the reason). Errors carry an OCPI envelope: 400 (not a bundle, features XML or KAR; a malformed or
 * unknown Maven coordinate; Karaf refused the features), 401 (wrong or missing key), 403
 * ({@code ocn.node.plugins.upload=false}: only GET), 404 (unknown plugin), 405, 409 (a plugin with that symbolic
 * name or repository exists: update it with PUT), 413 (larger than 50 MB), 502 (a Maven repository could not be
 * read).
 *
 * <p>Also the health indicator {@code plugins}, up while this API is registered: the node's default
 * {@code ocn.health required} names it, so that {@code /health} answers 200 only once plugins can be managed.
 */
@Component(name = "ocn.plugins.api", configurationPid = NodeConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {Servlet.class, HealthIndicator.class},
        property = HealthIndicator.NAME + "=plugins")
@HttpWhiteboardServletPattern({"/admin/plugins", "/admin/plugins/*"})
public class PluginsServlet extends HttpServlet implements HealthIndicator {

    private static final long serialVersionUID = 1L;
    private static final int MAX_JSON_BODY = 64 * 1024;
    private static final int DEFAULT_AUDIT_ENTRIES = 100;
    private static final int MAX_AUDIT_ENTRIES = 10_000;

    private final transient PluginManager plugins;
    private final transient OcpiExchange exchange = new OcpiExchange(new OcpiJson());
    private transient volatile String apikey;

    @Activate
    public PluginsServlet(@Reference PluginManager plugins, NodeConfiguration config) {
        this.plugins = plugins;
        modified(config);
    }

    @Modified
    void modified(NodeConfiguration config) {
        this.apikey = config.ocn_node_apikey();
    }

    @Override
    public HealthState check() {
        return HealthState.up("/admin/plugins answers; uploads " + (plugins.uploadAllowed() ? "on" : "off"));
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo().replaceFirst("^/", "");
        if (path.contains("/")) {
            exchange.error(req, resp, HttpServletResponse.SC_NOT_FOUND, OcpiStatus.CLIENT_ERROR,
                    "No admin resource at /admin/plugins/" + path);
            return;
        }
        String key = apikey;
        if (key == null || !OcpiExchange.carriesKey(req, key)) {
            exchange.unauthorized(req, resp, "Wrong or missing admin key: send 'Authorization: Token <ocn.node.apikey>'");
            return;
        }
        String id = path.isEmpty() ? null : path;
        String method = req.getMethod();
        try {
            if (method.equals("GET")) {
                get(req, resp, id);
                return;
            }
            boolean collection = id == null;
            if (!(collection ? method.equals("POST") : method.equals("PUT") || method.equals("DELETE"))) {
                exchange.methodNotAllowed(req, resp, collection ? "GET, POST" : "GET, PUT, DELETE",
                        collection ? "use GET to list plugins, POST to install one"
                                : "use GET to read a plugin, PUT to update it, DELETE to uninstall it");
                return;
            }
            if (!plugins.uploadAllowed()) {
                exchange.error(req, resp, HttpServletResponse.SC_FORBIDDEN, OcpiStatus.CLIENT_ERROR,
                        "Plugin changes through the admin API are turned off on this node (ocn.node.plugins.upload"
                                + "=false); use the deploy folder or the shell");
                return;
            }
            switch (method) {
                case "POST" -> {
                    FetchedArtifact artifact = artifact(req);
                    PluginManager.Outcome installed = plugins.install(artifact.file(), artifact.source(),
                            AuditLog.ADMIN_API);
                    if (installed.kind() == Artifact.Kind.BUNDLE) {
                        resp.setHeader("Location", "/admin/plugins/" + installed.plugins().get(0).id());
                    }
                    answer(resp, HttpServletResponse.SC_CREATED, json(installed));
                }
                case "PUT" -> {
                    FetchedArtifact artifact = artifact(req);
                    answer(resp, HttpServletResponse.SC_OK,
                            json(plugins.update(id, artifact.file(), artifact.source(), AuditLog.ADMIN_API)));
                }
                default -> answer(resp, HttpServletResponse.SC_OK, json(plugins.uninstall(id, AuditLog.ADMIN_API)));
            }
        } catch (PluginException e) {
            OcpiStatus status = switch (e.reason()) {
                case BAD_REQUEST, TOO_LARGE -> OcpiStatus.INVALID_OR_MISSING_PARAMETERS;
                case NOT_FOUND, CONFLICT -> OcpiStatus.CLIENT_ERROR;
                case REPOSITORY_UNAVAILABLE, FAILED -> OcpiStatus.SERVER_ERROR;
            };
            exchange.error(req, resp, e.reason().httpStatus(), status, e.getMessage());
        }
    }

    private void get(HttpServletRequest req, HttpServletResponse resp, String id) throws IOException, PluginException {
        if (id == null) {
            ArrayNode list = mapper().createArrayNode();
            plugins.list().forEach(p -> list.add(json(p)));
            answer(resp, HttpServletResponse.SC_OK, list);
        } else if (id.equals("audit")) {
            ArrayNode events = mapper().createArrayNode();
            plugins.audit(auditLimit(req.getParameter("limit"))).forEach(events::add);
            answer(resp, HttpServletResponse.SC_OK, events);
        } else {
            Plugin plugin = plugins.find(id).orElseThrow(() -> new PluginException(Reason.NOT_FOUND,
                    "no plugin " + id + " (GET /admin/plugins lists them)"));
            answer(resp, HttpServletResponse.SC_OK, json(plugin));
        }
    }

    static int auditLimit(String limit) throws PluginException {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_AUDIT_ENTRIES;
        }
        try {
            int n = Integer.parseInt(limit.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return Math.min(n, MAX_AUDIT_ENTRIES);
        } catch (NumberFormatException e) {
            throw new PluginException(Reason.BAD_REQUEST, "limit must be a positive number, not '" + limit + "'");
        }
    }

    /**
     * The artifact of a POST or PUT: JSON {@code {"maven": "g:a:v"}} is downloaded from the configured repositories;
     * any other body is the artifact itself, streamed to a file in the data folder.
     */
    private FetchedArtifact artifact(HttpServletRequest req) throws IOException, PluginException {
        String contentType = req.getContentType() == null ? "" : req.getContentType().toLowerCase(Locale.ROOT);
        if (contentType.startsWith("application/json")) {
            JsonNode body;
            try {
                body = exchange.readJson(req, MAX_JSON_BODY);
            } catch (InvalidPayloadException e) {
                throw new PluginException(Reason.BAD_REQUEST, "Invalid body: " + e.getMessage()
                        + "; expected {\"maven\": \"group:artifact:version\"} or the artifact itself");
            }
            JsonNode maven = body.get("maven");
            if (maven == null || !maven.isTextual()) {
                throw new PluginException(Reason.BAD_REQUEST,
                        "expected {\"maven\": \"group:artifact:version\"} (or the artifact itself as the body)");
            }
            return plugins.fetchMaven(maven.asText());
        }
        return plugins.receive(req.getInputStream(), req.getContentLengthLong());
    }

    /** A bundle answers as one plugin; a features XML or KAR as the list of the bundles it installed. */
    private JsonNode json(PluginManager.Outcome outcome) {
        if (outcome.kind() == Artifact.Kind.BUNDLE && outcome.plugins().size() == 1) {
            return json(outcome.plugins().get(0));
        }
        ArrayNode list = mapper().createArrayNode();
        outcome.plugins().forEach(p -> list.add(json(p)));
        return list;
    }

    private ObjectNode json(Plugin plugin) {
        ObjectNode o = mapper().createObjectNode();
        o.put("id", plugin.id());
        o.put("version", plugin.version());
        o.put("state", plugin.state());
        o.put("error", plugin.error());
        ArrayNode modules = o.putArray("modules");
        plugin.modules().forEach(modules::add);
        ArrayNode services = o.putArray("services");
        plugin.services().forEach(services::add);
        return o;
    }

    private ObjectMapper mapper() {
        return exchange.json().mapper();
    }

    private void answer(HttpServletResponse resp, int status, JsonNode body) throws IOException {
        byte[] bytes = mapper().writeValueAsBytes(body);
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
