package org.ocn.node.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The ocnrules module of the built distribution, started by {@code bin/ocn-node}, driven over HTTP by registered
 * mock platforms: every endpoint, every error, rules kept per platform, advertised where they are served, dropped when
 * the platform leaves, and kept across a restart. (Enforcement on routed messages is the router's, through the
 * {@code OcnRules} service; the service itself is tested in the bundle and in {@code KarafDistributionIT}.)
 */
public class OcnRulesIT {

    private static final String NONE = "{\"signatures\":false,\"whitelist\":{\"active\":false,\"list\":[]},"
            + "\"blacklist\":{\"active\":false,\"list\":[]}}";

    private static NodeProcess node;
    private static final List<MockPlatform> platforms = new ArrayList<>();

    @BeforeClass
    public static void start() throws Exception {
        java.nio.file.Path home = NodeProcess.unpack("ocnrules");
        node = NodeProcess.in(home, home.resolve("data")).start();
    }

    @AfterClass
    public static void stop() throws Exception {
        platforms.forEach(MockPlatform::close);
        if (node != null) {
            node.close();
        }
    }

    /** A platform registered for this test only, so that each test starts without rules; returns its token C. */
    private static String registerPlatform(String version, String role, String party) throws Exception {
        MockPlatform platform = new MockPlatform(version, List.<String[]>of(MockPlatform.endpoint("locations", "RECEIVER")));
        platforms.add(platform);
        String tokenA = Registration.tokenA(node, party);
        Http.Answer a = Http.send("POST", node.url() + "/ocpi/" + version + "/credentials", "Token " + tokenA,
                Registration.credentials(platform.tokenB(), platform.versionsUrl(), role, party));
        assertEquals(a.toString(), 1000, a.statusCode());
        return a.json().at("/data/token").asText();
    }

    /** A request to the ocnrules module of OCPI 2.2.1 with a token C (Base64, as a 2.2.1 party sends it). */
    private static Http.Answer rules(String tokenC, String method, String subPath, String body) {
        return Http.send(method, node.url() + "/ocpi/receiver/2.2.1/ocnrules" + subPath, "Token " + Http.base64(tokenC),
                body);
    }

    private static JsonNode ok(Http.Answer a) {
        assertEquals(a.toString(), 200, a.status());
        assertEquals(a.toString(), 1000, a.statusCode());
        assertNotNull(a.toString(), a.json().get("timestamp"));
        return a.json().get("data");
    }

    private static void assertRefused(Http.Answer a, int http, int code, String messageStart) {
        assertEquals(a.toString(), http, a.status());
        assertEquals(a.toString(), code, a.statusCode());
        assertTrue(a.toString(), a.message().startsWith(messageStart));
        assertEquals("application/json", a.header("Content-Type").replaceAll(";.*", ""));
    }

    private static String entry(String party, String... modules) {
        return "{\"country_code\":\"" + party.split("/")[0] + "\",\"party_id\":\"" + party.split("/")[1]
                + "\",\"modules\":[\"" + String.join("\",\"", modules) + "\"]}";
    }

    // ---------------------------------------------------------------------------------------- advertised and served

    @Test
    public void versionDetailsListOcnRulesAtUrlsThatAnswer() throws Exception {
        String tokenC = registerPlatform("2.2.1", "CPO", "CH/ADV");
        for (String version : List.of("2.2.1", "2.2")) {
            Http.Answer details = Http.get(node.url() + "/ocpi/" + version, "Token " + Http.base64(tokenC));
            List<JsonNode> listed = new ArrayList<>();
            ok(details).get("endpoints").forEach(e -> {
                if (e.get("identifier").asText().equals("ocnrules")) {
                    listed.add(e);
                }
            });
            assertEquals(details.body(), 1, listed.size());
            assertEquals("RECEIVER", listed.get(0).get("role").asText());
            String url = listed.get(0).get("url").asText();
            assertEquals(node.url() + "/ocpi/receiver/" + version + "/ocnrules", url);
            assertEquals(NONE, ok(Http.get(url, "Token " + Http.base64(tokenC))).toString());
        }
    }

