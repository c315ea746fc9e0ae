package org.ocn.node.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The first user flow on the built distribution, started by {@code bin/ocn-node} as a process: the operator issues
 * registration tokens through the admin API, and mock parties on OCPI 2.2.1 and 2.2 connect with the credentials
 * handshake, including every error the issue lists.
 */
public class CredentialsHandshakeIT {

    private static NodeProcess node;

    @BeforeClass
    public static void startNode() throws Exception {
        Path home = NodeProcess.unpack("handshake");
        node = NodeProcess.in(home, home.resolve("data-it")).start();
    }

    @AfterClass
    public static void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    private static String url(String path) {
        return node.url() + path;
    }

    @Test
    public void healthIsUpAndNamesEveryComponent() {
        Http.Answer a = Http.get(url("/health"), null);
        assertEquals(200, a.status());
        JsonNode json = a.json();
        assertEquals("UP", json.get("status").asText());
        for (String c : List.of("settings", "store", "parties", "registry", "versions", "credentials", "admin")) {
            assertEquals(c, "UP", json.at("/components/" + c + "/status").asText());
        }
    }

    @Test
    public void adminApiNeedsTheKeyAndAWellFormedBody() {
        String body = "[{\"country_code\":\"DE\",\"party_id\":\"ADM\"}]";
        Http.Answer missing = Http.send("POST", url("/admin/generate-registration-token"), null, body);
        assertEquals(401, missing.status());
        Http.Answer wrong = Http.send("POST", url("/admin/generate-registration-token"), "Token nope", body);
        assertEquals(401, wrong.status());
        assertEquals(2000, wrong.statusCode());

        for (String bad : List.of("not json", "{}", "[]", "[{\"country_code\":\"DEU\",\"party_id\":\"ADM\"}]",
                "[{\"party_id\":\"ADM\"}]")) {
            Http.Answer a = Http.send("POST", url("/admin/generate-registration-token"),
                    "Token " + NodeProcess.ADMIN_KEY, bad);
            assertEquals(bad + " -> " + a, 400, a.status());
            assertEquals(2001, a.statusCode());
            assertFalse(a.message().isBlank());
        }
        // the key is accepted Base64-encoded too (reference node v2)
        Http.Answer b64 = Http.send("POST", url("/admin/generate-registration-token"),
                "Token " + Http.base64(NodeProcess.ADMIN_KEY), body);
        assertEquals(b64.toString(), 200, b64.status());
        assertEquals("200 PLANNED", Registration.connectionStatus(node, "DE/ADM"));
        assertTrue(Registration.connectionStatus(node, "NL/UNK").startsWith("404"));
        assertTrue(Http.get(url("/admin/connection-status/DE/ADM"), "Token nope").status() == 401);
    }

    @Test
    public void versionsListBothVersionsAndEveryAdvertisedUrlIsServed() throws Exception {
        String tokenA = Registration.tokenA(node, "DE/VER");
        String auth = "Token " + Http.base64(tokenA);
        Http.Answer versions = Http.get(url("/ocpi/versions"), auth);
        assertEquals(versions.toString(), 200, versions.status());
        List<String> listed = new ArrayList<>();
        for (JsonNode v : versions.json().get("data")) {
            listed.add(v.get("version").asText());
            assertEquals(url("/ocpi/" + v.get("version").asText()), v.get("url").asText());
        }
        assertEquals(List.of("2.2.1", "2.2"), listed);

        // the plain token and the bare token work too
        assertEquals(200, Http.get(url("/ocpi/versions"), "Token " + tokenA).status());
        assertEquals(200, Http.get(url("/ocpi/versions"), tokenA).status());
        Http.Answer unknown = Http.get(url("/ocpi/versions"), "Token unknown");
        assertEquals(401, unknown.status());
        assertEquals(2000, unknown.statusCode());
        assertEquals(401, Http.get(url("/ocpi/2.2.1"), null).status());
        assertEquals(401, Http.get(url("/ocpi/2.2/credentials"), "Token nope").status());

        // every URL in the details is served: configuration modules answer, routed ones route (here: they ask for
        // the routing headers this GET leaves out)
        try (MockParty party = MockParty.offering("2.2.1")) {
            String tokenC = Registration.register(node, "2.2.1", party, "EMSP", "DE/VEC");
            String authC = "Token " + Http.base64(tokenC);
            for (String version : listed) {
                Http.Answer details = Http.get(url("/ocpi/" + version), authC);
                assertEquals(details.toString(), 200, details.status());
                assertEquals(version, details.json().at("/data/version").asText());
                List<String> identifiers = new ArrayList<>();
                for (JsonNode e : details.json().at("/data/endpoints")) {
                    identifiers.add(e.get("identifier").asText() + "/" + e.get("role").asText());
                    Http.Answer served = Http.get(e.get("url").asText(), authC);
                    assertTrue(e + " -> " + served, served.status() == 200);
                    int code = served.statusCode();
                    assertTrue(e + " -> " + served, code == 1000 || code == 2001);
                }
                for (String module : List.of("cdrs", "chargingprofiles", "commands", "locations", "sessions", "tariffs", "tokens")) {
                    assertTrue(identifiers.toString(), identifiers.containsAll(List.of(module + "/SENDER", module + "/RECEIVER")));
                }
                assertTrue(identifiers.containsAll(List.of("credentials/SENDER", "hubclientinfo/SENDER", "ocnrules/RECEIVER")));
                assertEquals("nothing else is advertised", 17, identifiers.size());
            }
        }
    }

