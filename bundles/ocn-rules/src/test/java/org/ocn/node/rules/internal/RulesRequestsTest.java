package org.ocn.node.rules.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.ocn.node.store.testing.TemporaryDerby;
import org.ocn.node.web.json.OcpiJson;

import com.fasterxml.jackson.databind.JsonNode;

/** Paths, methods and answers of the ocnrules module for one authenticated platform. */
public class RulesRequestsTest {

    @Rule
    public TemporaryDerby derby = new TemporaryDerby();

    private final OcpiJson json = new OcpiJson();
    private RulesRequests requests;

    @Before
    public void setUp() throws Exception {
        requests = new RulesRequests(new RulesBook(derby.dataSource()), json);
    }

    private RulesRequests.Answer call(long platform, String method, String subPath, String body) {
        return requests.handle(platform, method, subPath, body == null ? new byte[0]
                : body.getBytes(StandardCharsets.UTF_8), "/ocpi/receiver/2.2.1/ocnrules" + (subPath == null ? "" : subPath));
    }

    private JsonNode data(RulesRequests.Answer a) {
        assertEquals(a.envelope().statusMessage(), 200, a.httpStatus());
        assertEquals(1000, a.envelope().statusCode());
        return (JsonNode) a.envelope().data();
    }

    private static void assertRefused(RulesRequests.Answer a, int http, int code, String messageStart) {
        assertEquals(a.envelope().statusMessage(), http, a.httpStatus());
        assertEquals(code, a.envelope().statusCode());
        assertTrue(a.envelope().statusMessage(), a.envelope().statusMessage().startsWith(messageStart));
    }

    @Test
    public void getShowsTheRulesAndChangesAnswerWithTheNewRules() {
        assertEquals("{\"signatures\":false,\"whitelist\":{\"active\":false,\"list\":[]},"
                + "\"blacklist\":{\"active\":false,\"list\":[]}}", data(call(1, "GET", null, null)).toString());
        assertEquals(data(call(1, "GET", null, null)), data(call(1, "GET", "/", null)));

        assertTrue(data(call(1, "PUT", "/signatures", null)).get("signatures").asBoolean());
        assertFalse("a blank body toggles too", data(call(1, "PUT", "/signatures", " ")).get("signatures").asBoolean());
        assertTrue(data(call(1, "PUT", "/signatures", "true")).get("signatures").asBoolean());
        assertTrue("setting is idempotent", data(call(1, "PUT", "/signatures", "true")).get("signatures").asBoolean());

        JsonNode white = data(call(1, "POST", "/whitelist", "{\"country_code\":\"de\",\"party_id\":\"msp\",\"modules\":[\"locations\"]}"));
        assertEquals("{\"active\":true,\"list\":[{\"country_code\":\"DE\",\"party_id\":\"MSP\",\"modules\":[\"locations\"]}]}",
                white.get("whitelist").toString());
        assertEquals("another platform's rules are its own", "{\"active\":false,\"list\":[]}",
                data(call(2, "GET", null, null)).get("whitelist").toString());
        assertEquals("the same party on another platform's list is no duplicate", 1000, call(2, "POST", "/whitelist",
                "{\"country_code\":\"DE\",\"party_id\":\"MSP\",\"modules\":[\"cdrs\"]}").envelope().statusCode());

        JsonNode blocked = data(call(1, "PUT", "/block-all", null));
        assertEquals("{\"active\":true,\"list\":[]}", blocked.get("whitelist").toString());
        assertEquals("block-all is this platform's only", 1, data(call(2, "GET", null, null)).at("/whitelist/list").size());

        assertEquals("{\"active\":false,\"list\":[]}", data(call(1, "PUT", "/whitelist", "[]")).get("whitelist").toString());
        JsonNode black = data(call(1, "PUT", "/blacklist", "[{\"country_code\":\"DE\",\"party_id\":\"MSP\",\"modules\":[\"locations\"]},"
                + "{\"country_code\":\"NL\",\"party_id\":\"TWO\",\"modules\":[\"cdrs\",\"tokens\"]}]"));
        assertEquals(2, black.at("/blacklist/list").size());
        assertEquals(1, data(call(1, "DELETE", "/blacklist/nl/two", null)).at("/blacklist/list").size());
        assertEquals("{\"active\":false,\"list\":[]}", data(call(1, "DELETE", "/blacklist/DE/MSP/", null)).get("blacklist").toString());
        assertTrue("the signatures toggle is kept through list changes", data(call(1, "GET", null, null)).get("signatures").asBoolean());
    }