    @Test
    public void aRoutedRequestBesideTheModuleStillReachesTheRouter() throws Exception {
        // the router keeps /ocpi/receiver/*: only .../ocnrules and below are ours
        String tokenC = registerPlatform("2.2.1", "CPO", "CH/RTR");
        Http.Answer routed = Http.routed("GET", node.url() + "/ocpi/receiver/2.2.1/ocnrulesx/1", tokenC, "CH/RTR",
                "CH/RTR", null, "c-" + UUID.randomUUID(), Map.of());
        assertEquals(routed.toString(), 404, routed.status());
        assertTrue(routed.toString(), routed.message().startsWith("No OCPI endpoint at /ocpi/receiver/2.2.1/ocnrulesx/1"));
        Http.Answer locations = Http.routed("GET", node.url() + "/ocpi/receiver/2.2.1/locations/CH/RTR/L1", tokenC,
                "CH/RTR", "DE/NON", null, "c-" + UUID.randomUUID(), Map.of());
        assertEquals("the router answered: unknown recipient", 4001, locations.statusCode());
    }

    // ---------------------------------------------------------------------------------------- endpoints

    @Test
    public void signaturesToggleOrSetAndBothVersionsServeTheSameRules() throws Exception {
        String tokenC = registerPlatform("2.2", "CPO", "CH/SIG");
        assertEquals(NONE, ok(rules(tokenC, "GET", "", null)).toString());
        assertTrue("no body toggles", ok(rules(tokenC, "PUT", "/signatures", null)).get("signatures").asBoolean());
        // a 2.2 platform's plain token on the 2.2 path: the same rules
        Http.Answer two = Http.get(node.url() + "/ocpi/receiver/2.2/ocnrules", "Token " + tokenC);
        assertTrue(ok(two).get("signatures").asBoolean());
        assertFalse(ok(rules(tokenC, "PUT", "/signatures", null)).get("signatures").asBoolean());
        assertTrue(ok(rules(tokenC, "PUT", "/signatures", "true")).get("signatures").asBoolean());
        assertTrue("true sets, it does not toggle", ok(rules(tokenC, "PUT", "/signatures", "true")).get("signatures").asBoolean());
        assertFalse(ok(Http.send("PUT", node.url() + "/ocpi/receiver/2.2/ocnrules/signatures", "Token " + tokenC, "false"))
                .get("signatures").asBoolean());
        assertFalse(ok(rules(tokenC, "GET", "", null)).get("signatures").asBoolean());
    }

    @Test
    public void whitelistPostPutDeleteAndBlockAll() throws Exception {
        String tokenC = registerPlatform("2.2.1", "CPO", "CH/WHT");
        JsonNode one = ok(rules(tokenC, "POST", "/whitelist", entry("de/msp", "locations", "my-module")));
        assertEquals("{\"active\":true,\"list\":[" + entry("DE/MSP", "locations", "my-module") + "]}",
                one.get("whitelist").toString());
        assertEquals("{\"active\":false,\"list\":[]}", one.get("blacklist").toString());
        ok(rules(tokenC, "POST", "/whitelist", entry("NL/TWO", "cdrs")));
        assertRefused(rules(tokenC, "POST", "/whitelist", entry("DE/MSP", "tariffs")), 200, 2001,
                "DE/MSP is already on the whitelist");
        assertEquals(ok(rules(tokenC, "GET", "", null)).at("/whitelist/list").toString(),
                "[" + entry("DE/MSP", "locations", "my-module") + "," + entry("NL/TWO", "cdrs") + "]");

        JsonNode replaced = ok(rules(tokenC, "PUT", "/whitelist", "[" + entry("FR/ABC", "sessions") + "]"));
        assertEquals("[" + entry("FR/ABC", "sessions") + "]", replaced.at("/whitelist/list").toString());

        JsonNode blocked = ok(rules(tokenC, "PUT", "/block-all", null));
        assertEquals("{\"active\":true,\"list\":[]}", blocked.get("whitelist").toString());
        assertEquals("{\"active\":false,\"list\":[]}", ok(rules(tokenC, "PUT", "/whitelist", "[]")).get("whitelist").toString());

        ok(rules(tokenC, "PUT", "/whitelist", "[" + entry("DE/MSP", "locations") + "," + entry("NL/TWO", "cdrs") + "]"));
        assertEquals("[" + entry("NL/TWO", "cdrs") + "]", ok(rules(tokenC, "DELETE", "/whitelist/de/msp", null))
                .at("/whitelist/list").toString());
        assertRefused(rules(tokenC, "DELETE", "/whitelist/DE/MSP", null), 200, 2001, "DE/MSP is not on the whitelist");
        assertEquals("the last entry gone, the list is off", NONE,
                ok(rules(tokenC, "DELETE", "/whitelist/NL/TWO", null)).toString());
    }

