package org.ocn.node.ocpi.credentials.internal;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.ocn.node.api.ocpi.BusinessDetails;
import org.ocn.node.api.ocpi.Credentials;
import org.ocn.node.api.ocpi.CredentialsRole;
import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.ModuleId;
import org.ocn.node.api.ocpi.OcpiStatus;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.api.ocpi.TokenEncoding;
import org.ocn.node.api.ocpi.VersionNumber;
import org.ocn.node.parties.DirectoryException;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.parties.Platform;
import org.ocn.node.parties.Registered;
import org.ocn.node.parties.Registration;
import org.ocn.node.parties.TokenMatch;
import org.ocn.node.registry.Admission;
import org.ocn.node.registry.NetworkRegistry;
import org.ocn.node.settings.NodeConfiguration;
import org.ocn.node.spi.endpoints.OcpiEndpointProvider;
import org.ocn.node.spi.endpoints.ServedEndpoint;
import org.ocn.node.spi.health.HealthIndicator;
import org.ocn.node.spi.health.HealthState;
import org.ocn.node.web.json.InvalidPayloadException;
import org.ocn.node.web.json.OcpiJson;
import org.ocn.node.web.servlet.OcpiExchange;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The credentials module of OCPI 2.2.1 and 2.2, server side (OCPI 2.2.1 {@code credentials.asciidoc}):
 * <ul>
 * <li>{@code POST} with a registration token (A): reads the party's versions and details with its token B, picks the
 * highest version in common, checks every role with the registry, stores the platform and answers the node's own
 * credentials (the single role HUB) with a new token C; token A is then dead;</li>
 * <li>{@code PUT} with token C: the same with the party's new token B, switching to the version of the endpoint
 * called, and a new token C;</li>
 * <li>{@code DELETE} with token C: unregisters;</li>
 * <li>{@code GET} with token A or C: the node's credentials.</li>
 * </ul>
 * Errors (decisions §2): unknown or missing token 401; POST when registered, PUT or DELETE when not, 405; a body
 * that is not JSON 400/2001; valid JSON that is not valid credentials 2001; a role not admitted or already connected
 * 2001; party unreachable 3001; no version in common 3002 (those with HTTP 200). Every refused registration or update
 * is logged at WARN with the parties, the reason and the {@code X-Request-ID}. A party may offer any modules
 * (decisions §12a).
 *
 * <p>A registration whose answer was lost can be completed again: until the platform's token C has been used once,
 * its token A is still accepted by {@code POST}, which registers afresh with a new token C (the unused one dies).
 * Outbound, token B is written Base64 when the party called the 2.2.1 endpoint, plain for 2.2 (decisions §5).
 *
 * <p>A configuration change (PID {@code ocn.ocpi.credentials} or {@code ocn.node}) restarts the component: requests
 * in flight complete on the old instance.
 */
@Component(name = "ocn.ocpi.credentials", configurationPid = {"ocn.ocpi.credentials", NodeConfiguration.PID},
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {Servlet.class, OcpiEndpointProvider.class, HealthIndicator.class},
        property = HealthIndicator.NAME + "=credentials")
