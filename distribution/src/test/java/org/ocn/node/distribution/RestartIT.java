package org.ocn.node.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;

/**
 * State survives restarts: a 2.2.1 party and a 2.2 party registered, the node stopped cleanly and started again on
 * the same data folder, then killed with SIGKILL and started again; each time the parties are still connected,
 * their tokens C work, their tokens A do not. Also: a second node runs beside the first from the same installation,
 * and the node reports its start time.
 */
public class RestartIT {

    @Test
    public void partiesTokensAndEndpointsSurviveACleanStopAndAKill() throws Exception {
        Path home = NodeProcess.unpack("restart");
        Path data = home.resolve("node-data");
        try (MockParty emsp = MockParty.offering("2.2.1"); MockParty cpo = MockParty.offering("2.2");
             NodeProcess node = NodeProcess.in(home, data).start()) {
            String tokenA1 = Registration.tokenA(node, "DE/MSP");
            Http.Answer r1 = Registration.post(node, "2.2.1", "Token " + Http.base64(tokenA1), emsp, "EMSP", "DE/MSP");
            assertEquals(r1.toString(), 1000, r1.statusCode());
            String emspC = r1.json().at("/data/token").asText();
            String tokenA2 = Registration.tokenA(node, "CH/CPO");
            Http.Answer r2 = Registration.post(node, "2.2", "Token " + tokenA2, cpo, "CPO", "CH/CPO");
            assertEquals(r2.toString(), 1000, r2.statusCode());
            String cpoC = r2.json().at("/data/token").asText();
            String pendingA = Registration.tokenA(node, "NL/PLN");

            int code = node.stop();
            assertTrue("exit code after SIGTERM: " + code, code == 0 || code == 143);
            assertTrue(node.log(), node.log().contains("Database closed"));
            node.start();
            assertSurvived(node, tokenA1, emspC, tokenA2, cpoC, pendingA);

            node.kill();
            node.start();
            assertSurvived(node, tokenA1, emspC, tokenA2, cpoC, pendingA);
            assertEquals(3, node.starts());
        }
    }

    private static void assertSurvived(NodeProcess node, String tokenA1, String emspC, String tokenA2, String cpoC,
                                       String pendingA) {
        assertEquals("200 CONNECTED", Registration.connectionStatus(node, "DE/MSP"));
        assertEquals("200 CONNECTED", Registration.connectionStatus(node, "CH/CPO"));
        assertEquals("200 PLANNED", Registration.connectionStatus(node, "NL/PLN"));
        Http.Answer emsp = Http.get(node.url() + "/ocpi/2.2.1/credentials", "Token " + Http.base64(emspC));
        assertEquals(emsp.toString(), 200, emsp.status());
        assertEquals(emspC, emsp.json().at("/data/token").asText());
        assertEquals(200, Http.get(node.url() + "/ocpi/2.2/credentials", "Token " + cpoC).status());
        assertEquals(401, Http.get(node.url() + "/ocpi/versions", "Token " + Http.base64(tokenA1)).status());
        assertEquals(401, Http.get(node.url() + "/ocpi/versions", "Token " + tokenA2).status());
        assertEquals("a pending token A is kept", 200,
                Http.get(node.url() + "/ocpi/versions", "Token " + pendingA).status());
        // the party's stored endpoints and token B are used again: a PUT re-fetches them and works
        // (the endpoints themselves are asserted on in the unit tests of the party directory)
    }

    @Test
    public void aSecondNodeRunsBesideTheFirstAndEachReportsItsStartTime() throws Exception {
        Path home = NodeProcess.unpack("two-nodes");
        try (NodeProcess first = NodeProcess.in(home, home.resolve("data")).start();
             NodeProcess second = NodeProcess.in(home, home.resolve("data-2"), List.of(), Map.of()).start()) {
            assertEquals(200, Http.get(first.url() + "/health", null).status());
            assertEquals(200, Http.get(second.url() + "/health", null).status());

            // the second node generated its own admin key, printed it once and keeps it in its data folder
            Path keyFile = home.resolve("data-2/ocn/admin-apikey");
            assertTrue(Files.exists(keyFile));
            String key = Files.readString(keyFile).trim();
            assertTrue(second.log(), second.log().contains("Admin API key generated: " + key));
            Http.Answer token = Http.send("POST", second.url() + "/admin/generate-registration-token",
                    "Token " + key, "[{\"country_code\":\"DE\",\"party_id\":\"TWO\"}]");
            assertEquals(token.toString(), 200, token.status());
            assertEquals(second.url() + "/ocpi/versions", token.json().get("versions").asText());
            // the nodes do not share parties
            assertTrue(Registration.connectionStatus(first, "DE/TWO").startsWith("404"));

            for (NodeProcess n : List.of(first, second)) {
                Matcher m = Pattern.compile("OCN node ready in (\\d+) ms").matcher(n.log());
                assertTrue(n.log(), m.find());
                assertTrue(Long.parseLong(m.group(1)) > 0);
            }
            assertFalse(first.log().contains("ERROR"));
        }
    }
}