    @Test
    public void blacklistAndTheListsAreNeverActiveTogether() throws Exception {
        String tokenC = registerPlatform("2.2.1", "CPO", "CH/BLK");
        JsonNode black = ok(rules(tokenC, "PUT", "/blacklist", "[" + entry("DE/MSP", "locations") + "]"));
        assertTrue(black.at("/blacklist/active").asBoolean());
        ok(rules(tokenC, "POST", "/blacklist", entry("NL/TWO", "cdrs", "tokens")));
        assertEquals(2, ok(rules(tokenC, "GET", "", null)).at("/blacklist/list").size());

        assertRefused(rules(tokenC, "PUT", "/block-all", null), 200, 2001,
                "Cannot block all senders while the blacklist is active");
        assertRefused(rules(tokenC, "POST", "/whitelist", entry("FR/ABC", "cdrs")), 200, 2001,
                "Cannot add to the whitelist while the blacklist is active");
        assertRefused(rules(tokenC, "PUT", "/whitelist", "[" + entry("FR/ABC", "cdrs") + "]"), 200, 2001,
                "Cannot set the whitelist while the blacklist is active");
        assertEquals("refusals changed nothing", 2, ok(rules(tokenC, "GET", "", null)).at("/blacklist/list").size());

        ok(rules(tokenC, "DELETE", "/blacklist/NL/TWO", null));
        assertEquals(NONE, ok(rules(tokenC, "PUT", "/blacklist", "[]")).toString());
        ok(rules(tokenC, "PUT", "/block-all", null));
        assertRefused(rules(tokenC, "POST", "/blacklist", entry("DE/MSP", "cdrs")), 200, 2001,
                "Cannot add to the blacklist while the whitelist is active");
    }

    @Test
    public void rulesBelongToOnePlatformOnly() throws Exception {
        String first = registerPlatform("2.2.1", "CPO", "CH/ON1");
        String second = registerPlatform("2.2", "EMSP", "DE/ON2");
        ok(rules(first, "POST", "/whitelist", entry("NL/TWO", "cdrs")));
        assertEquals("the same party on another platform's list is no duplicate", 1,
                ok(rules(second, "POST", "/whitelist", entry("NL/TWO", "tokens"))).at("/whitelist/list").size());
        ok(rules(first, "PUT", "/block-all", null));
        assertEquals("block-all blocks for its own platform only", "[" + entry("NL/TWO", "tokens") + "]",
                ok(rules(second, "GET", "", null)).at("/whitelist/list").toString());
        assertEquals(0, ok(rules(first, "GET", "", null)).at("/whitelist/list").size());
    }

    // ---------------------------------------------------------------------------------------- errors

    @Test
    public void badBodiesAndEntries() throws Exception {
        String tokenC = registerPlatform("2.2.1", "CPO", "CH/BAD");
        assertRefused(rules(tokenC, "PUT", "/whitelist", "[{\"country_code\":"), 400, 2001, "the body is not valid JSON");
        assertRefused(rules(tokenC, "POST", "/blacklist", null), 400, 2001, "the body is empty");
        assertRefused(rules(tokenC, "PUT", "/signatures", "maybe"), 400, 2001, "the body is not valid JSON");
        assertRefused(rules(tokenC, "PUT", "/signatures", "{\"signatures\":true}"), 200, 2001, "body: true or false");
        assertRefused(rules(tokenC, "PUT", "/whitelist", entry("DE/MSP", "cdrs")), 200, 2001,
                "body: not a JSON array of entries");
        assertRefused(rules(tokenC, "POST", "/whitelist", "[" + entry("DE/MSP", "cdrs") + "]"), 200, 2001,
                "body: not a JSON object");
        assertRefused(rules(tokenC, "PUT", "/whitelist", "[" + entry("DE/MSP", "cdrs") + ","
                + "{\"country_code\":\"DE\",\"party_id\":\"MSP\",\"modules\":[]}]"), 200, 2001, "[1].modules: empty");
        assertRefused(rules(tokenC, "PUT", "/blacklist", "[{\"country_code\":\"DE\",\"party_id\":\"MSP\",\"modules\":[\"\"]}]"),
                200, 2001, "[0].modules[0]: '' is not a module identifier");
        assertRefused(rules(tokenC, "POST", "/whitelist", entry("DEU/MSP", "cdrs")), 200, 2001,
                "body.country_code: 'DEU' is not 2 letters");
        assertRefused(rules(tokenC, "POST", "/whitelist", entry("DE/M$P", "cdrs")), 200, 2001,
                "body.party_id: 'M$P' is not 3 letters or digits");
        assertRefused(rules(tokenC, "POST", "/whitelist", "{\"country_code\":\"DE\",\"party_id\":\"MSP\"}"), 200, 2001,
                "body.modules: missing");
        assertRefused(rules(tokenC, "PUT", "/whitelist", "[" + entry("DE/MSP", "cdrs") + "," + entry("de/msp", "tokens") + "]"),
                200, 2001, "[1]: DE/MSP is listed twice");
        assertRefused(rules(tokenC, "DELETE", "/blacklist/DE/MSP", null), 200, 2001, "DE/MSP is not on the blacklist");
        assertRefused(rules(tokenC, "DELETE", "/blacklist/D1/MSP", null), 200, 2001, "path.country_code: 'D1' is not 2 letters");
        assertEquals("nothing was stored", NONE, ok(rules(tokenC, "GET", "", null)).toString());
    }

