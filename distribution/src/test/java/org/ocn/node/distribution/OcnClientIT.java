package org.ocn.node.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.ocn.node.registry.chain.testing.LocalChain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The OCN's own clients join a network and work through it as on the real network: two nodes of the built
 * distribution on a local chain, reading the registry every 2 s as shipped, signatures off (the default); a demo eMSP
 * (DE/TNM) on node 1 and a demo CPO (BE/BEC, listed as OTHER) on node 2, each an {@link OcnBridgeClient} (OCPI 2.2,
 * plain tokens, no credentials endpoint of its own) that lists itself with its own transaction and registers at once.
 * Then, between the nodes and as each client sees it: locations page by page (the {@code Link} handed out by the
 * eMSP's node) and by id, tariffs, a token pushed to the CPO, a session PUT and a CDR POST to the eMSP (its
 * {@code Location} handed out by the CPO's node and served), START_SESSION, STOP_SESSION and RESERVE_NOW with the
 * CommandResult the CPO posts to its node reaching the eMSP, hubclientinfo listing both, and the operators' view of
 * them in the admin API. Nothing waits for a node's registry index.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class OcnClientIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LOCATIONS = List.of("location_example.json",
            "location_example_uc2_destination_charger.json", "location_example_parking_garage_opening_hours.json");
    private static final List<String> TARIFFS = List.of("tariff_1_simple_2hour.json", "tariff_4_complex.json");
    private static final String ADMIN = "Token " + NodeProcess.ADMIN_KEY;

    private static TwoNodeNetwork network;
    private static LocalChain chain;
    private static NodeProcess node1;
    private static NodeProcess node2;
    private static OcnBridgeClient emsp;
    private static OcnBridgeClient cpo;
    private static Http.Answer emspJoined;
    private static Http.Answer cpoJoined;

    @BeforeClass
    public static void start() throws Exception {
        network = TwoNodeNetwork.prepare("ocn-client", 2000);
        chain = network.chain();
        node1 = network.node1();
        node2 = network.node2();
        network.start();
        emsp = OcnBridgeClient.emsp("DE/TNM", LocalChain.KEYS.get(3));
        cpo = OcnBridgeClient.cpo("BE/BEC", LocalChain.KEYS.get(4), LOCATIONS, TARIFFS);
        // each operator issues a token A; each client is configured with it, lists itself and registers at once
        emspJoined = emsp.joinNetwork(chain, node1.url(), Registration.tokenA(node1, "DE/TNM"));
        cpoJoined = cpo.joinNetwork(chain, node2.url(), Registration.tokenA(node2, "BE/BEC"));
    }

    @AfterClass
    public static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {emsp, cpo, network}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    public void a1BothClientsAreListedWithTheirNodeAndRegisteredThere() throws Exception {
        assertJoined(emsp, emspJoined, node1, TwoNodeNetwork.NODE1_KEY);
        assertJoined(cpo, cpoJoined, node2, TwoNodeNetwork.NODE2_KEY);
    }

    private static void assertJoined(OcnBridgeClient client, Http.Answer answer, NodeProcess node, String operatorKey)
            throws Exception {
        assertEquals(client.party() + " listed by its own transaction with its node's operator",
                LocalChain.address(operatorKey).toLowerCase(Locale.ROOT),
                chain.operatorOf(client.address()).toLowerCase(Locale.ROOT));
        assertEquals(client.party() + ": " + answer, 200, answer.status());
        assertEquals(client.party() + ": " + answer, 1000, answer.statusCode());
        assertEquals(node.url() + "/ocpi/versions", answer.json().at("/data/url").asText());
        assertEquals("HUB", answer.json().at("/data/roles/0/role").asText());
        // the bridge's own check that it is connected: its credentials at the node, read with token C
        Http.Answer connected = client.credentialsAtNode();
        assertEquals(connected.toString(), 1000, connected.statusCode());
        assertEquals(client.tokenC(), connected.json().at("/data/token").asText());
    }

    @Test
    public void a2TheOperatorsSeeTheirClientsInTheAdminApi() {
        for (OcnBridgeClient client : List.of(emsp, cpo)) {
            NodeProcess node = client == emsp ? node1 : node2;
            Http.Answer one = Http.get(node.url() + "/admin/parties/" + client.party(), ADMIN);
            assertEquals(one.toString(), 200, one.status());
            JsonNode p = one.json();
            assertEquals(p.toString(), "CONNECTED", p.path("status").asText());
            assertEquals(p.toString(), "2.2", p.path("version").asText());
            assertEquals(p.toString(), client.base() + "/ocpi/versions", p.path("versions_url").asText());
            List<String> endpoints = new ArrayList<>();
            p.path("endpoints").forEach(e -> endpoints.add(e.path("identifier").asText() + "/" + e.path("role").asText()));
            List<String> offered = new ArrayList<>();
            client.modules().forEach(m -> offered.add(m[0] + "/" + m[1]));
            assertEquals(p.toString(), offered.stream().sorted().toList(), endpoints.stream().sorted().toList());
            boolean listed = false;
            for (JsonNode q : Http.get(node.url() + "/admin/parties", ADMIN).json()) {
                listed |= (q.path("country_code").asText() + "/" + q.path("party_id").asText()).equals(client.party());
            }
            assertTrue(client.party() + " in GET /admin/parties", listed);
        }
        assertEquals(404, Http.get(node1.url() + "/admin/parties/BE/BEC", ADMIN).status());
        assertEquals(401, Http.get(node1.url() + "/admin/parties", "Token wrong").status());
    }

    @Test
    public void b1TheEmspReadsTheCposLocationsPageByPageAndOneById() throws Exception {
        Http.Answer first = emsp.request("GET", "locations", "SENDER", "?limit=2", cpo.party(), null);
        assertEquals(first.toString(), 1000, first.statusCode());
        assertEquals(json("[" + OcnBridgeClient.example(LOCATIONS.get(0)) + "," + OcnBridgeClient.example(LOCATIONS.get(1))
                + "]"), first.json().get("data"));
        assertEquals("3", first.header("X-Total-Count"));
        assertEquals("2", first.header("X-Limit"));
        OcnBridgeClient.Received atCpo = cpo.await("GET", "/ocpi/sender/2.2/locations");
        assertEquals("limit=2", atCpo.query());
        assertEquals("DE", atCpo.header("ocpi-from-country-code"));
        assertEquals("TNM", atCpo.header("ocpi-from-party-id"));
        Matcher link = Pattern.compile("<(" + Pattern.quote(node1.url())
                + "/ocpi/sender/2\\.2/locations/page/[^>]+)>; rel=\"next\"").matcher(String.valueOf(first.header("Link")));
        assertTrue("the next page at the eMSP's node: " + first.header("Link"), link.matches());

        Http.Answer second = emsp.send("GET", link.group(1), cpo.party(), null);
        assertEquals(second.toString(), 1000, second.statusCode());
        assertEquals(json("[" + OcnBridgeClient.example(LOCATIONS.get(2)) + "]"), second.json().get("data"));
        assertNull("the last page", second.header("Link"));
        assertEquals("the CPO's own next link was followed", "offset=2&limit=2",
                cpo.await("GET", "/ocpi/sender/2.2/locations").query());

        Http.Answer byId = emsp.request("GET", "locations", "SENDER", "/LOC1", cpo.party(), null);
        assertEquals(byId.toString(), 1000, byId.statusCode());
        assertEquals(json(OcnBridgeClient.example("location_example.json")), byId.json().get("data"));
        cpo.await("GET", "/ocpi/sender/2.2/locations/LOC1");
        Http.Answer unknown = emsp.request("GET", "locations", "SENDER", "/NOPE", cpo.party(), null);
        assertEquals("the CPO's own answer passes", 2003, unknown.statusCode());
        cpo.await("GET", "/ocpi/sender/2.2/locations/NOPE");
    }

    @Test
    public void b2TheEmspReadsTariffsAndPushesATokenToTheCpo() throws Exception {
        Http.Answer tariffs = emsp.request("GET", "tariffs", "SENDER", "", cpo.party(), null);
        assertEquals(tariffs.toString(), 1000, tariffs.statusCode());
        List<String> ids = new ArrayList<>();
        tariffs.json().get("data").forEach(t -> ids.add(t.path("id").asText()));
        assertEquals(List.of("12", "14"), ids);
        cpo.await("GET", "/ocpi/sender/2.2/tariffs");

        String token = OcnBridgeClient.example("token_example_1_app_user.json");
        String uid = json(token).get("uid").asText();
        Http.Answer put = emsp.request("PUT", "tokens", "RECEIVER", "/DE/TNM/" + uid + "?type=APP_USER", cpo.party(), token);
        assertEquals(put.toString(), 1000, put.statusCode());
        OcnBridgeClient.Received atCpo = cpo.await("PUT", "/ocpi/receiver/2.2/tokens/DE/TNM/" + uid);
        assertEquals("type=APP_USER", atCpo.query());
        assertEquals("byte for byte", token, atCpo.body());
    }

    @Test
    public void c1TheCpoPushesASessionAndACdrWhoseLocationItCanRead() throws Exception {
        String session = OcnBridgeClient.example("session_example_2_short_finished.json");
        Http.Answer put = cpo.request("PUT", "sessions", "RECEIVER", "/BE/BEC/101", emsp.party(), session);
        assertEquals(put.toString(), 1000, put.statusCode());
        OcnBridgeClient.Received atEmsp = emsp.await("PUT", "/ocpi/receiver/2.2/sessions/BE/BEC/101");
        assertEquals("byte for byte", session, atEmsp.body());
        assertEquals("BEC", atEmsp.header("ocpi-from-party-id"));

        String cdr = OcnBridgeClient.example("cdr_example.json");
        Http.Answer posted = cpo.request("POST", "cdrs", "RECEIVER", "", emsp.party(), cdr);
        assertEquals(posted.toString(), 1000, posted.statusCode());
        assertEquals("byte for byte", cdr, emsp.await("POST", "/ocpi/receiver/2.2/cdrs").body());
        String location = posted.header("Location");
        assertTrue("a Location at the CPO's node, not the eMSP's URL: " + location,
                location != null && location.startsWith(node2.url() + "/ocpi/receiver/2.2/cdrs/"));
        Http.Answer read = cpo.send("GET", location, emsp.party(), null);
        assertEquals(read.toString(), 1000, read.statusCode());
        assertEquals(json(cdr), read.json().get("data"));
        emsp.await("GET", "/ocpi/receiver/2.2/cdrs/12345");
    }

    /** Each command: the CPO answers ACCEPTED, posts its CommandResult to its node, and the eMSP gets it. */
    @Test
    public void d1CommandsAndTheirAsyncResultsReachTheEmsp() throws Exception {
        String token = OcnBridgeClient.example("token_example_1_app_user.json");
        String[][] commands = {
            {"START_SESSION", "\"token\":" + token + ",\"location_id\":\"LOC1\",\"evse_uid\":\"3256\""},
            {"STOP_SESSION", "\"session_id\":\"101\""},
            {"RESERVE_NOW", "\"token\":" + token + ",\"expiry_date\":\"2030-01-01T12:00:00Z\","
                + "\"reservation_id\":\"R-1\",\"location_id\":\"LOC1\""},
        };
        for (String[] c : commands) {
            String uid = UUID.randomUUID().toString();
            String responseUrl = emsp.base() + "/ocpi/sender/2.2/commands/" + c[0] + "/" + uid;
            String body = "{\"response_url\":\"" + responseUrl + "\"," + c[1] + "}";
            Http.Answer sent = emsp.request("POST", "commands", "RECEIVER", "/" + c[0], cpo.party(), body);
            assertEquals(c[0] + ": " + sent, 1000, sent.statusCode());
            assertEquals(c[0], "ACCEPTED", sent.json().at("/data/result").asText());

            OcnBridgeClient.Received atCpo = cpo.await("POST", "/ocpi/receiver/2.2/commands/" + c[0]);
            String rewritten = json(atCpo.body()).get("response_url").asText();
            assertTrue(c[0] + ": the CPO posts its result to its own node: " + rewritten,
                    rewritten.startsWith(node2.url() + "/ocpi/sender/2.2/commands/" + c[0] + "/"));
            assertEquals(c[0] + ": only the response_url changed", body.replace(responseUrl, rewritten), atCpo.body());

            OcnBridgeClient.Received result = emsp.await("POST", "/ocpi/sender/2.2/commands/" + c[0] + "/" + uid);
            assertEquals("{\"result\":\"ACCEPTED\"}", result.body());
            assertEquals("BEC", result.header("ocpi-from-party-id"));
            Http.Answer resultAnswer = cpo.awaitResultAnswer();
            assertEquals(c[0] + ": the node's answer to the CPO's result: " + resultAnswer, 1000,
                    resultAnswer.statusCode());
        }
    }

    /**
     * Each client reads hubclientinfo at its node: its own entry and the other node's party. A party of another
     * node arrives by a report between the nodes, after it registered: the client reads the list again, as a
     * client polling hubclientinfo does, for up to 30 s.
     */
    @Test
    public void e1HubClientInfoListsBothClientsAtBothNodes() throws Exception {
        for (OcnBridgeClient client : List.of(emsp, cpo)) {
            String list = "";
            long deadline = System.currentTimeMillis() + 30_000;
            while (true) {
                Http.Answer a = Http.get(client.endpoint("hubclientinfo", "SENDER"), "Token " + client.tokenC());
                assertEquals(a.toString(), 1000, a.statusCode());
                StringBuilder shown = new StringBuilder();
                a.json().get("data").forEach(i -> shown.append(i.path("country_code").asText()).append('/')
                        .append(i.path("party_id").asText()).append(' ').append(i.path("role").asText()).append(' ')
                        .append(i.path("status").asText()).append('\n'));
                list = shown.toString();
                boolean complete = list.contains("DE/TNM EMSP CONNECTED\n") && list.contains("BE/BEC CPO CONNECTED\n");
                if (complete || System.currentTimeMillis() > deadline) {
                    break;
                }
                Thread.sleep(250);
            }
            assertTrue(client.party() + " sees:\n" + list, list.contains("DE/TNM EMSP CONNECTED\n"));
            assertTrue(client.party() + " sees:\n" + list, list.contains("BE/BEC CPO CONNECTED\n"));
        }
    }
}