    @Test
    public void aParty221RegistersWithBase64TokensAndTokenADiesWhenTokenCIsUsed() throws Exception {
        try (MockParty party = MockParty.offering("2.1.1", "2.2", "2.2.1")) {
            String tokenA = Registration.tokenA(node, "DE/MSP");
            Http.Answer a = Registration.post(node, "2.2.1", "Token " + Http.base64(tokenA), party, "EMSP", "DE/MSP");
            assertEquals(a.toString(), 200, a.status());
            assertEquals(1000, a.statusCode());
            JsonNode data = a.json().get("data");
            String tokenC = data.get("token").asText();
            assertNotEquals(tokenA, tokenC);
            assertEquals(url("/ocpi/versions"), data.get("url").asText());
            assertEquals(1, data.get("roles").size());
            JsonNode hub = data.get("roles").get(0);
            assertEquals("HUB", hub.get("role").asText());
            assertEquals("CH", hub.get("country_code").asText());
            assertEquals("OCN", hub.get("party_id").asText());
            assertEquals("Open Charging Network Node", hub.at("/business_details/name").asText());

            // the node read the party's versions and the 2.2.1 details with token B, Base64-encoded
            assertEquals(List.of("/ocpi/versions", "/ocpi/2.2.1"), party.paths());
            for (String h : party.authorizations()) {
                assertEquals("Token " + Http.base64(party.tokenB()), h);
            }
            assertEquals("200 CONNECTED", Registration.connectionStatus(node, "DE/MSP"));

            // token A lives on until token C is used (so that a party whose answer was lost can retry); token C
            // works, and its first use kills token A
            assertEquals(200, Http.get(url("/ocpi/versions"), "Token " + Http.base64(tokenA)).status());
            Http.Answer mine = Http.get(url("/ocpi/2.2.1/credentials"), "Token " + Http.base64(tokenC));
            assertEquals(200, mine.status());
            assertEquals(tokenC, mine.json().at("/data/token").asText());
            assertEquals(401, Http.get(url("/ocpi/versions"), "Token " + Http.base64(tokenA)).status());
            assertEquals(401, Registration.post(node, "2.2.1", "Token " + Http.base64(tokenA), party, "EMSP",
                    "DE/MSP").status());
            assertEquals(200, Http.get(url("/ocpi/versions"), "Token " + Http.base64(tokenC)).status());

            // POST when registered: 405
            Http.Answer again = Registration.post(node, "2.2.1", "Token " + Http.base64(tokenC), party, "EMSP", "DE/MSP");
            assertEquals(405, again.status());
            assertEquals(2000, again.statusCode());
            // no new token for a party that is connected
            Http.Answer second = Http.send("POST", url("/admin/generate-registration-token"),
                    "Token " + NodeProcess.ADMIN_KEY, "[{\"country_code\":\"DE\",\"party_id\":\"MSP\"}]");
            assertEquals(400, second.status());
            assertTrue(second.message(), second.message().contains("DE/MSP"));
        }
    }