@HttpWhiteboardServletPattern({"/ocpi/2.2.1/credentials", "/ocpi/2.2/credentials"})
public class CredentialsServlet extends HttpServlet implements OcpiEndpointProvider, HealthIndicator {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CredentialsServlet.class);
    private static final List<VersionNumber> SUPPORTED = List.of(VersionNumber.V2_2_1, VersionNumber.V2_2);

    @ObjectClassDefinition(id = "ocn.ocpi.credentials", pid = "ocn.ocpi.credentials", name = "OCN credentials module",
            description = "Timeouts of the requests the node makes to a party during a credentials handshake.")
    @interface Config {
        @AttributeDefinition(description = "Time to connect to a party, in milliseconds.")
        int connectTimeoutMs() default 5000;

        @AttributeDefinition(description = "Time for a party to answer one request, in milliseconds.")
        int requestTimeoutMs() default 10000;
    }

    /** Who called: the token presented and what it stands for. */
    private record Caller(String token, TokenMatch match) {
    }

    private final transient PartyDirectory directory;
    /**
     * The best-ranked registry, followed without restarting: the chain registry replaces the local one at start, and
     * a restart then would break the handshakes in flight.
     */
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile NetworkRegistry registry;
    private final transient OcpiExchange exchange = new OcpiExchange(new OcpiJson());
    private final transient ExecutorService clientThreads;
    private final transient HttpClient httpClient;
    private final transient PartyApiClient partyApi;
    private final transient NodeConfiguration node;

    @Activate
    public CredentialsServlet(@Reference PartyDirectory directory, Config config, NodeConfiguration node) {
        this.directory = directory;
        this.node = node;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "ocn-credentials-client-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        clientThreads = Executors.newCachedThreadPool(threads);
        httpClient = HttpClient.newBuilder().executor(clientThreads)
                .connectTimeout(Duration.ofMillis(config.connectTimeoutMs()))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        partyApi = new PartyApiClient(httpClient, exchange.json(), Duration.ofMillis(config.requestTimeoutMs()));
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        clientThreads.shutdownNow();
        clientThreads.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Override
    public List<ServedEndpoint> servedEndpoints() {
        return SUPPORTED.stream().map(v -> new ServedEndpoint(v, ModuleId.CREDENTIALS.identifier(),
                InterfaceRole.SENDER, "/ocpi/" + v.text() + "/credentials")).toList();
    }

    @Override
    public HealthState check() {
        return HealthState.up(null);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        VersionNumber version = req.getServletPath().startsWith("/ocpi/2.2.1/") ? VersionNumber.V2_2_1
                : VersionNumber.V2_2;
        String method = req.getMethod();
        if (!List.of("GET", "POST", "PUT", "DELETE").contains(method)) {
            exchange.methodNotAllowed(req, resp, "GET, POST, PUT, DELETE", method + " is not part of the credentials module");
            return;
        }
        Optional<Caller> caller = authenticate(req);
        if (caller.isEmpty()) {
            exchange.unauthorized(req, resp, "Unknown or missing token: the credentials module needs a registration "
                    + "token (A) or a credentials token (C) in 'Authorization: Token ...'");
            return;
        }
        TokenMatch who = caller.get().match();
        boolean registered = who.kind() == TokenMatch.Kind.ACCESS;
        switch (method) {
            // the token a client uses towards the node is the one it presented: the node keeps only hashes
            case "GET" -> exchange.ok(req, resp, nodeCredentials(caller.get().token()));
            case "POST" -> {
                if (registered) {
                    exchange.methodNotAllowed(req, resp, "GET, PUT, DELETE", "Already registered: use PUT to "
                            + "update the credentials or DELETE to unregister");
                } else {
                    handshake(req, resp, who.platform(), version, false);
                }
            }
            case "PUT" -> {
                if (!registered) {
                    exchange.methodNotAllowed(req, resp, "GET, POST", "Not registered: register with POST first");
                } else {
                    handshake(req, resp, who.platform(), version, true);
                }
            }
            default -> {
                if (!registered) {
                    exchange.methodNotAllowed(req, resp, "GET, POST", "Not registered: nothing to delete");
                } else {
                    unregister(req, resp, who.platform());
                }
            }
        }
    }

    private Optional<Caller> authenticate(HttpServletRequest req) {
        // the token is kept with the match: the node answers GET with the very token the client presented
        for (String token : OcpiExchange.tokens(req)) {
            Optional<TokenMatch> match = directory.findByToken(token);
            if (match.isPresent()) {
                return Optional.of(new Caller(token, match.get()));
            }
        }
        return Optional.empty();
    }

    private Credentials nodeCredentials(String token) {
        NodeConfiguration c = node;
        return new Credentials(token, c.ocn_node_url() + "/ocpi/versions", List.of(new CredentialsRole(Role.HUB,
                BusinessDetails.named(c.ocn_node_name()), PartyId.of(c.ocn_node_countryCode(), c.ocn_node_partyId()))));
    }

    private void handshake(HttpServletRequest req, HttpServletResponse resp, Platform platform, VersionNumber version,
                           boolean update) throws IOException {
        Refusal refusal = new Refusal(req, resp, platform, update);
        Credentials credentials;
        try {
            JsonNode body = exchange.readJson(req, OcpiExchange.DEFAULT_MAX_BODY);
            try {
                credentials = exchange.json().readCredentials(body);
            } catch (InvalidPayloadException e) {
                refusal.send(HttpServletResponse.SC_OK, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                        "Invalid credentials: " + e.getMessage());
                return;
            }
        } catch (InvalidPayloadException e) {
            refusal.send(HttpServletResponse.SC_BAD_REQUEST, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                    "Invalid body: " + e.getMessage());
            return;
        }
        refusal.parties = credentials.roles().stream().map(CredentialsRole::party).distinct().toList();

        // admission: on registration every role must be admitted; on update, roles the platform already has stay
        NetworkRegistry current = registry;
        List<String> refused = new ArrayList<>();
        for (CredentialsRole role : credentials.roles()) {
            if (update && platform.hosts(role.party())) {
                continue;
            }
            Admission admission = current.admit(role, platform.admitted());
            if (!admission.admitted()) {
                refused.add(admission.reason());
            }
        }
        if (!refused.isEmpty()) {
            refusal.send(HttpServletResponse.SC_OK, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                    "Not admitted to this node: " + String.join("; ", refused));
            return;
        }
        for (CredentialsRole role : credentials.roles()) {
            Optional<Platform> holder = directory.findByParty(role.party());
            if (holder.isPresent() && holder.get().isRegistered() && holder.get().id() != platform.id()) {
                refusal.send(HttpServletResponse.SC_OK, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                        "Party " + role.party() + " is already connected to this node");
                return;
            }
        }

        TokenEncoding encoding = TokenEncoding.forVersion(version);
        PartyApiClient.Offer offer;
        try {
            offer = partyApi.fetch(credentials.url(), credentials.token(), encoding, SUPPORTED,
                    update ? PartyApiClient.Selection.OF_ENDPOINT : PartyApiClient.Selection.HIGHEST_COMMON, version);
        } catch (HandshakeException e) {
            refusal.send(HttpServletResponse.SC_OK, e.status(), e.getMessage());
            return;
        }

        Registration registration = new Registration(credentials, offer.version(), offer.details().endpoints(), encoding);
        Registered registered;
        try {
            registered = update ? directory.update(platform.id(), registration)
                    : directory.register(platform.id(), registration);
        } catch (DirectoryException e) {
            switch (e.reason()) {
                case WRONG_STATE -> {
                    exchange.methodNotAllowed(req, resp, "GET, PUT, DELETE", "Already registered: " + e.getMessage());
                    refusal.log("Already registered: " + e.getMessage());
                }
                case PARTY_CONNECTED -> refusal.send(HttpServletResponse.SC_OK,
                        OcpiStatus.INVALID_OR_MISSING_PARAMETERS, e.getMessage());
                default -> refusal.send(HttpServletResponse.SC_OK, OcpiStatus.SERVER_ERROR,
                        "The registration could not be completed: " + e.getMessage());
            }
            return;
        }
        exchange.ok(req, resp, nodeCredentials(registered.tokenC()));
    }

    /**
     * A registration or credentials update the node refuses: answered with its reason and logged at WARN with the
     * parties, the reason and the request's {@code X-Request-ID}, so that an operator can tell a party why.
     */
    private final class Refusal {
        private final HttpServletRequest req;
        private final HttpServletResponse resp;
        private final Platform platform;
        private final boolean update;
        /** The parties the credentials name, once read; until then those named when token A was issued. */
        private List<PartyId> parties;

        Refusal(HttpServletRequest req, HttpServletResponse resp, Platform platform, boolean update) {
            this.req = req;
            this.resp = resp;
            this.platform = platform;
            this.update = update;
            this.parties = platform.roles().isEmpty() ? List.copyOf(platform.admitted())
                    : platform.roles().stream().map(CredentialsRole::party).distinct().toList();
        }

        void send(int http, OcpiStatus status, String message) throws IOException {
            exchange.error(req, resp, http, status, message);
            log(message);
        }

        /** Logs the refusal once answered: with the answer's X-Request-ID, the client's or the one the node gave. */
        void log(String reason) {
            String requestId = resp.getHeader("X-Request-ID");
            LOG.warn("{} of {} (platform {}, X-Request-ID {}) refused: {}", update ? "Credentials update"
                    : "Registration", parties, platform.id(), requestId == null ? req.getHeader("X-Request-ID")
                    : requestId, reason);
        }
    }

    private void unregister(HttpServletRequest req, HttpServletResponse resp, Platform platform) throws IOException {
        try {
            directory.unregister(platform.id());
        } catch (DirectoryException e) {
            if (e.reason() == DirectoryException.Reason.WRONG_STATE) {
                exchange.methodNotAllowed(req, resp, "GET, POST", "Not registered: " + e.getMessage());
            } else {
                exchange.error(req, resp, HttpServletResponse.SC_OK, OcpiStatus.SERVER_ERROR,
                        "The platform could not be unregistered: " + e.getMessage());
            }
            return;
        }
        exchange.ok(req, resp, null);
    }
}
