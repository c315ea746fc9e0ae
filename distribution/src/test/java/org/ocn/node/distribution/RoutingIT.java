package org.ocn.node.distribution;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Routing through the built distribution, started by {@code bin/ocn-node}, between independent mock platforms: a CPO
 * and an eMSP on OCPI 2.2.1 and an eMSP on 2.2. Every module and interface in both directions, pagination, the
 * {@code Location} and {@code response_url} proxies, custom modules, hubclientinfo, and every error the router
 * answers itself.
 */
public class RoutingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long ROUTER_TIMEOUT_MS = 2000;

    private static NodeProcess node;
    private static MockPlatform cpo;
    private static MockPlatform emsp;
    private static MockPlatform two;
    private static String cpoC;
    private static String emspC;
    private static String twoC;

    @BeforeClass
    public static void start() throws Exception {
        Path home = NodeProcess.unpack("routing");
        // a short forwarding timeout, so that the 4002 test is quick
        Path routerCfg = home.resolve("etc/ocn.router.cfg");
        Files.writeString(routerCfg, Files.readString(routerCfg)
                .replace("requestTimeoutMs = 30000", "requestTimeoutMs = " + ROUTER_TIMEOUT_MS));
        node = NodeProcess.in(home, home.resolve("data")).start();

        cpo = new MockPlatform("2.2.1", List.of(
                MockPlatform.endpoint("locations", "SENDER"), MockPlatform.endpoint("sessions", "SENDER"),
                MockPlatform.endpoint("cdrs", "SENDER"), MockPlatform.endpoint("tariffs", "SENDER"),
                MockPlatform.endpoint("tokens", "RECEIVER"), MockPlatform.endpoint("commands", "RECEIVER"),
                MockPlatform.endpoint("chargingprofiles", "RECEIVER"), MockPlatform.endpoint("hubclientinfo", "RECEIVER"),
                MockPlatform.endpoint("my-module", "RECEIVER")));
        emsp = new MockPlatform("2.2.1", List.of(
                MockPlatform.endpoint("locations", "RECEIVER"), MockPlatform.endpoint("sessions", "RECEIVER"),
                MockPlatform.endpoint("cdrs", "RECEIVER"), MockPlatform.endpoint("tariffs", "RECEIVER"),
                MockPlatform.endpoint("tokens", "SENDER"), MockPlatform.endpoint("commands", "SENDER"),
                MockPlatform.endpoint("chargingprofiles", "SENDER"), MockPlatform.endpoint("hubclientinfo", "RECEIVER")));
        two = new MockPlatform("2.2", List.of(
                MockPlatform.endpoint("locations", "RECEIVER"), MockPlatform.endpoint("sessions", "RECEIVER"),
                MockPlatform.endpoint("cdrs", "RECEIVER"), MockPlatform.endpoint("tokens", "SENDER"),
                MockPlatform.endpoint("hubclientinfo", "RECEIVER")));
        cpoC = register(cpo, "2.2.1", "CPO", "CH/CPO");
        emspC = register(emsp, "2.2.1", "EMSP", "DE/MSP");
        twoC = register(two, "2.2", "EMSP", "NL/TWO");
    }

    @AfterClass
    public static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {cpo, emsp, two, node}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static String register(MockPlatform platform, String version, String role, String party) {
        String tokenA = Registration.tokenA(node, party);
        Http.Answer a = Http.send("POST", node.url() + "/ocpi/" + version + "/credentials", "Token " + tokenA,
                Registration.credentials(platform.tokenB(), platform.versionsUrl(), role, party));
        assertEquals(a.toString(), 1000, a.statusCode());
        return a.json().at("/data/token").asText();
    }

    /** A routed request as a party sends it. */
    private static Http.Answer call(String tokenC, String method, String path, String from, String to, String body,
                                    String correlationId) {
        return Http.routed(method, node.url() + path, tokenC, from, to, body, correlationId, Map.of());
    }

    private static Http.Answer call(String tokenC, String method, String path, String from, String to, String body) {
        return call(tokenC, method, path, from, to, body, "corr-" + UUID.randomUUID());
    }

    private static void assertForwarded(MockPlatform platform, MockPlatform.Received r, Http.Answer sent, String correlation) {
        assertEquals(platform.expectedAuthorization(), r.header("authorization"));
        assertNotNull(r.header("x-request-id"));
        assertNotEquals("a new X-Request-ID towards the recipient", sent.header("X-Request-ID"), r.header("x-request-id"));
        assertEquals(correlation, r.header("x-correlation-id"));
    }

    /** Each test sees only the requests it caused, and default answers. */
    @org.junit.Before
    public void clearRecords() {
        for (MockPlatform p : List.of(cpo, emsp, two)) {
            p.clear();
            p.respond(r -> MockPlatform.Answer.ok("null"));
        }
    }

    // ------------------------------------------------------------------------------------------ locations

    @Test
    public void locationListsArePaginatedThroughNodeLinksThatOnlyTheAskerMayFollow() throws Exception {
        String page1 = MockPlatform.envelope(1000, "[{\"id\":\"LOC1\"},{\"id\":\"LOC2\"}]");
        cpo.respond(r -> r.query() != null && r.query().contains("offset=2")
                ? MockPlatform.Answer.ok("[{\"id\":\"LOC3\"}]").withHeader("X-Total-Count", "3").withHeader("X-Limit", "2")
                : new MockPlatform.Answer(200, Map.of("Link", "<" + cpo.endpointUrl("locations", "SENDER")
                        + "?offset=2&limit=2>; rel=\"next\"", "X-Total-Count", "3", "X-Limit", "2"), page1, 0));
        String correlation = "corr-" + UUID.randomUUID();
        Http.Answer first = call(emspC, "GET", "/ocpi/sender/2.2.1/locations?limit=2&date_from=2026-01-01T00:00:00Z",
                "DE/MSP", "CH/CPO", null, correlation);
        MockPlatform.Received atCpo = cpo.await("GET", "/ocpi/2.2.1/locations/sender");
        assertEquals("/ocpi/2.2.1/locations/sender", atCpo.path());
        assertEquals("limit=2&date_from=2026-01-01T00:00:00Z", atCpo.query());
        assertForwarded(cpo, atCpo, first, correlation);
        assertEquals("DE", atCpo.header("ocpi-from-country-code"));
        assertEquals("MSP", atCpo.header("ocpi-from-party-id"));
        assertEquals("CH", atCpo.header("ocpi-to-country-code"));
        assertEquals("CPO", atCpo.header("ocpi-to-party-id"));

        assertEquals(200, first.status());
        assertEquals("body byte for byte", page1, first.body());
        assertEquals("the sender's own request id back", first.response().request().headers()
                .firstValue("X-Request-ID").orElseThrow(), first.header("X-Request-ID"));
        assertEquals(correlation, first.header("X-Correlation-ID"));
        assertEquals("3", first.header("X-Total-Count"));
        assertEquals("2", first.header("X-Limit"));
        String link = first.header("Link");
        Matcher m = Pattern.compile("<(" + Pattern.quote(node.url()) + "/ocpi/sender/2\\.2\\.1/locations/page/[0-9a-f-]{36})>; rel=\"next\"").matcher(link);
        assertTrue(link, m.matches());
        String next = m.group(1).substring(node.url().length());

        for (int i = 0; i < 2; i++) {
            Http.Answer second = call(emspC, "GET", next, "DE/MSP", "CH/CPO", null);
            assertEquals(second.toString(), 1000, second.statusCode());
            assertEquals("LOC3", second.json().at("/data/0/id").asText());
            assertNull("the last page has no next link", second.header("Link"));
            MockPlatform.Received followed = cpo.await("GET", "/ocpi/2.2.1/locations/sender");
            assertEquals("offset=2&limit=2", followed.query());
        }
        // another party cannot use the link
        Http.Answer stranger = call(twoC, "GET", next.replace("2.2.1", "2.2"), "NL/TWO", "CH/CPO", null);
        assertEquals(404, stranger.status());
        assertEquals(2003, stranger.statusCode());
    }

    @Test
    public void singleLocationsAndPushesPassUnchangedBetweenVersions() throws Exception {
        cpo.respond(r -> MockPlatform.Answer.ok("{\"uid\":\"EVSE1\"}"));
        Http.Answer evse = call(emspC, "GET", "/ocpi/sender/2.2.1/locations/LOC1/EVSE1", "DE/MSP", "CH/CPO", null);
        assertEquals("EVSE1", evse.json().at("/data/uid").asText());
        assertEquals("/ocpi/2.2.1/locations/sender/LOC1/EVSE1", cpo.await("GET", "/ocpi/2.2.1/locations/sender/LOC1").path());

        // odd spacing, key order, unknown fields and number forms survive
        String location = "{ \"country_code\":\"CH\",  \"party_id\":\"CPO\",\"id\":\"LOC1\",\"x-unknown\":{\"a\":[1,2.50,1e3]},"
                + "\"coordinates\":{\"latitude\":\"47.37000\",\"longitude\":\"8.54000\"},\"last_updated\":\"2026-01-01T00:00:00Z\"}";
        emsp.respond(r -> MockPlatform.Answer.ok("null"));
        two.respond(r -> MockPlatform.Answer.ok("null"));
        Http.Answer put = call(cpoC, "PUT", "/ocpi/receiver/2.2.1/locations/CH/CPO/LOC1", "CH/CPO", "DE/MSP", location);
        assertEquals(put.toString(), 1000, put.statusCode());
        MockPlatform.Received atEmsp = emsp.await("PUT", "/ocpi/2.2.1/locations/receiver/CH/CPO/LOC1");
        assertArrayEquals(location.getBytes(StandardCharsets.UTF_8), atEmsp.body());
        assertEquals(emsp.expectedAuthorization(), atEmsp.header("authorization"));

        // the 2.2.1 CPO pushes to the 2.2 party through the 2.2.1 interface: plain token B, body unchanged
        Http.Answer patch = call(cpoC, "PATCH", "/ocpi/receiver/2.2.1/locations/CH/CPO/LOC1/EVSE1", "CH/CPO", "NL/TWO",
                "{\"status\":\"CHARGING\",\"last_updated\":\"2026-01-01T00:00:01Z\"}");
        assertEquals(patch.toString(), 1000, patch.statusCode());
        MockPlatform.Received atTwo = two.await("PATCH", "/ocpi/2.2/locations/receiver/CH/CPO/LOC1/EVSE1");
        assertEquals("Token " + two.tokenB(), atTwo.header("authorization"));
        assertEquals("{\"status\":\"CHARGING\",\"last_updated\":\"2026-01-01T00:00:01Z\"}", atTwo.text());

        // and the 2.2 party reads the 2.2.1 CPO's locations through the node's 2.2 interface
        cpo.respond(r -> MockPlatform.Answer.ok("[]"));
        Http.Answer list = Http.send("GET", node.url() + "/ocpi/sender/2.2/locations", "Token " + twoC, null,
                headers("NL/TWO", "CH/CPO"));
        assertEquals(list.toString(), 1000, list.statusCode());
        MockPlatform.Received atCpo = cpo.await("GET", "/ocpi/2.2.1/locations/sender");
        assertEquals(cpo.expectedAuthorization(), atCpo.header("authorization"));
    }

    private static Map<String, String> headers(String from, String to) {
        return Map.of("X-Request-ID", "r-" + UUID.randomUUID(), "X-Correlation-ID", "c-" + UUID.randomUUID(),
                "OCPI-from-country-code", from.split("/")[0], "OCPI-from-party-id", from.split("/")[1],
                "OCPI-to-country-code", to.split("/")[0], "OCPI-to-party-id", to.split("/")[1]);
    }

    // ------------------------------------------------------------------------------------------ sessions, tariffs, tokens

    @Test
    public void sessionsTariffsAndTokensInBothDirections() throws Exception {
        emsp.respond(r -> MockPlatform.Answer.ok("null"));
        cpo.respond(r -> r.path().endsWith("charging_preferences") ? MockPlatform.Answer.ok("\"ACCEPTED\"")
                : MockPlatform.Answer.ok("[]"));
        String session = "{\"id\":\"S1\",\"kwh\":0.0,\"status\":\"ACTIVE\"}";
        assertEquals(1000, call(cpoC, "PUT", "/ocpi/receiver/2.2.1/sessions/CH/CPO/S1", "CH/CPO", "DE/MSP", session).statusCode());
        assertEquals(session, emsp.await("PUT", "/ocpi/2.2.1/sessions/receiver/CH/CPO/S1").text());
        assertEquals(1000, call(cpoC, "PATCH", "/ocpi/receiver/2.2.1/sessions/CH/CPO/S1", "CH/CPO", "DE/MSP",
                "{\"kwh\":1.5,\"last_updated\":\"2026-01-01T00:00:00Z\"}").statusCode());
        emsp.await("PATCH", "/ocpi/2.2.1/sessions/receiver/CH/CPO/S1");

        Http.Answer prefs = call(emspC, "PUT", "/ocpi/sender/2.2.1/sessions/S1/charging_preferences", "DE/MSP", "CH/CPO",
                "{\"profile_type\":\"FAST\"}");
        assertEquals("ACCEPTED", prefs.json().get("data").asText());
        assertEquals("{\"profile_type\":\"FAST\"}", cpo.await("PUT", "/ocpi/2.2.1/sessions/sender/S1/charging_preferences").text());
        assertEquals(1000, call(emspC, "GET", "/ocpi/sender/2.2.1/sessions?date_from=2026-01-01T00:00:00Z", "DE/MSP",
                "CH/CPO", null).statusCode());
        assertEquals("date_from=2026-01-01T00:00:00Z", cpo.await("GET", "/ocpi/2.2.1/sessions/sender").query());

        assertEquals(1000, call(emspC, "GET", "/ocpi/sender/2.2.1/tariffs", "DE/MSP", "CH/CPO", null).statusCode());
        cpo.await("GET", "/ocpi/2.2.1/tariffs/sender");
        assertEquals(1000, call(cpoC, "DELETE", "/ocpi/receiver/2.2.1/tariffs/CH/CPO/T1", "CH/CPO", "DE/MSP", null).statusCode());
        emsp.await("DELETE", "/ocpi/2.2.1/tariffs/receiver/CH/CPO/T1");

        // tokens: the eMSP pushes to the CPO; the CPO authorizes in real time; the eMSP's own 404/2004 is passed back
        cpo.respond(r -> MockPlatform.Answer.ok("null"));
        assertEquals(1000, call(emspC, "PUT", "/ocpi/receiver/2.2.1/tokens/DE/MSP/TOK1?type=RFID", "DE/MSP", "CH/CPO",
                "{\"uid\":\"TOK1\",\"valid\":true}").statusCode());
        assertEquals("type=RFID", cpo.await("PUT", "/ocpi/2.2.1/tokens/receiver/DE/MSP/TOK1").query());
        emsp.respond(r -> r.path().contains("UNKNOWN")
                ? new MockPlatform.Answer(404, Map.of(), "{\"status_code\":2004,\"status_message\":\"Unknown token\",\"timestamp\":\"2026-01-01T00:00:00Z\"}", 0)
                : MockPlatform.Answer.ok("{\"allowed\":\"ALLOWED\"}"));
        Http.Answer allowed = call(cpoC, "POST", "/ocpi/sender/2.2.1/tokens/TOK1/authorize?type=RFID", "CH/CPO", "DE/MSP",
                "{\"location_id\":\"LOC1\"}");
        assertEquals("ALLOWED", allowed.json().at("/data/allowed").asText());
        MockPlatform.Received authorize = emsp.await("POST", "/ocpi/2.2.1/tokens/sender/TOK1/authorize");
        assertEquals("type=RFID", authorize.query());
        assertEquals("{\"location_id\":\"LOC1\"}", authorize.text());
        Http.Answer unknown = call(cpoC, "POST", "/ocpi/sender/2.2.1/tokens/UNKNOWN/authorize", "CH/CPO", "DE/MSP", null);
        assertEquals("the recipient's own status passes unchanged", 404, unknown.status());
        assertEquals(2004, unknown.statusCode());
    }

    // ------------------------------------------------------------------------------------------ cdrs

    @Test
    public void aCdrPostsLocationBecomesANodeUrlServingTheCdr() throws Exception {
        String emspCdrUrl = emsp.base() + "/cdrs/store/CDR-77";
        emsp.respond(r -> r.method().equals("POST") ? MockPlatform.Answer.ok("null").withHeader("Location", emspCdrUrl)
                : MockPlatform.Answer.ok("{\"id\":\"CDR-77\"}"));
        String cdr = "{\"id\":\"CDR-77\",\"total_cost\":{\"excl_vat\":12.3400}}";
        Http.Answer posted = call(cpoC, "POST", "/ocpi/receiver/2.2.1/cdrs", "CH/CPO", "DE/MSP", cdr);
        assertEquals(posted.toString(), 1000, posted.statusCode());
        assertEquals(cdr, emsp.await("POST", "/ocpi/2.2.1/cdrs/receiver").text());
        String location = posted.header("Location");
        assertTrue(location, location.matches(Pattern.quote(node.url()) + "/ocpi/receiver/2\\.2\\.1/cdrs/[0-9a-f-]{36}"));

        Http.Answer fetched = call(cpoC, "GET", location.substring(node.url().length()), "CH/CPO", "DE/MSP", null);
        assertEquals("CDR-77", fetched.json().at("/data/id").asText());
        MockPlatform.Received get = emsp.await("GET", "/cdrs/store/CDR-77");
        assertEquals(emsp.expectedAuthorization(), get.header("authorization"));
        // only the CPO that posted it may use it
        Http.Answer other = call(emspC, "GET", location.substring(node.url().length()), "DE/MSP", "CH/CPO", null);
        assertEquals(404, other.status());
        assertEquals(2003, other.statusCode());
        assertEquals(404, call(cpoC, "GET", "/ocpi/receiver/2.2.1/cdrs/" + UUID.randomUUID(), "CH/CPO", "DE/MSP", null).status());

        assertEquals(1000, call(emspC, "GET", "/ocpi/sender/2.2.1/cdrs?offset=0", "DE/MSP", "CH/CPO", null).statusCode());
        assertEquals("offset=0", cpo.await("GET", "/ocpi/2.2.1/cdrs/sender").query());
    }

    // ------------------------------------------------------------------------------------------ commands

    @Test
    public void startAndStopSessionResultsReachTheEmspsOwnResponseUrl() throws Exception {
        for (String command : List.of("START_SESSION", "STOP_SESSION")) {
            String original = emsp.base() + "/my/results/" + command + "/42";
            cpo.respond(r -> MockPlatform.Answer.ok("{\"result\":\"ACCEPTED\",\"timeout\":30}"));
            emsp.respond(r -> MockPlatform.Answer.ok("null"));
            String body = "{\"response_url\":\"" + original + "\",  \"token\":{\"uid\":\"TOK1\"},\"location_id\":\"LOC1\","
                    + "\"connector_id\":\"1\"}";
            Http.Answer response = call(emspC, "POST", "/ocpi/receiver/2.2.1/commands/" + command, "DE/MSP", "CH/CPO", body);
            assertEquals(response.toString(), "ACCEPTED", response.json().at("/data/result").asText());

            MockPlatform.Received atCpo = cpo.await("POST", "/ocpi/2.2.1/commands/receiver/" + command);
            String rewritten = JSON.readTree(atCpo.body()).get("response_url").asText();
            assertTrue(rewritten, rewritten.matches(Pattern.quote(node.url()) + "/ocpi/sender/2\\.2\\.1/commands/"
                    + command + "/[0-9a-f-]{36}"));
            assertEquals("only the response_url's bytes changed",
                    body.replace(original, rewritten), atCpo.text());

            // the CPO posts the result with a correlation id of its own
            Http.Answer result = call(cpoC, "POST", rewritten.substring(node.url().length()), "CH/CPO", "DE/MSP",
                    "{\"result\":\"ACCEPTED\"}", "cpo-new-correlation");
            assertEquals(result.toString(), 1000, result.statusCode());
            MockPlatform.Received atEmsp = emsp.await("POST", "/my/results/" + command + "/42");
            assertEquals("{\"result\":\"ACCEPTED\"}", atEmsp.text());
            assertEquals(emsp.expectedAuthorization(), atEmsp.header("authorization"));
            assertEquals("cpo-new-correlation", atEmsp.header("x-correlation-id"));
            // nobody else may post to it
            assertEquals(404, call(twoC, "POST", rewritten.substring(node.url().length()).replace("2.2.1", "2.2"),
                    "NL/TWO", "DE/MSP", "{\"result\":\"ACCEPTED\"}").status());
        }
        assertEquals(2001, call(emspC, "POST", "/ocpi/receiver/2.2.1/commands/MAKE_COFFEE", "DE/MSP", "CH/CPO", "{}").statusCode());
    }

    // ------------------------------------------------------------------------------------------ charging profiles

    @Test
    public void chargingProfileRequestsAndTheirAsynchronousResults() throws Exception {
        String original = emsp.base() + "/scsp/results/7";
        cpo.respond(r -> MockPlatform.Answer.ok("{\"result\":\"ACCEPTED\",\"timeout\":30}"));
        emsp.respond(r -> MockPlatform.Answer.ok("null"));
        String set = "{\"charging_profile\":{\"charging_rate_unit\":\"W\"},\"response_url\":\"" + original + "\"}";
        assertEquals(1000, call(emspC, "PUT", "/ocpi/receiver/2.2.1/chargingprofiles/S1", "DE/MSP", "CH/CPO", set).statusCode());
        MockPlatform.Received put = cpo.await("PUT", "/ocpi/2.2.1/chargingprofiles/receiver/S1");
        String rewritten = JSON.readTree(put.body()).get("response_url").asText();
        assertTrue(rewritten, rewritten.startsWith(node.url() + "/ocpi/sender/2.2.1/chargingprofiles/result/"));
        assertEquals(set.replace(original, rewritten), put.text());
        assertEquals(1000, call(cpoC, "POST", rewritten.substring(node.url().length()), "CH/CPO", "DE/MSP",
                "{\"result\":\"ACCEPTED\"}").statusCode());
        assertEquals("{\"result\":\"ACCEPTED\"}", emsp.await("POST", "/scsp/results/7").text());

        // GET and DELETE carry the response_url in the query
        String encoded = java.net.URLEncoder.encode(original + "/get", StandardCharsets.UTF_8);
        assertEquals(1000, call(emspC, "GET", "/ocpi/receiver/2.2.1/chargingprofiles/S1?duration=900&response_url="
                + encoded, "DE/MSP", "CH/CPO", null).statusCode());
        MockPlatform.Received get = cpo.await("GET", "/ocpi/2.2.1/chargingprofiles/receiver/S1");
        assertTrue(get.query(), get.query().startsWith("duration=900&response_url="));
        String queryUrl = URLDecoder.decode(get.query().substring("duration=900&response_url=".length()), StandardCharsets.UTF_8);
        assertTrue(queryUrl, queryUrl.startsWith(node.url() + "/ocpi/sender/2.2.1/chargingprofiles/result/"));
        assertEquals(1000, call(cpoC, "POST", queryUrl.substring(node.url().length()), "CH/CPO", "DE/MSP",
                "{\"result\":\"ACCEPTED\",\"profile\":{}}").statusCode());
        emsp.await("POST", "/scsp/results/7/get");

        assertEquals(1000, call(emspC, "DELETE", "/ocpi/receiver/2.2.1/chargingprofiles/S1?response_url="
                + java.net.URLEncoder.encode(original + "/clear", StandardCharsets.UTF_8), "DE/MSP", "CH/CPO", null).statusCode());
        String clear = URLDecoder.decode(cpo.await("DELETE", "/ocpi/2.2.1/chargingprofiles/receiver/S1").query()
                .substring("response_url=".length()), StandardCharsets.UTF_8);
        assertEquals(1000, call(cpoC, "POST", clear.substring(node.url().length()), "CH/CPO", "DE/MSP",
                "{\"result\":\"ACCEPTED\"}").statusCode());
        emsp.await("POST", "/scsp/results/7/clear");

        // the CPO pushes the active profile to the eMSP's Sender interface
        assertEquals(1000, call(cpoC, "PUT", "/ocpi/sender/2.2.1/chargingprofiles/S1", "CH/CPO", "DE/MSP",
                "{\"start_date_time\":\"2026-01-01T00:00:00Z\",\"charging_profile\":{\"charging_rate_unit\":\"A\"}}").statusCode());
        emsp.await("PUT", "/ocpi/2.2.1/chargingprofiles/sender/S1");
    }

    // ------------------------------------------------------------------------------------------ custom modules

    @Test
    public void customModulesKeepSubPathQueryAndBody() throws Exception {
        cpo.respond(r -> MockPlatform.Answer.ok("{\"echo\":true}"));
        Http.Answer a = call(emspC, "POST", "/ocpi/custom/receiver/my-module/sub/path?x=1&y=%20z", "DE/MSP", "CH/CPO",
                "[\"any\", {\"json\": 1}]");
        assertEquals(a.toString(), 1000, a.statusCode());
        MockPlatform.Received r = cpo.await("POST", "/ocpi/2.2.1/my-module/receiver/sub/path");
        assertEquals("x=1&y=%20z", r.query());
        assertEquals("[\"any\", {\"json\": 1}]", r.text());
        Http.Answer delete = call(emspC, "DELETE", "/ocpi/custom/receiver/my-module/things/9", "DE/MSP", "CH/CPO", null);
        assertEquals(1000, delete.statusCode());
        cpo.await("DELETE", "/ocpi/2.2.1/my-module/receiver/things/9");
        // a custom module the recipient does not offer
        Http.Answer missing = call(emspC, "GET", "/ocpi/custom/sender/other-module", "DE/MSP", "CH/CPO", null);
        assertEquals(2001, missing.statusCode());
        assertTrue(missing.message(), missing.message().contains("other-module"));
    }

    // ------------------------------------------------------------------------------------------ hubclientinfo

    @Test
    public void hubClientInfoListsPartiesAndPushesChanges() throws Exception {
        // a party connects and leaves: every other party with a hubclientinfo receiver hears CONNECTED, then SUSPENDED
        MockPlatform bye = new MockPlatform("2.2.1", List.of());
        try {
            String byeC = register(bye, "2.2.1", "CPO", "NL/BYE");
            MockPlatform.Received toCpo = cpo.await("PUT", "/ocpi/2.2.1/hubclientinfo/receiver/NL/BYE");
            JsonNode info = JSON.readTree(toCpo.body());
            assertEquals("CONNECTED", info.get("status").asText());
            assertEquals("CPO", info.get("role").asText());
            assertEquals("NL", info.get("country_code").asText());
            assertEquals("BYE", info.get("party_id").asText());
            assertTrue(info.get("last_updated").asText().endsWith("Z"));
            assertEquals(cpo.expectedAuthorization(), toCpo.header("authorization"));
            assertNull("no routing headers on configuration modules", toCpo.header("ocpi-to-party-id"));
            emsp.await("PUT", "/ocpi/2.2.1/hubclientinfo/receiver/NL/BYE");
            MockPlatform.Received toTwo = two.await("PUT", "/ocpi/2.2/hubclientinfo/receiver/NL/BYE");
            assertEquals("CONNECTED", JSON.readTree(toTwo.body()).get("status").asText());
            assertEquals("a 2.2 party gets the plain token", "Token " + two.tokenB(), toTwo.header("authorization"));
            assertEquals(1000, Http.send("DELETE", node.url() + "/ocpi/2.2.1/credentials", "Token " + Http.base64(byeC), null)
                    .statusCode());
            assertEquals("SUSPENDED", JSON.readTree(cpo.await(r -> r.path().equals("/ocpi/2.2.1/hubclientinfo/receiver/NL/BYE")
                    && r.text().contains("SUSPENDED")).body()).get("status").asText());
        } finally {
            bye.close();
        }

        // the list, paginated; routing headers accepted but not required
        Http.Answer all = Http.get(node.url() + "/ocpi/2.2.1/hubclientinfo", "Token " + Http.base64(emspC));
        assertEquals(all.toString(), 1000, all.statusCode());
        List<String> parties = new ArrayList<>();
        all.json().get("data").forEach(i -> parties.add(i.get("country_code").asText() + "/" + i.get("party_id").asText()
                + " " + i.get("status").asText()));
        assertTrue(parties.toString(), parties.containsAll(List.of("CH/CPO CONNECTED", "DE/MSP CONNECTED",
                "NL/TWO CONNECTED", "NL/BYE SUSPENDED")));
        assertEquals(String.valueOf(parties.size()), all.header("X-Total-Count"));
        Http.Answer page = Http.send("GET", node.url() + "/ocpi/2.2/hubclientinfo?limit=2", "Token " + twoC, null,
                headers("NL/TWO", "CH/OCN"));
        assertEquals(2, page.json().get("data").size());
        assertEquals("100", page.header("X-Limit"));
        String link = page.header("Link");
        assertTrue(link, link.startsWith("<" + node.url() + "/ocpi/2.2/hubclientinfo?offset=2&limit=2>"));
        // following the links gives every party once, in the same order
        List<String> paged = new ArrayList<>();
        page.json().get("data").forEach(i -> paged.add(i.get("country_code").asText() + "/" + i.get("party_id").asText()
                + " " + i.get("status").asText()));
        while (page.header("Link") != null) {
            String l = page.header("Link");
            page = Http.get(l.substring(1, l.indexOf('>')), "Token " + twoC);
            assertEquals(1000, page.statusCode());
            page.json().get("data").forEach(i -> paged.add(i.get("country_code").asText() + "/"
                    + i.get("party_id").asText() + " " + i.get("status").asText()));
        }
        assertEquals(parties, paged);
        assertEquals(2001, Http.get(node.url() + "/ocpi/2.2.1/hubclientinfo?date_from=yesterday",
                "Token " + Http.base64(emspC)).statusCode());
        assertEquals(401, Http.get(node.url() + "/ocpi/2.2.1/hubclientinfo", null).status());
    }

    // ------------------------------------------------------------------------------------------ errors

    /** The recipient's OcnRules: whitelist, blacklist, signatures required; the sender's own rules do not count. */
    @Test
    public void theRecipientsOcnRulesDecideWhoReachesIt() throws Exception {
        String rules = node.url() + "/ocpi/receiver/2.2.1/ocnrules";
        String cpoAuth = "Token " + Http.base64(cpoC);
        cpo.respond(r -> MockPlatform.Answer.ok("[]"));
        try {
            assertEquals(1000, Http.send("PUT", rules + "/whitelist", cpoAuth,
                    "[{\"country_code\":\"DE\",\"party_id\":\"MSP\",\"modules\":[\"locations\"]}]").statusCode());
            assertEquals(1000, call(emspC, "GET", "/ocpi/sender/2.2.1/locations", "DE/MSP", "CH/CPO", null).statusCode());
            cpo.await("GET", "/ocpi/2.2.1/locations/sender");
            Http.Answer notListedModule = call(emspC, "GET", "/ocpi/sender/2.2.1/tariffs", "DE/MSP", "CH/CPO", null);
            assertEquals(200, notListedModule.status());
            assertEquals(notListedModule.toString(), 2000, notListedModule.statusCode());
            assertTrue(notListedModule.message(), notListedModule.message().contains("DE/MSP"));
            Http.Answer notListedParty = call(twoC, "GET", "/ocpi/sender/2.2.1/locations", "NL/TWO", "CH/CPO", null);
            assertEquals(notListedParty.toString(), 2000, notListedParty.statusCode());
            String seen = Http.get(node.url() + "/ocpi/2.2.1/hubclientinfo", cpoAuth).body();
            assertTrue("the whitelist also decides whom the CPO hears of: " + seen,
                    seen.contains("\"party_id\":\"MSP\"") && !seen.contains("\"party_id\":\"TWO\""));

            assertEquals(1000, Http.send("PUT", rules + "/whitelist", cpoAuth, "[]").statusCode());
            assertEquals(1000, Http.send("PUT", rules + "/blacklist", cpoAuth,
                    "[{\"country_code\":\"DE\",\"party_id\":\"MSP\",\"modules\":[\"tariffs\"]}]").statusCode());
            assertEquals(2000, call(emspC, "GET", "/ocpi/sender/2.2.1/tariffs", "DE/MSP", "CH/CPO", null).statusCode());
            assertEquals(1000, call(emspC, "GET", "/ocpi/sender/2.2.1/locations", "DE/MSP", "CH/CPO", null).statusCode());
            cpo.await("GET", "/ocpi/2.2.1/locations/sender");
            assertEquals(1000, call(twoC, "GET", "/ocpi/sender/2.2.1/tariffs", "NL/TWO", "CH/CPO", null).statusCode());
            cpo.await("GET", "/ocpi/2.2.1/tariffs/sender");
            assertEquals(1000, Http.send("PUT", rules + "/blacklist", cpoAuth, "[]").statusCode());

            assertEquals(1000, Http.send("PUT", rules + "/signatures", cpoAuth, "true").statusCode());
            Http.Answer unsigned = call(emspC, "GET", "/ocpi/sender/2.2.1/locations", "DE/MSP", "CH/CPO", null);
            assertEquals(unsigned.toString(), 2001, unsigned.statusCode());
            assertTrue(unsigned.message(), unsigned.message().contains("OCN-Signature"));
            String correlation = "corr-signed";
            Http.Answer signed = Http.routed("GET", node.url() + "/ocpi/sender/2.2.1/locations", emspC, "DE/MSP",
                    "CH/CPO", null, correlation, Map.of("OCN-Signature", Notarized.request(correlation, "DE/MSP",
                            "CH/CPO", null, null, "0x" + "11".repeat(32))));
            assertEquals("in local mode a signature is checked for integrity", 1000, signed.statusCode());
            assertTrue(cpo.await("GET", "/ocpi/2.2.1/locations/sender").header("ocn-signature") != null);
            // the rules are the recipient's: the CPO's rules do not concern messages to the eMSP
            emsp.respond(r -> MockPlatform.Answer.ok("null"));
            assertEquals(1000, call(cpoC, "PUT", "/ocpi/receiver/2.2.1/tariffs/CH/CPO/T9", "CH/CPO", "DE/MSP", "{}").statusCode());
            emsp.await("PUT", "/ocpi/2.2.1/tariffs/receiver/CH/CPO/T9");
        } finally {
            Http.send("PUT", rules + "/whitelist", cpoAuth, "[]");
            Http.send("PUT", rules + "/blacklist", cpoAuth, "[]");
            Http.send("PUT", rules + "/signatures", cpoAuth, "false");
        }
        assertEquals(1000, call(emspC, "GET", "/ocpi/sender/2.2.1/tariffs", "DE/MSP", "CH/CPO", null).statusCode());
        cpo.await("GET", "/ocpi/2.2.1/tariffs/sender");
    }

    @Test
    public void theRoutersOwnErrors() throws Exception {
        String path = "/ocpi/sender/2.2.1/locations";
        Http.Answer noToken = Http.send("GET", node.url() + path, null, null, headers("DE/MSP", "CH/CPO"));
        assertEquals(401, noToken.status());
        assertEquals(2000, noToken.statusCode());
        assertEquals(401, Http.send("GET", node.url() + path, "Token wrong", null, headers("DE/MSP", "CH/CPO")).status());
        String tokenA = Registration.tokenA(node, "DE/AAA");
        assertEquals("token A is for versions and credentials only", 401,
                Http.send("GET", node.url() + path, "Token " + tokenA, null, headers("DE/MSP", "CH/CPO")).status());

        Map<String, String> noRequestId = new LinkedHashMap<>(headers("DE/MSP", "CH/CPO"));
        noRequestId.remove("X-Request-ID");
        Http.Answer missing = Http.send("GET", node.url() + path, "Token " + Http.base64(emspC), null, noRequestId);
        assertEquals(200, missing.status());
        assertEquals(2001, missing.statusCode());
        assertTrue(missing.message(), missing.message().contains("X-Request-ID"));
        Map<String, String> badCountry = new LinkedHashMap<>(headers("DE/MSP", "CH/CPO"));
        badCountry.put("OCPI-from-country-code", "DEU");
        Http.Answer malformed = Http.send("GET", node.url() + path, "Token " + Http.base64(emspC), null, badCountry);
        assertEquals(2001, malformed.statusCode());
        assertTrue(malformed.message(), malformed.message().contains("DEU"));
        Http.Answer notYours = call(emspC, "GET", path, "CH/CPO", "CH/CPO", null);
        assertEquals(2001, notYours.statusCode());
        assertTrue(notYours.message(), notYours.message().contains("CH/CPO"));

        Http.Answer unknown = call(emspC, "GET", path, "DE/MSP", "XX/ZZZ", null);
        assertEquals(200, unknown.status());
        assertEquals(4001, unknown.statusCode());
        Http.Answer noModule = call(cpoC, "PUT", "/ocpi/receiver/2.2.1/tariffs/CH/CPO/T1", "CH/CPO", "NL/TWO", "{}");
        assertEquals(2001, noModule.statusCode());
        assertTrue(noModule.message(), noModule.message().contains("tariffs"));
        Http.Answer wrongMethod = call(emspC, "DELETE", path, "DE/MSP", "CH/CPO", null);
        assertEquals(405, wrongMethod.status());
        Http.Answer wrongPath = call(cpoC, "PUT", "/ocpi/receiver/2.2.1/locations/LOC1", "CH/CPO", "DE/MSP", "{}");
        assertEquals(2001, wrongPath.statusCode());
        assertEquals(404, Http.get(node.url() + "/ocpi/sender/2.1.1/locations", "Token " + Http.base64(emspC)).status());

        // the recipient's answer is not JSON: 3000
        cpo.respond(r -> new MockPlatform.Answer(500, Map.of(), "<html>boom</html>", 0));
        Http.Answer notJson = call(emspC, "GET", path, "DE/MSP", "CH/CPO", null);
        assertEquals(200, notJson.status());
        assertEquals(3000, notJson.statusCode());
        // too slow: 4002 after the configured timeout
        cpo.respond(r -> MockPlatform.Answer.ok("[]").delayed(ROUTER_TIMEOUT_MS + 2000));
        long t0 = System.nanoTime();
        Http.Answer slow = call(emspC, "GET", path, "DE/MSP", "CH/CPO", null);
        long took = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(slow.toString(), 4002, slow.statusCode());
        assertTrue("answered after the timeout, not later: " + took + " ms", took >= ROUTER_TIMEOUT_MS - 100 && took < ROUTER_TIMEOUT_MS + 1500);
        cpo.respond(r -> MockPlatform.Answer.ok("[]"));

        // unreachable: 4003
        MockPlatform gone = new MockPlatform("2.2.1", List.<String[]>of(MockPlatform.endpoint("locations", "SENDER")));
        register(gone, "2.2.1", "CPO", "CH/GON");
        gone.close();
        Http.Answer unreachable = call(emspC, "GET", path, "DE/MSP", "CH/GON", null);
        assertEquals(200, unreachable.status());
        assertEquals(unreachable.toString(), 4003, unreachable.statusCode());
    }

    @Test
    public void aSlowRecipientDoesNotHoldUpOtherParties() throws Exception {
        MockPlatform slowCpo = new MockPlatform("2.2.1", List.<String[]>of(MockPlatform.endpoint("locations", "SENDER")));
        try {
            register(slowCpo, "2.2.1", "CPO", "CH/SLO");
            slowCpo.respond(r -> MockPlatform.Answer.ok("[]").delayed(ROUTER_TIMEOUT_MS - 500));
            cpo.respond(r -> MockPlatform.Answer.ok("[]"));
            List<CompletableFuture<Http.Answer>> slow = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                slow.add(CompletableFuture.supplyAsync(() -> call(emspC, "GET", "/ocpi/sender/2.2.1/locations", "DE/MSP", "CH/SLO", null)));
            }
            Thread.sleep(200);
            long t0 = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                assertEquals(1000, call(emspC, "GET", "/ocpi/sender/2.2.1/locations", "DE/MSP", "CH/CPO", null).statusCode());
            }
            long fast = (System.nanoTime() - t0) / 1_000_000;
            assertTrue("20 requests to a fast party took " + fast + " ms while 8 waited on a slow one", fast < ROUTER_TIMEOUT_MS - 600);
            assertFalse("the slow ones were still under way", slow.stream().allMatch(CompletableFuture::isDone));
            for (CompletableFuture<Http.Answer> f : slow) {
                assertEquals(1000, f.get().statusCode());
            }
        } finally {
            slowCpo.close();
        }
    }
}
