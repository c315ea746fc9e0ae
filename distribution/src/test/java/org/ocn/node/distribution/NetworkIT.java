package org.ocn.node.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.ocn.node.crypto.EthereumKey;
import org.ocn.node.registry.chain.testing.LocalChain;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Two nodes of the built distribution on one local chain (anvil, with the OCN Registry and Permissions contracts),
 * three parties: an eMSP and a CPO on node 1, a CPO on node 2. Registration against the registry, routing between
 * nodes with pagination, Location and response_url proxies, the node-to-node signature, and a chain outage.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class NetworkIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NODE1_KEY = TwoNodeNetwork.NODE1_KEY;
    private static final String NODE2_KEY = TwoNodeNetwork.NODE2_KEY;
    private static final String MSP_KEY = LocalChain.KEYS.get(3);
    private static final String CPB_KEY = LocalChain.KEYS.get(4);
    private static final String CPA_KEY = LocalChain.KEYS.get(5);

    private static TwoNodeNetwork network;
    private static LocalChain chain;
    private static NodeProcess node1;
    private static NodeProcess node2;
    private static MockPlatform msp;
    private static MockPlatform cpa;
    private static MockPlatform cpb;
    private static String mspC;
    private static String cpaC;
    private static String cpbC;

    @BeforeClass
    public static void start() throws Exception {
        network = TwoNodeNetwork.prepare("network");
        chain = network.chain();
        chain.setParty(MSP_KEY, "DE", "MSP", List.of(1), LocalChain.address(NODE1_KEY));
        chain.setParty(CPA_KEY, "CH", "CPA", List.of(5), LocalChain.address(NODE1_KEY)); // a CPO listed as OTHER
        chain.setParty(CPB_KEY, "CH", "CPB", List.of(0), LocalChain.address(NODE2_KEY));
        node1 = network.node1();
        node2 = network.node2();
        network.start();
        TwoNodeNetwork.awaitListed(node1, "CH/CPB", node2);
        TwoNodeNetwork.awaitListed(node2, "DE/MSP", node1);

        msp = new MockPlatform("2.2.1", List.of(MockPlatform.endpoint("locations", "RECEIVER"),
                MockPlatform.endpoint("cdrs", "RECEIVER"), MockPlatform.endpoint("commands", "SENDER")));
        cpa = new MockPlatform("2.2.1", List.<String[]>of(MockPlatform.endpoint("locations", "SENDER")));
        cpb = new MockPlatform("2.2.1", List.of(MockPlatform.endpoint("locations", "SENDER"),
                MockPlatform.endpoint("commands", "RECEIVER"), MockPlatform.endpoint("cdrs", "SENDER")));
        mspC = Registration.register(node1, msp, "EMSP", "DE/MSP");
        cpaC = Registration.register(node1, cpa, "CPO", "CH/CPA");
        cpbC = Registration.register(node2, cpb, "CPO", "CH/CPB");
    }

    @AfterClass
    public static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {msp, cpa, cpb, network}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static Http.Answer call(NodeProcess node, String tokenC, String method, String path, String from, String to,
                                    String body, String correlationId) {
        return Http.routed(method, node.url() + path, tokenC, from, to, body, correlationId, Map.of());
    }

    @Test
    public void nodeInfoAndPartyLookupsAnswerFromTheRegistry() {
        Http.Answer info = Http.get(node1.url() + "/ocn/registry/node-info", null);
        assertEquals(node1.url(), info.json().get("url").asText());
        assertEquals(LocalChain.address(NODE1_KEY).toLowerCase(), info.json().get("address").asText());
        Http.Answer cpbListing = Http.get(node1.url() + "/ocn/registry/node/ch/cpb", null);
        assertEquals(node2.url(), cpbListing.json().get("url").asText());
        assertTrue(cpbListing.json().get("address").asText().equalsIgnoreCase(LocalChain.address(NODE2_KEY)));
        assertEquals("\"Party not registered on OCN\"", Http.get(node1.url() + "/ocn/registry/node/XX/ZZZ", null).body());
    }

    @Test
    public void onlyPartiesListedWithTheNodeMayRegisterThere() throws Exception {
        try (MockPlatform impostor = new MockPlatform("2.2.1", List.of())) {
            String tokenA = Registration.tokenA(node1, "CH/CPB");
            Http.Answer a = Http.send("POST", node1.url() + "/ocpi/2.2.1/credentials", "Token " + Http.base64(tokenA),
                    Registration.credentials(impostor.tokenB(), impostor.versionsUrl(), "CPO", "CH/CPB"));
            assertEquals(2001, a.statusCode());
            assertTrue(a.message(), a.message().contains("CH/CPB"));
        }
    }

    @Test
    public void routingBetweenNodesWithPagination() throws Exception {
        String page1 = MockPlatform.envelope(1000, "[{\"id\":\"LOC1\"}]");
        cpb.respond(r -> r.query() != null && r.query().contains("offset=1")
                ? MockPlatform.Answer.ok("[{\"id\":\"LOC2\"}]").withHeader("X-Total-Count", "2")
                : new MockPlatform.Answer(200, Map.of("Link", "<" + cpb.endpointUrl("locations", "SENDER")
                        + "?offset=1&limit=1>; rel=\"next\"", "X-Total-Count", "2", "X-Limit", "1"), page1, 0));
        String correlation = "corr-" + UUID.randomUUID();
        Http.Answer first = call(node1, mspC, "GET", "/ocpi/sender/2.2.1/locations?limit=1", "DE/MSP", "CH/CPB", null,
                correlation);
        assertEquals(first.toString(), page1, first.body());
        MockPlatform.Received atCpb = cpb.await("GET", "/ocpi/2.2.1/locations/sender");
        assertEquals(cpb.expectedAuthorization(), atCpb.header("authorization"));
        assertEquals(correlation, atCpb.header("x-correlation-id"));
        assertEquals("MSP", atCpb.header("ocpi-from-party-id"));
        assertEquals("limit=1", atCpb.query());
        assertEquals("2", first.header("X-Total-Count"));
        Matcher m = Pattern.compile("<" + Pattern.quote(node1.url()) + "(/ocpi/sender/2\\.2\\.1/locations/page/[0-9a-f-]{36})>.*")
                .matcher(first.header("Link"));
        assertTrue(first.header("Link"), m.matches());
        Http.Answer second = call(node1, mspC, "GET", m.group(1), "DE/MSP", "CH/CPB", null, "c2");
        assertEquals(second.toString(), "LOC2", second.json().at("/data/0/id").asText());
        assertEquals("offset=1&limit=1", cpb.await("GET", "/ocpi/2.2.1/locations/sender").query());

        // local routing goes on beside it
        cpa.respond(r -> MockPlatform.Answer.ok("[]"));
        assertEquals(1000, call(node1, mspC, "GET", "/ocpi/sender/2.2.1/locations", "DE/MSP", "CH/CPA", null, "c3").statusCode());
        cpa.await("GET", "/ocpi/2.2.1/locations/sender");
        // a party nowhere in the network
        assertEquals(4001, call(node1, mspC, "GET", "/ocpi/sender/2.2.1/locations", "DE/MSP", "XX/ZZZ", null, "c4").statusCode());
    }

    @Test
    public void commandResultsAndCdrLocationsWorkAcrossNodes() throws Exception {
        String original = msp.base() + "/results/START_SESSION/7";
        cpb.respond(r -> MockPlatform.Answer.ok("{\"result\":\"ACCEPTED\",\"timeout\":30}"));
        msp.respond(r -> MockPlatform.Answer.ok("null"));
        Http.Answer command = call(node1, mspC, "POST", "/ocpi/receiver/2.2.1/commands/START_SESSION", "DE/MSP", "CH/CPB",
                "{\"response_url\":\"" + original + "\",\"token\":{\"uid\":\"T1\"},\"location_id\":\"LOC1\"}", "c5");
        assertEquals(command.toString(), "ACCEPTED", command.json().at("/data/result").asText());
        MockPlatform.Received atCpb = cpb.await("POST", "/ocpi/2.2.1/commands/receiver/START_SESSION");
        String rewritten = JSON.readTree(atCpb.body()).get("response_url").asText();
        assertTrue("the CPO posts its result to its own node: " + rewritten,
                rewritten.startsWith(node2.url() + "/ocpi/sender/2.2.1/commands/START_SESSION/"));
        Http.Answer result = call(node2, cpbC, "POST", rewritten.substring(node2.url().length()), "CH/CPB", "DE/MSP",
                "{\"result\":\"ACCEPTED\"}", "new-correlation");
        assertEquals(result.toString(), 1000, result.statusCode());
        MockPlatform.Received atMsp = msp.await("POST", "/results/START_SESSION/7");
        assertEquals("{\"result\":\"ACCEPTED\"}", atMsp.text());
        assertEquals(msp.expectedAuthorization(), atMsp.header("authorization"));

        String cdrUrl = msp.base() + "/cdrs/store/77";
        msp.respond(r -> r.method().equals("POST") ? MockPlatform.Answer.ok("null").withHeader("Location", cdrUrl)
                : MockPlatform.Answer.ok("{\"id\":\"77\"}"));
        Http.Answer posted = call(node2, cpbC, "POST", "/ocpi/receiver/2.2.1/cdrs", "CH/CPB", "DE/MSP",
                "{\"id\":\"77\",\"total_cost\":{\"excl_vat\":1.50}}", "c6");
        assertEquals(posted.toString(), 1000, posted.statusCode());
        assertEquals("the body crosses both nodes byte for byte", "{\"id\":\"77\",\"total_cost\":{\"excl_vat\":1.50}}",
                msp.await("POST", "/ocpi/2.2.1/cdrs/receiver").text());
        String location = posted.header("Location");
        assertTrue(location, location.startsWith(node2.url() + "/ocpi/receiver/2.2.1/cdrs/"));
        Http.Answer cdr = call(node2, cpbC, "GET", location.substring(node2.url().length()), "CH/CPB", "DE/MSP", null, "c7");
        assertEquals(cdr.toString(), "77", cdr.json().at("/data/id").asText());
        msp.await("GET", "/cdrs/store/77");
    }

    @Test
    public void aNodeMessageSignedByAnyoneButTheSendersOperatorIsRefused() throws Exception {
        String message = "{\"module\":\"LOCATIONS\",\"interface_role\":\"SENDER\",\"method\":\"GET\",\"headers\":"
                + "{\"Authorization\":\"\",\"X-Request-ID\":\"1\",\"X-Correlation-ID\":\"2\",\"sender\":{\"party_id\":\"MSP\","
                + "\"country_code\":\"DE\"},\"receiver\":{\"party_id\":\"CPB\",\"country_code\":\"CH\"}}}";
        String forged = EthereumKey.fromPrivateKey(LocalChain.KEYS.get(0))
                .signPrefixedMessage(message.getBytes(StandardCharsets.UTF_8)).toHex();
        Http.Answer a = Http.send("POST", node2.url() + "/ocn/message", null, message, Map.of("OCN-Signature", forged));
        assertEquals(200, a.status());
        assertEquals(4003, a.statusCode());
        String genuine = EthereumKey.fromPrivateKey(NODE1_KEY).signPrefixedMessage(message.getBytes(StandardCharsets.UTF_8)).toHex();
        cpb.respond(r -> MockPlatform.Answer.ok("[]"));
        Http.Answer ok = Http.send("POST", node2.url() + "/ocn/message", null, message, Map.of("OCN-Signature", genuine));
        assertEquals(ok.toString(), 1000, ok.statusCode());
        MockPlatform.Received delivered = cpb.await("GET", "/ocpi/2.2.1/locations/sender");
        assertEquals("2", delivered.header("x-correlation-id"));
        assertEquals(cpb.expectedAuthorization(), delivered.header("authorization"));
        String unknownSender = message.replace("\"MSP\"", "\"ZZZ\"");
        Http.Answer unknown = Http.send("POST", node2.url() + "/ocn/message", null, unknownSender, Map.of("OCN-Signature",
                EthereumKey.fromPrivateKey(NODE1_KEY).signPrefixedMessage(unknownSender.getBytes(StandardCharsets.UTF_8)).toHex()));
        assertEquals(4001, unknown.statusCode());
    }

    @Test
    public void zzAChainOutageDoesNotStopRoutingBetweenKnownParties() throws Exception {
        chain.close();
        Thread.sleep(500);
        cpb.respond(r -> MockPlatform.Answer.ok("[]"));
        Http.Answer a = call(node1, mspC, "GET", "/ocpi/sender/2.2.1/locations", "DE/MSP", "CH/CPB", null, "c8");
        assertEquals(a.toString(), 1000, a.statusCode());
        Http.Answer health = Http.get(node1.url() + "/health", null);
        assertEquals(200, health.status());
        String detail = health.json().at("/components/registry/detail").asText();
        assertTrue(detail, detail.contains("chain unreachable") && detail.contains("read"));
    }
}