    @Test
    public void aParty22RegistersWithPlainTokens() throws Exception {
        try (MockParty party = MockParty.offering("2.1.1", "2.2")) {
            String tokenA = Registration.tokenA(node, "CH/CPO");
            // a bare token, as some 2.2 clients send it
            Http.Answer a = Registration.post(node, "2.2", tokenA, party, "CPO", "CH/CPO");
            assertEquals(a.toString(), 1000, a.statusCode());
            String tokenC = a.json().at("/data/token").asText();
            assertEquals(List.of("/ocpi/versions", "/ocpi/2.2"), party.paths());
            for (String h : party.authorizations()) {
                assertEquals("Token " + party.tokenB(), h);
            }
            assertEquals(200, Http.get(url("/ocpi/2.2/credentials"), "Token " + tokenC).status());
            assertEquals("200 CONNECTED", Registration.connectionStatus(node, "CH/CPO"));
        }
    }

    @Test
    public void theHighestCommonVersionIsChosenWhateverEndpointWasCalled() throws Exception {
        try (MockParty party = MockParty.offering("2.2", "2.2.1")) {
            String tokenA = Registration.tokenA(node, "NL/HIV");
            Http.Answer a = Registration.post(node, "2.2", "Token " + tokenA, party, "CPO", "NL/HIV");
            assertEquals(a.toString(), 1000, a.statusCode());
            assertEquals(List.of("/ocpi/versions", "/ocpi/2.2.1"), party.paths());
            // the encoding follows the endpoint called (2.2: plain)
            assertEquals("Token " + party.tokenB(), party.authorizations().get(0));
        }
    }

    @Test
    public void handshakeErrorsAnswerTheRightStatus() throws Exception {
        // a role not named when the token was issued: 2001
        try (MockParty party = MockParty.offering("2.2.1")) {
            String tokenA = Registration.tokenA(node, "DE/NAM");
            Http.Answer a = Registration.post(node, "2.2.1", "Token " + Http.base64(tokenA), party, "CPO", "DE/OTH");
            assertEquals(200, a.status());
            assertEquals(2001, a.statusCode());
            assertTrue(a.message(), a.message().contains("DE/OTH") && a.message().contains("DE/NAM"));
            assertTrue("refused before contacting the party", party.paths().isEmpty());
            // token A still works after a refusal
            assertEquals(200, Http.get(url("/ocpi/versions"), "Token " + tokenA).status());
        }
        // party unreachable: 3001
        {
            String tokenA = Registration.tokenA(node, "DE/UNR");
            int closed = NodeProcess.freePort();
            Http.Answer a = Http.send("POST", url("/ocpi/2.2.1/credentials"), "Token " + Http.base64(tokenA),
                    Registration.credentials("b", "http://127.0.0.1:" + closed + "/ocpi/versions", "CPO", "DE/UNR"));
            assertEquals(a.toString(), 200, a.status());
            assertEquals(3001, a.statusCode());
        }
        // no common version: 3002
        try (MockParty party = MockParty.offering("2.1.1")) {
            String tokenA = Registration.tokenA(node, "DE/OLD");
            Http.Answer a = Registration.post(node, "2.2.1", "Token " + Http.base64(tokenA), party, "CPO", "DE/OLD");
            assertEquals(a.toString(), 3002, a.statusCode());
            assertTrue(a.message(), a.message().contains("2.1.1"));
        }
        // no credentials endpoint (the OCN's own client library lists none): the party connects all the same
        try (MockParty party = new MockParty(List.of("2.2.1"), false)) {
            String tokenA = Registration.tokenA(node, "DE/NOC");
            Http.Answer a = Registration.post(node, "2.2.1", "Token " + Http.base64(tokenA), party, "CPO", "DE/NOC");
            assertEquals(a.toString(), 1000, a.statusCode());
            assertEquals("200 CONNECTED", Registration.connectionStatus(node, "DE/NOC"));
        }
        // malformed body: 400/2001 when not JSON, 200/2001 when JSON but not credentials
        {
            String auth = "Token " + Http.base64(Registration.tokenA(node, "DE/MAL"));
            Http.Answer notJson = Http.send("POST", url("/ocpi/2.2.1/credentials"), auth, "{\"token\":");
            assertEquals(400, notJson.status());
            assertEquals(2001, notJson.statusCode());
            Http.Answer notCredentials = Http.send("POST", url("/ocpi/2.2.1/credentials"), auth,
                    "{\"token\":\"b\",\"roles\":[]}");
            assertEquals(200, notCredentials.status());
            assertEquals(2001, notCredentials.statusCode());
            assertTrue(notCredentials.message(), notCredentials.message().contains("url"));
            // PUT and DELETE before registration: 405
            assertEquals(405, Http.send("PUT", url("/ocpi/2.2.1/credentials"), auth,
                    "{\"token\":\"b\",\"url\":\"http://x/v\",\"roles\":[]}").status());
            assertEquals(405, Http.send("DELETE", url("/ocpi/2.2.1/credentials"), auth, null).status());
            // unknown token: 401
            assertEquals(401, Http.send("POST", url("/ocpi/2.2.1/credentials"), "Token nope", "{}").status());
            assertEquals(401, Http.send("DELETE", url("/ocpi/2.2/credentials"), null, null).status());
        }
    }

