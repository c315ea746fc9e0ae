package org.ocn.node.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.ocn.node.crypto.EthereumKey;
import org.ocn.node.registry.chain.testing.LocalChain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * HubClientInfo across the network: two nodes of the built distribution on one local chain, with the still-alive
 * check and the planned-party search on a 1 s schedule. An eMSP on node 1 with a hubclientinfo Receiver endpoint
 * hears of a party planned at node 1, of a CPO planned at node 2, then connecting there, then going offline; node 1
 * believes reports about node 2's parties only when node 2's operator signed them.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ClientInfoNetworkIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NODE1_KEY = TwoNodeNetwork.NODE1_KEY;
    private static final String NODE2_KEY = TwoNodeNetwork.NODE2_KEY;
    private static final String MSP_KEY = LocalChain.KEYS.get(3);
    private static final String CPB_KEY = LocalChain.KEYS.get(4);
    private static final String PLN_KEY = LocalChain.KEYS.get(5);
    private static final String PUSHED = "/ocpi/2.2.1/hubclientinfo/receiver/";

    private static TwoNodeNetwork network;
    private static LocalChain chain;
    private static NodeProcess node1;
    private static NodeProcess node2;
    private static MockPlatform msp;
    private static MockPlatform cpb;
    private static String mspC;
    private static String cpbC;

    @BeforeClass
    public static void start() throws Exception {
        network = TwoNodeNetwork.prepare("clientinfo", "-Docn.node.stillAliveRate=1000",
                "-Docn.node.plannedPartySearchRate=1000");
        chain = network.chain();
        chain.setParty(MSP_KEY, "DE", "MSP", List.of(1), LocalChain.address(NODE1_KEY));
        chain.setParty(CPB_KEY, "CH", "CPB", List.of(0), LocalChain.address(NODE2_KEY));
        node1 = network.node1();
        node2 = network.node2();
        network.start();

        msp = new MockPlatform("2.2.1", List.<String[]>of(MockPlatform.endpoint("hubclientinfo", "RECEIVER")));
        cpb = new MockPlatform("2.2.1", List.<String[]>of(MockPlatform.endpoint("hubclientinfo", "RECEIVER")));
        mspC = Registration.register(node1, msp, "EMSP", "DE/MSP");
    }

    @AfterClass
    public static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {msp, cpb, network}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!condition.get()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(what + ": not within 15 s");
            }
            Thread.sleep(100);
        }
    }

    /** @return the status the node's hubclientinfo list shows for a party's role, or "absent" */
    private static String listed(NodeProcess node, String tokenC, String party, String role) {
        Http.Answer a = Http.get(node.url() + "/ocpi/2.2.1/hubclientinfo", "Token " + Http.base64(tokenC));
        assertEquals(a.toString(), 1000, a.statusCode());
        String[] cc = party.split("/");
        for (JsonNode info : a.json().get("data")) {
            if (info.get("country_code").asText().equals(cc[0]) && info.get("party_id").asText().equals(cc[1])
                    && info.get("role").asText().equals(role)) {
                return info.get("status").asText();
            }
        }
        return "absent";
    }

    private static String pushedStatus(MockPlatform.Received push) {
        try {
            return JSON.readTree(push.body()).get("status").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError("pushed ClientInfo is not JSON: " + push, e);
        }
    }

    private static boolean isPush(MockPlatform.Received r, String party, String status) {
        return r.method().equals("PUT") && r.path().equals(PUSHED + party) && pushedStatus(r).equals(status);
    }

    /** Waits for the eMSP's platform to get a ClientInfo of the party with the status, and returns the request. */
    private static MockPlatform.Received awaitPush(String party, String status) throws InterruptedException {
        return msp.await(r -> isPush(r, party, status));
    }

    private static Http.Answer report(NodeProcess node, String body, String signingKey) {
        Map<String, String> headers = signingKey == null ? Map.of() : Map.of("OCN-Signature",
                EthereumKey.fromPrivateKey(signingKey).signPrefixedMessage(body.getBytes(StandardCharsets.UTF_8)).toHex());
        return Http.send("PUT", node.url() + "/ocn/client-info", null, body, headers);
    }

    @Test
    public void aPartyListedWithTheNodeButNotConnectedIsPlanned() throws Exception {
        assertEquals("absent", listed(node1, mspC, "NL/PLN", "EMSP"));
        chain.setParty(PLN_KEY, "NL", "PLN", List.of(1), LocalChain.address(NODE1_KEY));
        MockPlatform.Received push = awaitPush("NL/PLN", "PLANNED");
        assertEquals(msp.expectedAuthorization(), push.header("authorization"));
        assertEquals("PLANNED", listed(node1, mspC, "NL/PLN", "EMSP"));
    }

    @Test
    public void bAPartyConnectingAtTheOtherNodeIsSeenHere() throws Exception {
        // listed with node 2 and not connected yet: node 2's planned-party search told node 1
        await("CH/CPB planned at node 2, as node 1 sees it", () -> listed(node1, mspC, "CH/CPB", "CPO").equals("PLANNED"));
        cpbC = Registration.register(node2, cpb, "CPO", "CH/CPB");
        awaitPush("CH/CPB", "CONNECTED");
        assertEquals("CONNECTED", listed(node1, mspC, "CH/CPB", "CPO"));
        // node 2 heard of the eMSP when it connected to node 1
        assertEquals("CONNECTED", listed(node2, cpbC, "DE/MSP", "EMSP"));
    }

    @Test
    public void cAReportNotSignedByThePartysOperatorIsRefusedAndChangesNothing() throws Exception {
        String suspended = "{\"party_id\":\"CPB\",\"country_code\":\"CH\",\"role\":\"CPO\",\"status\":\"SUSPENDED\","
                + "\"last_updated\":\"" + Instant.now().plusSeconds(3600) + "\"}";
        for (String forger : List.of(LocalChain.KEYS.get(0), NODE1_KEY, CPB_KEY)) {
            Http.Answer a = report(node1, suspended, forger);
            assertEquals(a.toString(), 400, a.status());
            assertEquals(2001, a.statusCode());
            assertTrue(a.message(), a.message().contains("does not come from the node operator of party CH/CPB"));
        }
        Http.Answer unsigned = report(node1, suspended, null);
        assertEquals(unsigned.toString(), 400, unsigned.status());
        assertEquals(2001, unsigned.statusCode());
        Http.Answer unknown = report(node1, suspended.replace("CPB", "ZZZ"), NODE2_KEY);
        assertEquals(unknown.toString(), 400, unknown.status());
        assertTrue(unknown.message(), unknown.message().contains("CH/ZZZ is not listed"));
        Http.Answer notJson = report(node1, "{\"party_id\":", NODE2_KEY);
        assertEquals(notJson.toString(), 400, notJson.status());
        assertEquals(2001, notJson.statusCode());
        Http.Answer badStatus = report(node1, suspended.replace("SUSPENDED", "GONE"), NODE2_KEY);
        assertEquals(400, badStatus.status());
        assertTrue(badStatus.message(), badStatus.message().contains("status 'GONE'"));

        Thread.sleep(300);
        assertEquals("CONNECTED", listed(node1, mspC, "CH/CPB", "CPO"));
        assertFalse("nothing pushed", msp.saw(r -> isPush(r, "CH/CPB", "SUSPENDED")));
        // node 2's operator is believed: the same status again changes nothing and is not pushed
        String same = "{\"party_id\":\"CPB\",\"country_code\":\"CH\",\"role\":\"CPO\",\"status\":\"CONNECTED\","
                + "\"last_updated\":\"" + Instant.now() + "\"}";
        Http.Answer genuine = report(node1, same, NODE2_KEY);
        assertEquals(genuine.toString(), 200, genuine.status());
        assertEquals(1000, genuine.statusCode());
        Thread.sleep(300);
        assertFalse("no change, no push", msp.saw(r -> isPush(r, "CH/CPB", "CONNECTED")));
    }

    @Test
    public void dAPlatformThatStopsAnsweringIsOfflineAtItsNodeAndAcrossTheNetwork() throws Exception {
        cpb.close();
        await("CH/CPB offline at node 2",
                () -> Registration.connectionStatus(node2, "CH/CPB").equals("200 OFFLINE"));
        assertEquals("an offline platform keeps its token", "OFFLINE", listed(node2, cpbC, "CH/CPB", "CPO"));
        awaitPush("CH/CPB", "OFFLINE");
        assertEquals("OFFLINE", listed(node1, mspC, "CH/CPB", "CPO"));
        assertEquals("a platform that answers stays connected", "200 CONNECTED",
                Registration.connectionStatus(node1, "DE/MSP"));
        assertEquals("CONNECTED", listed(node1, mspC, "DE/MSP", "EMSP"));
    }
}