    @Test
    public void invalidRequestsAnswer2001AndBrokenJson400() {
        assertRefused(call(1, "PUT", "/whitelist", "[{\"country_code\":"), 400, 2001, "the body is not valid JSON");
        assertRefused(call(1, "POST", "/blacklist", null), 400, 2001, "the body is empty");
        assertRefused(call(1, "PUT", "/signatures", "yes"), 400, 2001, "the body is not valid JSON");
        assertRefused(call(1, "PUT", "/signatures", "\"yes\""), 200, 2001, "body: true or false");
        assertRefused(call(1, "PUT", "/whitelist", "[{\"country_code\":\"DE\",\"party_id\":\"MSP\",\"modules\":[]}]"),
                200, 2001, "[0].modules: empty");
        assertRefused(call(1, "POST", "/whitelist", "{\"country_code\":\"DE\",\"party_id\":\"MSPX\",\"modules\":[\"cdrs\"]}"),
                200, 2001, "body.party_id: 'MSPX' is not 3 letters or digits");
        assertRefused(call(1, "DELETE", "/whitelist/D/MSP", null), 200, 2001, "path.country_code: 'D' is not 2 letters");
        assertRefused(call(1, "DELETE", "/whitelist/DE/MSP", null), 200, 2001, "DE/MSP is not on the whitelist");

        assertEquals(1000, call(1, "POST", "/blacklist", "{\"country_code\":\"DE\",\"party_id\":\"MSP\",\"modules\":[\"cdrs\"]}")
                .envelope().statusCode());
        assertRefused(call(1, "POST", "/blacklist", "{\"country_code\":\"DE\",\"party_id\":\"MSP\",\"modules\":[\"tokens\"]}"),
                200, 2001, "DE/MSP is already on the blacklist");
        assertRefused(call(1, "PUT", "/block-all", null), 200, 2001, "Cannot block all senders while the blacklist is active");
        assertRefused(call(1, "PUT", "/whitelist", "[]"), 200, 2001, "Cannot set the whitelist while the blacklist is active");
        assertRefused(call(1, "POST", "/whitelist", "{\"country_code\":\"NL\",\"party_id\":\"TWO\",\"modules\":[\"cdrs\"]}"),
                200, 2001, "Cannot add to the whitelist while the blacklist is active");
    }

    @Test
    public void wrongMethods405AndUnknownPaths404() {
        String[][] cases = {{"POST", null, "GET"}, {"DELETE", "/", "GET"}, {"GET", "/signatures", "PUT"},
            {"POST", "/block-all", "PUT"}, {"GET", "/whitelist", "PUT, POST"}, {"DELETE", "/blacklist", "PUT, POST"},
            {"GET", "/whitelist/DE/MSP", "DELETE"}, {"PUT", "/blacklist/DE/MSP", "DELETE"}};
        for (String[] c : cases) {
            RulesRequests.Answer a = call(1, c[0], c[1], null);
            assertEquals(c[0] + " " + c[1], 405, a.httpStatus());
            assertEquals(2000, a.envelope().statusCode());
            assertEquals(c[2], a.allow());
        }
        for (String path : new String[] {"/whitelists", "/whitelist/DE", "/whitelist/DE/MSP/x", "/signatures/true", "/x"}) {
            RulesRequests.Answer a = call(1, "GET", path, null);
            assertEquals(path, 404, a.httpStatus());
            assertEquals(2000, a.envelope().statusCode());
            assertNull(a.allow());
            assertTrue(a.envelope().statusMessage(), a.envelope().statusMessage().startsWith("Unknown path /ocpi/receiver/2.2.1/ocnrules" + path));
        }
    }
}