    @Test
    public void putRotatesTokenCAndDeleteUnregisters() throws Exception {
        try (MockParty party = MockParty.offering("2.2.1"); MockParty moved = MockParty.offering("2.2", "2.2.1")) {
            String tokenC = Registration.register(node, "2.2.1", party, "EMSP", "NL/ROT");
            String auth = "Token " + Http.base64(tokenC);
            Http.Answer put = Http.send("PUT", url("/ocpi/2.2.1/credentials"), auth,
                    Registration.credentials(moved.tokenB(), moved.versionsUrl(), "EMSP", "NL/ROT"));
            assertEquals(put.toString(), 1000, put.statusCode());
            String newC = put.json().at("/data/token").asText();
            assertNotEquals(tokenC, newC);
            assertEquals("the node re-fetched the endpoints with the new token B",
                    List.of("/ocpi/versions", "/ocpi/2.2.1"), moved.paths());
            assertEquals(401, Http.get(url("/ocpi/versions"), auth).status());
            String newAuth = "Token " + Http.base64(newC);
            assertEquals(200, Http.get(url("/ocpi/versions"), newAuth).status());

            // a role not admitted cannot be added by PUT
            Http.Answer grab = Http.send("PUT", url("/ocpi/2.2.1/credentials"), newAuth,
                    Registration.credentials(moved.tokenB(), moved.versionsUrl(), "EMSP", "NL/GRB"));
            assertEquals(2001, grab.statusCode());

            Http.Answer delete = Http.send("DELETE", url("/ocpi/2.2.1/credentials"), newAuth, null);
            assertEquals(delete.toString(), 200, delete.status());
            assertEquals(1000, delete.statusCode());
            assertEquals(401, Http.get(url("/ocpi/versions"), newAuth).status());
            assertEquals("200 SUSPENDED", Registration.connectionStatus(node, "NL/ROT"));
        }
    }

    @Test
    public void aRegistrationWhoseAnswerWasLostIsRetriedWithTheSameTokenA() throws Exception {
        try (MockParty party = MockParty.offering("2.2")) {
            String tokenA = Registration.tokenA(node, "DE/LST");
            Http.Answer lost = Registration.post(node, "2.2", "Token " + tokenA, party, "CPO", "DE/LST");
            assertEquals(lost.toString(), 1000, lost.statusCode());
            String lostC = lost.json().at("/data/token").asText();
            // the party never read that answer: it retries with its token A and registers afresh
            Http.Answer retry = Registration.post(node, "2.2", "Token " + tokenA, party, "CPO", "DE/LST");
            assertEquals(retry.toString(), 1000, retry.statusCode());
            String tokenC = retry.json().at("/data/token").asText();
            assertNotEquals(lostC, tokenC);
            assertEquals("the unused first token C is dead", 401,
                    Http.get(url("/ocpi/2.2/credentials"), "Token " + lostC).status());
            assertEquals(200, Http.get(url("/ocpi/2.2/credentials"), "Token " + tokenC).status());
            Http.Answer late = Registration.post(node, "2.2", "Token " + tokenA, party, "CPO", "DE/LST");
            assertEquals("token A died with the first use of token C", 401, late.status());
            assertEquals("200 CONNECTED", Registration.connectionStatus(node, "DE/LST"));
        }
    }