    @Test
    public void wrongMethodsUnknownPathsAndAuthentication() throws Exception {
        String tokenC = registerPlatform("2.2.1", "CPO", "CH/ERR");
        String[][] methods = {{"POST", "", "GET"}, {"DELETE", "", "GET"}, {"GET", "/signatures", "PUT"},
            {"GET", "/block-all", "PUT"}, {"DELETE", "/whitelist", "PUT, POST"}, {"GET", "/blacklist", "PUT, POST"},
            {"POST", "/whitelist/DE/MSP", "DELETE"}};
        for (String[] m : methods) {
            Http.Answer a = rules(tokenC, m[0], m[1], null);
            assertRefused(a, 405, 2000, m[0] + " is not allowed on /ocpi/receiver/2.2.1/ocnrules" + m[1]);
            assertEquals(m[2], a.header("Allow"));
        }
        for (String path : List.of("/greylist", "/whitelist/DE", "/whitelist/DE/MSP/x")) {
            assertRefused(rules(tokenC, "GET", path, null), 404, 2000, "Unknown path /ocpi/receiver/2.2.1/ocnrules" + path);
        }

        assertRefused(Http.get(node.url() + "/ocpi/receiver/2.2.1/ocnrules", null), 401, 2000, "Unknown or missing token");
        assertRefused(rules("not-a-token", "PUT", "/block-all", null), 401, 2000, "Unknown or missing token");
        String tokenA = Registration.tokenA(node, "CH/TKA");
        assertRefused(Http.get(node.url() + "/ocpi/receiver/2.2.1/ocnrules", "Token " + tokenA), 401, 2000,
                "Unknown or missing token");
        assertRefused(Http.get(node.url() + "/ocpi/receiver/2.2/ocnrules/nothing", null), 401, 2000,
                "Unknown or missing token");

        // routing headers are accepted, not required; the request ids are echoed
        Http.Answer routed = Http.routed("PUT", node.url() + "/ocpi/receiver/2.2.1/ocnrules/signatures", tokenC, "CH/ERR",
                "CH/OCN", null, "corr-rules", Map.of());
        assertTrue(ok(routed).get("signatures").asBoolean());
        assertEquals("corr-rules", routed.header("X-Correlation-ID"));
        assertEquals(routed.response().request().headers().firstValue("X-Request-ID").orElseThrow(),
                routed.header("X-Request-ID"));
    }

    // ---------------------------------------------------------------------------------------- lifecycle

    @Test
    public void rulesSurviveARestartAndGoWhenThePlatformLeaves() throws Exception {
        String tokenC = registerPlatform("2.2.1", "CPO", "CH/LIF");
        ok(rules(tokenC, "PUT", "/signatures", "true"));
        ok(rules(tokenC, "POST", "/blacklist", entry("DE/MSP", "locations", "sessions")));
        JsonNode before = ok(rules(tokenC, "GET", "", null));

        node.stop();
        node.start();
        assertEquals(before, ok(rules(tokenC, "GET", "", null)));

        // unregistered: the rules go; the party registers again as a new platform, without rules
        assertEquals(1000, Http.send("DELETE", node.url() + "/ocpi/2.2.1/credentials", "Token " + Http.base64(tokenC), null)
                .statusCode());
        assertRefused(rules(tokenC, "GET", "", null), 401, 2000, "Unknown or missing token");
        String again = registerPlatform("2.2.1", "CPO", "CH/LIF");
        assertEquals(NONE, ok(rules(again, "GET", "", null)).toString());
    }
}
