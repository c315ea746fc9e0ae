package org.ocn.node.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * signatures required ({@code ocn.node.signatures=true}), three parties whose clients sign their requests and answers:
 * an eMSP and a CPO on node 1, a CPO on node 2. Registration against the registry, every module locally and between
 * nodes, pagination, Location and response_url proxies re-signed by the node, tampered and wrongly signed messages,
 * the node-to-node signature, copies to a service per agreement, and a chain outage.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class NetworkIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NODE1_KEY = TwoNodeNetwork.NODE1_KEY;
    private static final String NODE2_KEY = TwoNodeNetwork.NODE2_KEY;
    private static final String MSP_KEY = LocalChain.KEYS.get(3);
    private static final String CPB_KEY = LocalChain.KEYS.get(4);
    private static final String CPA_KEY = LocalChain.KEYS.get(5);
    private static final String[] MODULES = {"locations", "sessions", "cdrs", "tariffs", "tokens", "commands",
        "chargingprofiles"};

    private static TwoNodeNetwork network;
    private static LocalChain chain;
    private static NodeProcess node1;
    private static NodeProcess node2;
    private static Party msp;
    private static Party cpa;
    private static Party cpb;

    /** A party: its platform, the node it is connected to, its token C and its key. */
    record Party(String id, MockPlatform platform, NodeProcess node, String tokenC, String key) {

        String address() {
            return LocalChain.address(key).toLowerCase(Locale.ROOT);
        }

        /** Sends a routed request, signed as an OCN client with signing on does. */
        Http.Answer call(String method, String path, Party to, String body) {
            return call(method, path, to.id(), body, "corr-" + UUID.randomUUID(), key);
        }

        Http.Answer call(String method, String path, String to, String body, String correlationId, String signingKey) {
            int q = path.indexOf('?');
            String signature = Notarized.request(correlationId, id, to, q < 0 ? null : path.substring(q + 1), body,
                    signingKey);
            return Http.routed(method, node.url() + path, tokenC, id, to, body, correlationId,
                    Map.of("OCN-Signature", signature));
        }
    }

    @BeforeClass
    public static void start() throws Exception {
        network = TwoNodeNetwork.prepare("network", "-Docn.node.signatures=true");
        chain = network.chain();
        node1 = network.node1();
        node2 = network.node2();
        chain.setParty(MSP_KEY, "DE", "MSP", List.of(1), LocalChain.address(NODE1_KEY));
        chain.setParty(CPA_KEY, "CH", "CPA", List.of(5), LocalChain.address(NODE1_KEY)); // a CPO listed as OTHER
        chain.setParty(CPB_KEY, "CH", "CPB", List.of(0), LocalChain.address(NODE2_KEY));
        network.start();
        msp = connect(node1, "EMSP", "DE/MSP", MSP_KEY);
        cpa = connect(node1, "CPO", "CH/CPA", CPA_KEY);
        cpb = connect(node2, "CPO", "CH/CPB", CPB_KEY);
    }

    /** A platform offering every module on both interfaces and a custom module, signing its answers. */
    private static Party connect(NodeProcess node, String role, String party, String key) throws Exception {
        List<String[]> endpoints = new ArrayList<>();
        for (String module : MODULES) {
            endpoints.add(MockPlatform.endpoint(module, "SENDER"));
            endpoints.add(MockPlatform.endpoint(module, "RECEIVER"));
        }
        endpoints.add(MockPlatform.endpoint("my-module", "RECEIVER"));
        MockPlatform platform = new MockPlatform("2.2.1", endpoints);
        platform.signWith(key);
        return new Party(party, platform, node, Registration.register(node, platform, role, party), key);
    }

    @AfterClass
    public static void stop() throws Exception {
        for (Party p : new Party[] {msp, cpa, cpb}) {
            if (p != null) {
                p.platform().close();
            }
        }
        if (network != null) {
            network.close();
        }
    }

    private static MockPlatform.Received awaitExactly(Party at, String method, String path) throws InterruptedException {
        return at.platform().await(r -> r.method().equals(method) && r.path().equals(path));
    }

    private static void assertSignedBy(String what, Notarized.Checked check, String signatory) {
        assertTrue(what + ": " + check, check.valid());
        assertEquals(what + ": " + check, signatory, check.signatory());
    }

    @Test
    public void a1NodeInfoAndPartyLookupsAnswerFromTheRegistry() {
        Http.Answer info = Http.get(node1.url() + "/ocn/registry/node-info", null);
        assertEquals(node1.url(), info.json().get("url").asText());
        assertEquals(LocalChain.address(NODE1_KEY).toLowerCase(), info.json().get("address").asText());
        Http.Answer cpbListing = Http.get(node1.url() + "/ocn/registry/node/ch/cpb", null);
        assertEquals(node2.url(), cpbListing.json().get("url").asText());
        assertTrue(cpbListing.json().get("address").asText().equalsIgnoreCase(LocalChain.address(NODE2_KEY)));
        assertEquals("\"Party not registered on OCN\"", Http.get(node1.url() + "/ocn/registry/node/XX/ZZZ", null).body());

        Http.Answer refresh = Http.send("POST", node1.url() + "/admin/refresh-blockchain", "Token " + NodeProcess.ADMIN_KEY, null);
        assertEquals(refresh.toString(), 202, refresh.status());
        assertEquals("chain", refresh.json().get("registry").asText());
        assertTrue(refresh.json().get("refreshing").asBoolean());
        assertEquals(401, Http.send("POST", node1.url() + "/admin/refresh-blockchain", "Token wrong", null).status());
        assertEquals(405, Http.get(node1.url() + "/admin/refresh-blockchain", "Token " + NodeProcess.ADMIN_KEY).status());
    }

    @Test
    public void a2OnlyPartiesListedWithTheNodeMayRegisterThere() throws Exception {
        try (MockPlatform impostor = new MockPlatform("2.2.1", List.of())) {
            String tokenA = Registration.tokenA(node1, "CH/CPB");
            Http.Answer a = Http.send("POST", node1.url() + "/ocpi/2.2.1/credentials", "Token " + Http.base64(tokenA),
                    Registration.credentials(impostor.tokenB(), impostor.versionsUrl(), "CPO", "CH/CPB"));
            assertEquals(2001, a.statusCode());
            assertTrue(a.message(), a.message().contains("CH/CPB"));
        }
    }

    /**
     * Every module, on the node of both parties (MSP and CPA on node 1) and between nodes (MSP on node 1, CPB on
     * node 2), both ways: the request arrives with the sender's signature intact, the answer with the recipient's.
     */
    @Test
    public void b1EveryModuleLocallyAndBetweenNodesWithSignatures() throws Exception {
        for (Party cpo : new Party[] {cpa, cpb}) {
            String cc = cpo.id().split("/")[0];
            String pid = cpo.id().split("/")[1];
            String[][] cases = {
                // sender, method, node path, body, recipient path
                {"MSP", "GET", "/ocpi/sender/2.2.1/locations/LOC-" + pid, null, "/ocpi/2.2.1/locations/sender/LOC-" + pid},
                {"CPO", "PUT", "/ocpi/receiver/2.2.1/locations/" + cc + "/" + pid + "/LOC1",
                    "{\"id\":\"LOC1\",\"publish\":true,\"coordinates\":{\"latitude\":\"50.770774\",\"longitude\":\"-126.104965\"}}",
                    "/ocpi/2.2.1/locations/receiver/" + cc + "/" + pid + "/LOC1"},
                {"MSP", "GET", "/ocpi/sender/2.2.1/sessions?date_from=2026-01-01T00:00:00Z&limit=10", null,
                    "/ocpi/2.2.1/sessions/sender"},
                {"CPO", "PATCH", "/ocpi/receiver/2.2.1/sessions/" + cc + "/" + pid + "/S1", "{\"kwh\":12.5}",
                    "/ocpi/2.2.1/sessions/receiver/" + cc + "/" + pid + "/S1"},
                {"MSP", "GET", "/ocpi/sender/2.2.1/tariffs", null, "/ocpi/2.2.1/tariffs/sender"},
                {"CPO", "DELETE", "/ocpi/receiver/2.2.1/tariffs/" + cc + "/" + pid + "/T1", null,
                    "/ocpi/2.2.1/tariffs/receiver/" + cc + "/" + pid + "/T1"},
                {"MSP", "PUT", "/ocpi/receiver/2.2.1/tokens/DE/MSP/TOK1?type=RFID", "{\"uid\":\"TOK1\",\"valid\":true}",
                    "/ocpi/2.2.1/tokens/receiver/DE/MSP/TOK1"},
                {"CPO", "POST", "/ocpi/sender/2.2.1/tokens/TOK1/authorize?type=RFID", "{\"location_id\":\"LOC1\"}",
                    "/ocpi/2.2.1/tokens/sender/TOK1/authorize"},
                {"MSP", "GET", "/ocpi/sender/2.2.1/cdrs?offset=0", null, "/ocpi/2.2.1/cdrs/sender"},
                {"MSP", "POST", "/ocpi/custom/receiver/my-module/things?x=1", "{\"a\":[1,2.50,\"b\"]}",
                    "/ocpi/2.2.1/my-module/receiver/things"},
            };
            for (String[] c : cases) {
                Party from = c[0].equals("MSP") ? msp : cpo;
                Party to = c[0].equals("MSP") ? cpo : msp;
                String what = from.id() + " " + c[1] + " " + c[2] + " to " + to.id();
                String data = "{\"echo\":\"" + c[1] + " " + c[4] + "\",\"n\":1.10}";
                to.platform().respond(r -> MockPlatform.Answer.ok(data));
                Http.Answer a = from.call(c[1], c[2], to, c[3]);
                assertEquals(what + ": " + a, 1000, a.statusCode());
                assertTrue(what + ": the answer byte for byte: " + a.body(), a.body().startsWith("{\"data\":" + data + ","));
                assertSignedBy(what + " (answer)", Notarized.ofResponse(a), to.address());
                MockPlatform.Received r = awaitExactly(to, c[1], c[4]);
                assertEquals(what, c[3] == null ? "" : c[3], r.text());
                assertEquals(what, from.id().split("/")[1], r.header("ocpi-from-party-id"));
                assertSignedBy(what + " (request)", Notarized.ofRequest(r), from.address());
            }
        }
    }

    @Test
    public void b2PaginationBetweenNodesIsReSignedByTheNode() throws Exception {
        String next = cpb.platform().endpointUrl("locations", "SENDER") + "?offset=1&limit=1";
        cpb.platform().respond(r -> r.query() != null && r.query().contains("offset=1")
                ? MockPlatform.Answer.ok("[{\"id\":\"LOC2\"}]").withHeader("X-Total-Count", "2").withHeader("X-Limit", "1")
                : MockPlatform.Answer.ok("[{\"id\":\"LOC1\"}]").withHeader("Link", "<" + next + ">; rel=\"next\"")
                        .withHeader("X-Total-Count", "2").withHeader("X-Limit", "1"));
        Http.Answer first = msp.call("GET", "/ocpi/sender/2.2.1/locations?limit=1", cpb, null);
        assertEquals(first.toString(), "LOC1", first.json().at("/data/0/id").asText());
        MockPlatform.Received atCpb = cpb.platform().await("GET", "/ocpi/2.2.1/locations/sender");
        assertEquals(cpb.platform().expectedAuthorization(), atCpb.header("authorization"));
        assertEquals("limit=1", atCpb.query());
        assertEquals("2", first.header("X-Total-Count"));
        Matcher m = Pattern.compile("<" + Pattern.quote(node1.url()) + "(/ocpi/sender/2\\.2\\.1/locations/page/[0-9a-f-]{36})>.*")
                .matcher(first.header("Link"));
        assertTrue(first.header("Link"), m.matches());
        Notarized.Checked signed = Notarized.ofResponse(first);
        assertSignedBy("page 1 with its Link rewritten", signed, LocalChain.address(NODE1_KEY).toLowerCase());
        assertEquals(1, signed.signature().rewrites().size());
        assertEquals("<" + next + ">; rel=\"next\"", signed.signature().rewrites().get(0).rewrittenFields().get("$['headers']['link']"));
        assertTrue(signed.signature().rewrites().get(0).signatory().equalsIgnoreCase(cpb.address()));

        Http.Answer second = msp.call("GET", m.group(1), cpb, null);
        assertEquals(second.toString(), "LOC2", second.json().at("/data/0/id").asText());
        assertEquals("offset=1&limit=1", cpb.platform().await("GET", "/ocpi/2.2.1/locations/sender").query());
        assertSignedBy("last page", Notarized.ofResponse(second), cpb.address());
        assertNull(second.header("Link"));
    }

    @Test
    public void b3CommandResultsAndCdrLocationsWorkAcrossNodes() throws Exception {
        String original = msp.platform().base() + "/results/START_SESSION/7";
        cpb.platform().respond(r -> MockPlatform.Answer.ok("{\"result\":\"ACCEPTED\",\"timeout\":30}"));
        msp.platform().respond(r -> MockPlatform.Answer.ok("null"));
        Http.Answer command = msp.call("POST", "/ocpi/receiver/2.2.1/commands/START_SESSION", cpb,
                "{\"response_url\":\"" + original + "\",\"token\":{\"uid\":\"T1\"},\"location_id\":\"LOC1\"}");
        assertEquals(command.toString(), "ACCEPTED", command.json().at("/data/result").asText());
        assertSignedBy("command answer", Notarized.ofResponse(command), cpb.address());
        MockPlatform.Received atCpb = cpb.platform().await("POST", "/ocpi/2.2.1/commands/receiver/START_SESSION");
        String rewritten = JSON.readTree(atCpb.body()).get("response_url").asText();
        assertTrue("the CPO posts its result to its own node: " + rewritten,
                rewritten.startsWith(node2.url() + "/ocpi/sender/2.2.1/commands/START_SESSION/"));
        Notarized.Checked commandSignature = Notarized.ofRequest(atCpb);
        assertSignedBy("command with response_url rewritten", commandSignature, LocalChain.address(NODE1_KEY).toLowerCase());
        assertEquals(original, commandSignature.signature().rewrites().get(0).rewrittenFields().get("$['body']['response_url']"));
        assertTrue(commandSignature.signature().rewrites().get(0).signatory().equalsIgnoreCase(msp.address()));

        Http.Answer result = cpb.call("POST", rewritten.substring(node2.url().length()), msp, "{\"result\":\"ACCEPTED\"}");
        assertEquals(result.toString(), 1000, result.statusCode());
        MockPlatform.Received atMsp = msp.platform().await("POST", "/results/START_SESSION/7");
        assertEquals("{\"result\":\"ACCEPTED\"}", atMsp.text());
        assertEquals(msp.platform().expectedAuthorization(), atMsp.header("authorization"));
        assertSignedBy("command result", Notarized.ofRequest(atMsp), cpb.address());

        String cdrUrl = msp.platform().base() + "/cdrs/store/77";
        msp.platform().respond(r -> r.method().equals("POST") ? MockPlatform.Answer.ok("null").withHeader("Location", cdrUrl)
                : MockPlatform.Answer.ok("{\"id\":\"77\"}"));
        Http.Answer posted = cpb.call("POST", "/ocpi/receiver/2.2.1/cdrs", msp, "{\"id\":\"77\",\"total_cost\":{\"excl_vat\":1.50}}");
        assertEquals(posted.toString(), 1000, posted.statusCode());
        assertEquals("the body crosses both nodes byte for byte", "{\"id\":\"77\",\"total_cost\":{\"excl_vat\":1.50}}",
                msp.platform().await("POST", "/ocpi/2.2.1/cdrs/receiver").text());
        String location = posted.header("Location");
        assertTrue(location, location.startsWith(node2.url() + "/ocpi/receiver/2.2.1/cdrs/"));
        Notarized.Checked cdrAnswer = Notarized.ofResponse(posted);
        assertSignedBy("CDR answer with its Location rewritten", cdrAnswer, LocalChain.address(NODE2_KEY).toLowerCase());
        assertEquals(cdrUrl, cdrAnswer.signature().rewrites().get(0).rewrittenFields().get("$['headers']['location']"));
        Http.Answer cdr = cpb.call("GET", location.substring(node2.url().length()), msp, null);
        assertEquals(cdr.toString(), "77", cdr.json().at("/data/id").asText());
        msp.platform().await("GET", "/cdrs/store/77");
    }

    /** Charging profiles between nodes: response_url in the body (PUT) and in the query (GET), re-signed by node 1. */
    @Test
    public void b4ChargingProfilesAndTheirResultsAcrossNodes() throws Exception {
        String original = msp.platform().base() + "/scsp/results/9";
        cpb.platform().respond(r -> MockPlatform.Answer.ok("{\"result\":\"ACCEPTED\",\"timeout\":30}"));
        msp.platform().respond(r -> MockPlatform.Answer.ok("null"));
        String set = "{\"charging_profile\":{\"charging_rate_unit\":\"W\",\"min_charging_rate\":1.50},\"response_url\":\""
                + original + "\"}";
        Http.Answer put = msp.call("PUT", "/ocpi/receiver/2.2.1/chargingprofiles/S1", cpb, set);
        assertEquals(put.toString(), 1000, put.statusCode());
        assertSignedBy("answer", Notarized.ofResponse(put), cpb.address());
        MockPlatform.Received atCpb = cpb.platform().await("PUT", "/ocpi/2.2.1/chargingprofiles/receiver/S1");
        String rewritten = JSON.readTree(atCpb.body()).get("response_url").asText();
        assertTrue(rewritten, rewritten.startsWith(node2.url() + "/ocpi/sender/2.2.1/chargingprofiles/result/"));
        assertEquals("only the response_url's bytes change", set.replace(original, rewritten), atCpb.text());
        Notarized.Checked signed = Notarized.ofRequest(atCpb);
        assertSignedBy("PUT with response_url rewritten", signed, LocalChain.address(NODE1_KEY).toLowerCase());
        assertEquals(original, signed.signature().rewrites().get(0).rewrittenFields().get("$['body']['response_url']"));
        assertEquals(1000, cpb.call("POST", rewritten.substring(node2.url().length()), msp,
                "{\"result\":\"ACCEPTED\"}").statusCode());
        MockPlatform.Received result = msp.platform().await("POST", "/scsp/results/9");
        assertEquals("{\"result\":\"ACCEPTED\"}", result.text());
        assertSignedBy("result", Notarized.ofRequest(result), cpb.address());

        String get = original + "/get";
        Http.Answer asked = msp.call("GET", "/ocpi/receiver/2.2.1/chargingprofiles/S1?duration=900&response_url="
                + java.net.URLEncoder.encode(get, StandardCharsets.UTF_8), cpb, null);
        assertEquals(asked.toString(), 1000, asked.statusCode());
        MockPlatform.Received getAtCpb = cpb.platform().await("GET", "/ocpi/2.2.1/chargingprofiles/receiver/S1");
        Notarized.Checked querySigned = Notarized.ofRequest(getAtCpb);
        assertSignedBy("GET with response_url rewritten in the query", querySigned, LocalChain.address(NODE1_KEY).toLowerCase());
        assertEquals(get, querySigned.signature().rewrites().get(0).rewrittenFields().get("$['params']['response_url']"));
        String queryUrl = Notarized.params(getAtCpb.query()).get("response_url");
        assertTrue(queryUrl, queryUrl.startsWith(node2.url() + "/ocpi/sender/2.2.1/chargingprofiles/result/"));
        assertEquals(1000, cpb.call("POST", queryUrl.substring(node2.url().length()), msp,
                "{\"result\":\"ACCEPTED\",\"profile\":{}}").statusCode());
        msp.platform().await("POST", "/scsp/results/9/get");

        // the CPO pushes the active profile to the eMSP's Sender interface
        assertEquals(1000, cpb.call("PUT", "/ocpi/sender/2.2.1/chargingprofiles/S1", msp,
                "{\"start_date_time\":\"2026-01-01T00:00:00Z\",\"charging_profile\":{\"charging_rate_unit\":\"A\"}}").statusCode());
        assertSignedBy("active profile", Notarized.ofRequest(msp.platform().await("PUT", "/ocpi/2.2.1/chargingprofiles/sender/S1")),
                cpb.address());
    }

    @Test
    public void c1TamperedUnsignedAndWronglySignedMessagesAreRefused() throws Exception {
        cpb.platform().clear();
        cpb.platform().respond(r -> MockPlatform.Answer.ok("[]"));
        String correlation = "corr-" + UUID.randomUUID();
        String signedBody = "{\"uid\":\"TOK9\",\"valid\":true}";
        String signature = Notarized.request(correlation, msp.id(), cpb.id(), null, signedBody, MSP_KEY);
        Http.Answer tampered = Http.routed("PUT", node1.url() + "/ocpi/receiver/2.2.1/tokens/DE/MSP/TOK9", msp.tokenC(),
                msp.id(), cpb.id(), "{\"uid\":\"TOK9\",\"valid\":false}", correlation, Map.of("OCN-Signature", signature));
        assertEquals(tampered.toString(), 2001, tampered.statusCode());
        assertTrue(tampered.message(), tampered.message().contains("Request has been modified"));
        assertSignedBy("the node signs its own errors", Notarized.ofResponse(tampered), LocalChain.address(NODE1_KEY).toLowerCase());

        Http.Answer unsigned = Http.routed("GET", node1.url() + "/ocpi/sender/2.2.1/locations", msp.tokenC(), msp.id(),
                cpb.id(), null, correlation, Map.of());
        assertEquals(unsigned.toString(), 2001, unsigned.statusCode());
        assertTrue(unsigned.message(), unsigned.message().contains("OCN-Signature"));

        Http.Answer wrongSigner = msp.call("GET", "/ocpi/sender/2.2.1/locations", cpb.id(), null, correlation, CPA_KEY);
        assertEquals(wrongSigner.toString(), 2001, wrongSigner.statusCode());
        assertTrue(wrongSigner.message(), wrongSigner.message().contains("neither DE/MSP nor the operator"));

        Http.Answer garbage = Http.routed("GET", node1.url() + "/ocpi/sender/2.2.1/locations", msp.tokenC(), msp.id(),
                cpb.id(), null, correlation, Map.of("OCN-Signature", "bm90IGEgc2lnbmF0dXJl"));
        assertEquals(garbage.toString(), 2001, garbage.statusCode());
        assertFalse("nothing reached the recipient", cpb.platform().saw(r -> r.path().startsWith("/ocpi/2.2.1/locations")
                || r.path().startsWith("/ocpi/2.2.1/tokens/receiver/DE/MSP/TOK9")));

        // an answer signed by someone else than the recipient does not reach the sender
        cpb.platform().signWith(LocalChain.KEYS.get(0));
        try {
            Http.Answer forgedAnswer = msp.call("GET", "/ocpi/sender/2.2.1/tariffs", cpb, null);
            assertEquals(forgedAnswer.toString(), 3000, forgedAnswer.statusCode());
            assertTrue(forgedAnswer.message(), forgedAnswer.message().contains("signed by"));
            cpb.platform().await("GET", "/ocpi/2.2.1/tariffs/sender");
        } finally {
            cpb.platform().signWith(CPB_KEY);
        }
        assertEquals(4001, msp.call("GET", "/ocpi/sender/2.2.1/locations", "XX/ZZZ", null, correlation, MSP_KEY).statusCode());
    }

    @Test
    public void c2ANodeMessageSignedByAnyoneButTheSendersOperatorIsRefused() throws Exception {
        String partySignature = Notarized.request("2", "DE/MSP", "CH/CPB", null, null, MSP_KEY);
        String message = "{\"module\":\"LOCATIONS\",\"interface_role\":\"SENDER\",\"method\":\"GET\",\"headers\":"
                + "{\"Authorization\":\"\",\"OCN-Signature\":\"" + partySignature + "\",\"X-Request-ID\":\"1\","
                + "\"X-Correlation-ID\":\"2\",\"sender\":{\"party_id\":\"MSP\",\"country_code\":\"DE\"},"
                + "\"receiver\":{\"party_id\":\"CPB\",\"country_code\":\"CH\"}}}";
        String forged = sign(LocalChain.KEYS.get(0), message);
        Http.Answer a = Http.send("POST", node2.url() + "/ocn/message", null, message, Map.of("OCN-Signature", forged));
        assertEquals(200, a.status());
        assertEquals(4003, a.statusCode());
        cpb.platform().respond(r -> MockPlatform.Answer.ok("[]"));
        Http.Answer ok = Http.send("POST", node2.url() + "/ocn/message", null, message,
                Map.of("OCN-Signature", sign(NODE1_KEY, message)));
        assertEquals(ok.toString(), 1000, ok.statusCode());
        MockPlatform.Received delivered = cpb.platform().await("GET", "/ocpi/2.2.1/locations/sender");
        assertEquals("2", delivered.header("x-correlation-id"));
        assertEquals(cpb.platform().expectedAuthorization(), delivered.header("authorization"));
        assertSignedBy("party signature carried between nodes", Notarized.ofRequest(delivered), msp.address());

        String unsignedInside = message.replace("\"OCN-Signature\":\"" + partySignature + "\",", "");
        Http.Answer refused = Http.send("POST", node2.url() + "/ocn/message", null, unsignedInside,
                Map.of("OCN-Signature", sign(NODE1_KEY, unsignedInside)));
        assertEquals("signatures are required on node 2 too", 2001, refused.statusCode());
        String unknownSender = message.replace("\"MSP\"", "\"ZZZ\"");
        Http.Answer unknown = Http.send("POST", node2.url() + "/ocn/message", null, unknownSender,
                Map.of("OCN-Signature", sign(NODE1_KEY, unknownSender)));
        assertEquals(4001, unknown.statusCode());
    }

    /** The OcnRules of a party on node 2 refuse a sender on node 1: node 2 applies them, node 1 passes the answer. */
    @Test
    public void c3TheRecipientsRulesApplyAcrossNodes() throws Exception {
        String rules = node2.url() + "/ocpi/receiver/2.2.1/ocnrules";
        String auth = "Token " + Http.base64(cpb.tokenC());
        try {
            assertEquals(1000, Http.send("PUT", rules + "/whitelist", auth,
                    "[{\"country_code\":\"CH\",\"party_id\":\"CPA\",\"modules\":[\"locations\"]}]").statusCode());
            Http.Answer refused = msp.call("GET", "/ocpi/sender/2.2.1/locations", cpb, null);
            assertEquals(refused.toString(), 2000, refused.statusCode());
            assertSignedBy("node 2's refusal", Notarized.ofResponse(refused), LocalChain.address(NODE2_KEY).toLowerCase());
            cpb.platform().respond(r -> MockPlatform.Answer.ok("[]"));
            assertEquals(1000, cpa.call("GET", "/ocpi/sender/2.2.1/locations", cpb, null).statusCode());
            cpb.platform().await("GET", "/ocpi/2.2.1/locations/sender");
        } finally {
            assertEquals(1000, Http.send("PUT", rules + "/whitelist", auth, "[]").statusCode());
        }
        assertEquals(1000, msp.call("GET", "/ocpi/sender/2.2.1/locations", cpb, null).statusCode());
        cpb.platform().await("GET", "/ocpi/2.2.1/locations/sender");
    }

    private static String sign(String key, String message) {
        return EthereumKey.fromPrivateKey(key).signPrefixedMessage(message.getBytes(StandardCharsets.UTF_8)).toHex();
    }

    /**
     * CPA offers a service (Permissions contract) that wants copies of requests to the locations Sender interface;
     * MSP agrees to it, gets copies sent, revokes, and no copy follows.
     */
    @Test
    public void d1CopiesGoToAServiceWhileTheAgreementStands() throws Exception {
        chain.setService(CPA_KEY, "Location analytics", "https://analytics.example.com", List.of(3));
        chain.createAgreement(MSP_KEY, LocalChain.address(CPA_KEY));
        cpb.platform().respond(r -> MockPlatform.Answer.ok("[]"));
        cpa.platform().respond(r -> MockPlatform.Answer.ok("[]"));
        MockPlatform.Received copy = null;
        long deadline = System.currentTimeMillis() + 15_000;
        for (int i = 0; copy == null; i++) {
            String path = "/ocpi/sender/2.2.1/locations/LOC-COPY-" + i;
            assertEquals(1000, msp.call("GET", path, cpb, null).statusCode());
            cpb.platform().await("GET", "/ocpi/2.2.1/locations/sender/LOC-COPY-" + i);
            Thread.sleep(300);
            String expected = "/ocpi/2.2.1/locations/sender/LOC-COPY-" + i;
            if (cpa.platform().saw(r -> r.path().equals(expected))) {
                copy = awaitExactly(cpa, "GET", expected);
            } else if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no copy reached the service within 15 s");
            }
        }
        assertEquals("CPA", copy.header("ocpi-to-party-id"));
        assertEquals("MSP", copy.header("ocpi-from-party-id"));
        assertEquals(cpa.platform().expectedAuthorization(), copy.header("authorization"));
        Notarized.Checked copySignature = Notarized.ofRequest(copy);
        assertSignedBy("copy re-addressed by the node", copySignature, LocalChain.address(NODE1_KEY).toLowerCase());
        assertEquals("CPB", copySignature.signature().rewrites().get(0).rewrittenFields().get("$['headers']['ocpi-to-party-id']"));

        // the permissions cover the locations Sender interface only
        msp.platform().respond(r -> MockPlatform.Answer.ok("null"));
        assertEquals(1000, msp.call("GET", "/ocpi/sender/2.2.1/tariffs", cpb, null).statusCode());
        cpb.platform().await("GET", "/ocpi/2.2.1/tariffs/sender");

        chain.revokeAgreement(MSP_KEY, LocalChain.address(CPA_KEY));
        Thread.sleep(1500);
        cpa.platform().clear();
        assertEquals(1000, msp.call("GET", "/ocpi/sender/2.2.1/locations/LOC-AFTER", cpb, null).statusCode());
        cpb.platform().await("GET", "/ocpi/2.2.1/locations/sender/LOC-AFTER");
        Thread.sleep(1000);
        assertFalse("no copies after the agreement was revoked", cpa.platform().saw(r -> true));
    }

    @Test
    public void zzAChainOutageDoesNotStopRoutingBetweenKnownParties() throws Exception {
        chain.close();
        Thread.sleep(500);
        cpb.platform().respond(r -> MockPlatform.Answer.ok("[]"));
        Http.Answer a = msp.call("GET", "/ocpi/sender/2.2.1/locations", cpb, null);
        assertEquals(a.toString(), 1000, a.statusCode());
        Http.Answer health = Http.get(node1.url() + "/health", null);
        assertEquals(200, health.status());
        String detail = health.json().at("/components/registry/detail").asText();
        assertTrue(detail, detail.contains("chain unreachable") && detail.contains("read"));
    }
}