    @Test
    public void theOperatorListsAndUnregistersParties() throws Exception {
        String admin = "Token " + NodeProcess.ADMIN_KEY;
        try (MockParty party = MockParty.offering("2.2.1")) {
            String tokenC = Registration.register(node, "2.2.1", party, "CPO", "DE/OPR");
            String pending = Registration.tokenA(node, "DE/PND");
            assertEquals(200, Http.get(url("/ocpi/versions"), "Token " + Http.base64(tokenC)).status());

            Http.Answer list = Http.get(url("/admin/parties"), admin);
            assertEquals(list.toString(), 200, list.status());
            JsonNode opr = null;
            JsonNode pnd = null;
            for (JsonNode e : list.json()) {
                String id = e.get("country_code").asText() + "/" + e.get("party_id").asText();
                opr = id.equals("DE/OPR") ? e : opr;
                pnd = id.equals("DE/PND") ? e : pnd;
            }
            assertEquals(list.body(), "CONNECTED", opr.get("status").asText());
            assertEquals("CPO", opr.at("/roles/0").asText());
            assertEquals("2.2.1", opr.get("version").asText());
            assertEquals(party.versionsUrl(), opr.get("versions_url").asText());
            assertTrue(opr.toString(), opr.get("endpoints").size() > 0);
            assertFalse("seen when it used its token C", opr.get("last_seen").isNull());
            assertEquals("PLANNED", pnd.get("status").asText());
            assertTrue(pnd.get("last_seen").isNull());

            assertEquals(401, Http.get(url("/admin/parties"), "Token wrong").status());
            assertEquals(404, Http.get(url("/admin/parties/XX/NOP"), admin).status());
            assertEquals(400, Http.get(url("/admin/parties/DEU/X"), admin).status());
            assertEquals(405, Http.send("POST", url("/admin/parties"), admin, "{}").status());
            Http.Answer one = Http.get(url("/admin/parties/DE/OPR"), admin);
            assertEquals(opr.get("platform_id").asLong(), one.json().get("platform_id").asLong());

            // the operator unregisters it: token C dies, and a new token A lets the party back in
            Http.Answer gone = Http.send("DELETE", url("/admin/parties/DE/OPR"), admin, null);
            assertEquals(gone.toString(), 200, gone.status());
            assertEquals("SUSPENDED", gone.json().get("status").asText());
            assertEquals(401, Http.get(url("/ocpi/versions"), "Token " + Http.base64(tokenC)).status());
            assertEquals("200 SUSPENDED", Registration.connectionStatus(node, "DE/OPR"));
            assertEquals(409, Http.send("DELETE", url("/admin/parties/DE/OPR"), admin, null).status());
            String again = Registration.register(node, "2.2.1", party, "CPO", "DE/OPR");
            assertEquals(200, Http.get(url("/ocpi/versions"), "Token " + Http.base64(again)).status());
            assertEquals("200 CONNECTED", Registration.connectionStatus(node, "DE/OPR"));

            // the same through the operator shell
            String listed = Shell.run(node, "ocn:parties");
            assertTrue(listed, listed.contains("DE/OPR") && listed.contains("CONNECTED") && listed.contains("DE/PND"));
            String unregistered = Shell.run(node, "ocn:party-unregister DE/OPR");
            assertTrue(unregistered, unregistered.contains("Unregistered DE/OPR"));
            assertEquals(401, Http.get(url("/ocpi/versions"), "Token " + Http.base64(again)).status());
            assertEquals("200 SUSPENDED", Registration.connectionStatus(node, "DE/OPR"));

            // a pending registration token can be withdrawn
            assertEquals(200, Http.send("DELETE", url("/admin/parties/DE/PND"), admin, null).status());
            assertEquals(401, Http.get(url("/ocpi/versions"), "Token " + pending).status());
        }
    }

    @Test
    public void aRefusedRegistrationIsLoggedWithItsRequestId() throws Exception {
        try (MockParty party = MockParty.offering("2.2.1")) {
            String tokenA = Registration.tokenA(node, "DE/NAM");
            String requestId = "req-" + java.util.UUID.randomUUID();
            Http.Answer a = Http.send("POST", url("/ocpi/2.2.1/credentials"), "Token " + Http.base64(tokenA),
                    Registration.credentials(party.tokenB(), party.versionsUrl(), "CPO", "DE/OTR"),
                    java.util.Map.of("X-Request-ID", requestId));
            assertEquals(2001, a.statusCode());
            node.awaitLog("WARN  [CredentialsServlet] Registration of [DE/OTR] (platform ", 1);
            String line = node.log().lines().filter(l -> l.contains(requestId)).findFirst().orElse("");
            assertTrue("logged with its X-Request-ID: " + line, line.contains("WARN") && line.contains("DE/OTR")
                    && line.contains("not named when the registration token was issued"));
        }
    }
}
