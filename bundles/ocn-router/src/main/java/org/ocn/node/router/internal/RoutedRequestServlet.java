package org.ocn.node.router.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.ModuleId;
import org.ocn.node.api.ocpi.OcpiStatus;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.VersionNumber;
import org.ocn.node.parties.Platform;
import org.ocn.node.spi.health.HealthIndicator;
import org.ocn.node.spi.health.HealthState;
import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;
import org.ocn.node.web.json.InvalidPayloadException;
import org.ocn.node.web.json.OcpiJson;
import org.ocn.node.web.servlet.OcpiExchange;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Receives every routed OCPI request of the parties: functional modules at
 * {@code /ocpi/{sender|receiver}/{2.2.1|2.2}/{module}/...} and custom modules at
 * {@code /ocpi/custom/{sender|receiver}/{module}/...} (decisions §3), and speaks HTTP only: the path must name a
 * module interface (else 404); the sender is authenticated by its platform's token C (else 401/2000); the routing
 * headers {@code X-Request-ID}, {@code X-Correlation-ID} and {@code OCPI-from/to-country-code/party-id} must be
 * present and well formed (else 2001), and the {@code OCPI-from} party must belong to the sender's platform (else
 * 2001); a body larger than the configured limit is refused (2001); a request addressed to the node itself gets 4001.
 * The rest is the {@link Dispatcher}'s; the answer is written by the {@link ReplyWriter}, asynchronously: forwarding
 * holds no thread while the recipient works.
 */
@Component(service = {Servlet.class, HealthIndicator.class}, property = HealthIndicator.NAME + "=router")
@HttpWhiteboardServletPattern({"/ocpi/sender/*", "/ocpi/receiver/*", "/ocpi/custom/*"})
@HttpWhiteboardServletAsyncSupported
public class RoutedRequestServlet extends HttpServlet implements HealthIndicator {

    private static final long serialVersionUID = 1L;
    private static final Pattern MODULE_ID = Pattern.compile("[A-Za-z0-9_.~-]{1,64}");

    /** Where a request is going, read from its path. */
    private record Target(InterfaceRole role, VersionNumber version, String module, String rest, boolean custom) {
    }

    private final transient RoutingCore core;
    private final transient OcpiExchange exchange = new OcpiExchange(new OcpiJson());

    @Activate
    public RoutedRequestServlet(@Reference RoutingCore core) {
        this.core = core;
    }

    @Override
    public HealthState check() {
        return HealthState.up(core.status());
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Target target = target(req);
        if (target == null) {
            exchange.error(req, resp, HttpServletResponse.SC_NOT_FOUND, OcpiStatus.CLIENT_ERROR,
                    "No OCPI endpoint at " + req.getRequestURI());
            return;
        }
        Platform platform = core.directory().findRegistered(OcpiExchange.tokens(req)).orElse(null);
        if (platform == null) {
            exchange.unauthorized(req, resp, "Unknown or missing token: routed requests need the credentials token "
                    + "(C) of a connected platform in 'Authorization: Token ...'");
            return;
        }
        for (String key : OcpiHeaders.ROUTING) {
            String value = req.getHeader(key);
            if (value == null || value.isBlank()) {
                reject(req, resp, "Missing routing header " + OcpiHeaders.wireName(key));
                return;
            }
        }
        PartyId sender;
        PartyId receiver;
        try {
            sender = PartyId.of(req.getHeader(OcpiHeaders.FROM_COUNTRY_CODE).trim(),
                    req.getHeader(OcpiHeaders.FROM_PARTY_ID).trim());
        } catch (IllegalArgumentException e) {
            reject(req, resp, "Invalid OCPI-from-* headers: " + e.getMessage());
            return;
        }
        try {
            receiver = PartyId.of(req.getHeader(OcpiHeaders.TO_COUNTRY_CODE).trim(),
                    req.getHeader(OcpiHeaders.TO_PARTY_ID).trim());
        } catch (IllegalArgumentException e) {
            reject(req, resp, "Invalid OCPI-to-* headers: " + e.getMessage());
            return;
        }
        if (!platform.hosts(sender)) {
            reject(req, resp, "The OCPI-from party " + sender + " is not one of the roles of the platform this token "
                    + "belongs to");
            return;
        }
        byte[] body;
        try {
            body = OcpiExchange.readBody(req, core.maxBodyBytes());
        } catch (InvalidPayloadException e) {
            reject(req, resp, "Invalid body: " + e.getMessage());
            return;
        }
        VersionNumber version = target.version() != null ? target.version() : platform.version();
        OcpiRequest request = new OcpiRequest(req.getMethod(), version, target.module(), target.role(), target.rest(),
                req.getQueryString(), headers(req), body, sender, receiver);

        if (receiver.equals(core.nodeIdentity())) {
            core.writer().write(resp, request, OcpiReply.error(200, OcpiStatus.UNKNOWN_RECEIVER, "The node "
                    + receiver + " does not serve " + target.module() + " itself; address the party the message is for"));
            return;
        }
        Dispatcher.Dispatched dispatched = core.dispatcher().dispatch(request);
        core.writer().answer(req, resp, dispatched.request(), dispatched.reply(), dispatched.interested());
    }

    private static Target target(HttpServletRequest req) {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        String[] parts = path.split("/", -1);
        // ["", "ocpi", role-or-custom, ...]
        if (parts.length < 5 || !parts[1].equals("ocpi")) {
            return null;
        }
        boolean custom = parts[2].equals("custom");
        int roleAt = custom ? 3 : 2;
        int moduleAt = 4;
        InterfaceRole role;
        try {
            role = InterfaceRole.valueOf(parts[roleAt].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!parts[roleAt].equals(role.pathSegment())) {
            return null;
        }
        VersionNumber version = null;
        if (!custom) {
            Optional<VersionNumber> v = VersionNumber.parse(parts[3]);
            if (v.isEmpty() || !(v.get() == VersionNumber.V2_2_1 || v.get() == VersionNumber.V2_2)) {
                return null;
            }
            version = v.get();
        }
        String module = parts[moduleAt];
        if (!MODULE_ID.matcher(module).matches()) {
            return null;
        }
        if (!custom && (ModuleId.fromIdentifier(module).isEmpty()
                || ModuleId.fromIdentifier(module).get().isConfiguration())) {
            return null;
        }
        String rest = parts.length > moduleAt + 1
                ? "/" + String.join("/", Arrays.copyOfRange(parts, moduleAt + 1, parts.length)) : "";
        return new Target(role, version, module, rest, custom);
    }

    /** @return the request's headers the router passes on, by lower-case key: routing, signature, content type */
    private static Map<String, String> headers(HttpServletRequest req) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String key : OcpiHeaders.ROUTING) {
            headers.put(key, req.getHeader(key).trim());
        }
        String signature = req.getHeader(OcpiHeaders.SIGNATURE);
        if (signature != null) {
            headers.put(OcpiHeaders.SIGNATURE, signature);
        }
        String type = req.getHeader(OcpiHeaders.CONTENT_TYPE);
        if (type != null) {
            headers.put(OcpiHeaders.CONTENT_TYPE, type);
        }
        return headers;
    }

    private void reject(HttpServletRequest req, HttpServletResponse resp, String message) throws IOException {
        exchange.error(req, resp, HttpServletResponse.SC_OK, OcpiStatus.INVALID_OR_MISSING_PARAMETERS, message);
    }
}
