package org.ocn.node.router.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.CredentialsRole;
import org.ocn.node.api.ocpi.Endpoint;
import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.api.ocpi.VersionNumber;
import org.ocn.node.crypto.EthereumKey;
import org.ocn.node.parties.testing.InMemoryPartyDirectory;
import org.ocn.node.registry.Admission;
import org.ocn.node.registry.NetworkRegistry;
import org.ocn.node.registry.NodeListing;
import org.ocn.node.registry.PartyListing;
import org.ocn.node.rules.OcnRules;
import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;
import org.ocn.node.spi.routing.OcpiRouting;
import org.ocn.node.store.testing.TemporaryDerby;

import com.sun.net.httpserver.HttpServer;

/**
 * The router without a framework: a request resolved once into its route (a platform here, a party of another node,
 * nowhere), the one check of the recipient's OcnRules, and delivery to a real HTTP platform on loopback with the
 * headers the node must send.
 */
public class RouterTest {

    private static final PartyId MSP = PartyId.of("DE", "MSP");
    private static final PartyId CPO = PartyId.of("CH", "CPO");
    private static final PartyId FAR = PartyId.of("NL", "FAR");
    private static final PartyId NOBODY = PartyId.of("XX", "NOB");
    private static final String NODE = "http://localhost:9999";

    @Rule
    public TemporaryDerby derby = new TemporaryDerby();

    private HttpServer platform;
    private final List<String> received = new ArrayList<>();
    private final AtomicInteger registryLookups = new AtomicInteger();
    private volatile Optional<String> refusal = Optional.empty();
    private Forwarder forwarder;
    private Router router;

    /** A registry that lists FAR with another node and counts its lookups. */
    private final NetworkRegistry registry = new NetworkRegistry() {
        @Override
        public String name() {
            return "test";
        }

        @Override
        public Admission admit(CredentialsRole role, Set<PartyId> namedWhenIssued) {
            return Admission.granted();
        }

        @Override
        public Optional<PartyListing> findParty(PartyId party) {
            registryLookups.incrementAndGet();
            return party.equals(FAR) ? Optional.of(new PartyListing(FAR, Set.of(Role.CPO), "http://other-node:8080",
                    null, null)) : Optional.empty();
        }

        @Override
        public List<NodeListing> nodes() {
            return List.of();
        }
    };

    private final OcnRules rules = new OcnRules() {
        @Override
        public Optional<String> refusal(PartyId recipient, PartyId sender, String module) {
            return refusal;
        }

        @Override
        public boolean signaturesRequired(PartyId recipient) {
            return false;
        }

        @Override
        public boolean mayKnowOf(PartyId recipient, PartyId other) {
            return true;
        }
    };

    @Before
    public void start() throws Exception {
        platform = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        platform.createContext("/", exchange -> {
            synchronized (received) {
                received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " | "
                        + exchange.getRequestHeaders().getFirst("Authorization") + " | "
                        + exchange.getRequestHeaders().getFirst("X-Correlation-ID") + " | "
                        + exchange.getRequestHeaders().getFirst("X-Request-ID") + " | "
                        + exchange.getRequestHeaders().getFirst("OCPI-to-party-id"));
            }
            byte[] body = "{\"data\":[],\"status_code\":1000,\"timestamp\":\"2026-01-01T00:00:00Z\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Total-Count", "0");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        platform.start();
        String base = "http://127.0.0.1:" + platform.getAddress().getPort();
        InMemoryPartyDirectory directory = new InMemoryPartyDirectory().with(
                InMemoryPartyDirectory.platform(1, ConnectionStatus.CONNECTED, "CH/CPO", Role.CPO,
                        base + "/versions", Instant.EPOCH,
                        new Endpoint("locations", InterfaceRole.SENDER, base + "/ocpi/2.2.1/locations")),
                InMemoryPartyDirectory.platform(2, ConnectionStatus.CONNECTED, "DE/MSP", Role.EMSP,
                        base + "/msp/versions", Instant.EPOCH));
        JsonBodies json = new JsonBodies();
        forwarder = new Forwarder(new Forwarder.Settings(5000, 2000, 1 << 20, 8), json);
        EthereumKey nodeKey = EthereumKey.random(new SecureRandom());
        Signatures signatures = new Signatures(nodeKey, false, () -> registry, json);
        Recipients recipients = new Recipients(directory, () -> registry, () -> null, NODE, Duration.ZERO);
        Delivery delivery = new Delivery(forwarder, signatures, json, nodeKey);
        Proxies proxies = new Proxies(new ProxyStore(derby.dataSource()), recipients, delivery, signatures, json, NODE,
                new Proxies.Lifetimes(Duration.ofHours(1), Duration.ofDays(1)));
        router = new Router(recipients, delivery, proxies, signatures, () -> registry, () -> rules, false);
    }

    @After
    public void stop() throws Exception {
        forwarder.stop();
        platform.stop(0);
    }

    private static OcpiRequest get(PartyId to, String path, String query) {
        return new OcpiRequest("GET", VersionNumber.V2_2_1, "locations", InterfaceRole.SENDER, path, query,
                OcpiHeaders.routing("req-1", "corr-1", MSP, to), new byte[0], MSP, to);
    }

    @Test
    public void aRequestIsResolvedOnceIntoWhereItsRecipientLives() {
        assertTrue(router.route(get(CPO, "", null)).destination() instanceof Destination.Local);
        Destination far = router.route(get(FAR, "", null)).destination();
        assertEquals(new Destination.Remote("http://other-node:8080"), far);
        assertTrue(router.route(get(NOBODY, "", null)).destination() instanceof Destination.Unreached);
    }

    @Test
    public void theRecipientsRulesAreCheckedOnceAndOnlyForARecipientHere() {
        refusal = Optional.of("DE/MSP may not send locations to CH/CPO");
        Route here = router.route(get(CPO, "", null));
        OcpiReply refused = router.refusal(here, true).orElseThrow();
        assertEquals(200, refused.status());
        assertTrue(new String(refused.body(), StandardCharsets.UTF_8).contains("\"status_code\":2000"));
        assertFalse("another node applies its own parties' rules",
                router.refusal(router.route(get(FAR, "", null)), true).isPresent());
        refusal = Optional.empty();
        assertFalse(router.refusal(router.route(get(CPO, "", null)), true).isPresent());
    }

    @Test
    public void aHandlerForwardsThroughItsRouteWithoutAnotherLookup() throws Exception {
        OcpiRequest request = get(CPO, "/LOC1", "limit=10");
        Route route = router.route(request);
        int lookups = registryLookups.get();
        OcpiRouting routing = router.forRoute(route);
        OcpiReply reply = routing.forward(request).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(200, reply.status());
        assertEquals("0", reply.header("x-total-count"));
        assertEquals("the recipient was not looked up again", lookups, registryLookups.get());
        String seen;
        synchronized (received) {
            seen = received.get(0);
        }
        String[] parts = seen.split(" \\| ");
        assertEquals("GET /ocpi/2.2.1/locations/LOC1?limit=10", parts[0]);
        assertEquals("Token " + Base64.getEncoder().encodeToString("token-b-1".getBytes(StandardCharsets.UTF_8)),
                parts[1]);
        assertEquals("the sender's correlation id", "corr-1", parts[2]);
        assertNotEquals("a new request id", "req-1", parts[3]);
        assertEquals("CPO", parts[4]);
    }

    @Test
    public void aRecipientWithoutTheModuleAndAnUnknownOneAreAnsweredByTheNode() throws Exception {
        OcpiRequest toMsp = get(MSP, "", null);
        OcpiReply noModule = router.forward(toMsp).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertTrue(new String(noModule.body(), StandardCharsets.UTF_8).contains("does not offer module locations"));
        OcpiReply unknown = router.deliver(get(NOBODY, "", null), new Destination.Unreached())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertTrue(new String(unknown.body(), StandardCharsets.UTF_8).contains("\"status_code\":4001"));
    }

    @Test
    public void outboundHeadersNameEveryRoutingHeaderAsOcpiWritesIt() {
        Map<String, String> headers = OcpiHeaders.routing("r", "c", MSP, CPO);
        assertEquals(OcpiHeaders.ROUTING, List.copyOf(headers.keySet()));
        assertEquals("OCPI-to-party-id", OcpiHeaders.wireName(OcpiHeaders.TO_PARTY_ID));
        assertEquals("FAR", OcpiHeaders.readdressed(headers, FAR).get(OcpiHeaders.TO_PARTY_ID));
    }
}
