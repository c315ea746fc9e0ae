package org.ocn.node.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** A mock party's platform on its own, called as the node calls it. */
public class MockPartyTest {

    private final HttpCalls http = new HttpCalls();
    private MockParty party;

    @Before
    public void start() {
        party = new MockParty("http://127.0.0.1:1", http, "DE/CPO", PartyRole.CPO, "2.2.1",
                List.of(Endpoint.sender("locations"), Endpoint.receiver("commands")));
    }

    @After
    public void stop() {
        party.close();
    }

    @Test
    public void versionsAndDetailsListItsEndpointsToItsTokenOnly() {
        assertEquals(401, http.send("GET", party.versionsUrl(), null, Map.of("Authorization", "Token nope")).status());

        OcpiAnswer versions = http.send("GET", party.versionsUrl(), null, fromNode());
        assertEquals(party.url() + "/ocpi/2.2.1", versions.data().path(0).path("url").asText());

        OcpiAnswer details = http.send("GET", party.url() + "/ocpi/2.2.1", null,
                Map.of("Authorization", "Token " + party.tokenB()));
        assertEquals(1000, details.statusCode());
        assertEquals("credentials", details.data().path("endpoints").path(0).path("identifier").asText());
        assertEquals("locations", details.data().path("endpoints").path(1).path("identifier").asText());
        assertEquals("SENDER", details.data().path("endpoints").path(1).path("role").asText());
        assertEquals(party.endpointUrl(Endpoint.receiver("commands")),
                details.data().path("endpoints").path(2).path("url").asText());
    }

    @Test
    public void aRequestIsRecordedAndAnsweredAsProgrammed() {
        party.respond(request -> request.path().endsWith("/LOC1")
                ? MockResponse.ok("{\"id\":\"LOC1\"}").withHeader("X-Limit", "10")
                : MockResponse.error(404, 2003, "Unknown location"));

        OcpiAnswer found = http.send("GET", party.url() + "/ocpi/2.2.1/locations/sender/DE/CPO/LOC1?x=1", null,
                fromNode());
        OcpiAnswer missing = http.send("PUT", party.url() + "/ocpi/2.2.1/locations/sender/DE/CPO/LOC2",
                "{\"id\":\"LOC2\"}", fromNode());

        assertEquals("LOC1", found.data().path("id").asText());
        assertEquals("10", found.header("x-limit"));
        assertEquals(404, missing.status());
        assertEquals(2003, missing.statusCode());
        ReceivedRequest put = party.await("PUT", "/ocpi/2.2.1/locations/sender");
        assertEquals("LOC2", put.json().path("id").asText());
        ReceivedRequest get = party.await(r -> r.method().equals("GET"));
        assertEquals("x=1", get.query());
        assertTrue("await takes what it returns", party.received().isEmpty());
    }

    @Test
    public void aRequestWithAnotherTokenIsRefusedAndStillRecorded() {
        OcpiAnswer refused = http.send("POST", party.url() + "/ocpi/2.2.1/commands/receiver/START_SESSION", "{}",
                Map.of("Authorization", "Token someone-else"));

        assertEquals(401, refused.status());
        assertEquals("Token someone-else", party.await("POST", "/ocpi/2.2.1/commands").header("authorization"));
    }

    @Test
    public void aResponderThatFailsAnswers500WithTheReason() {
        party.respond(request -> {
            throw new IllegalStateException("not programmed for " + request.path());
        });

        OcpiAnswer answer = http.send("GET", party.url() + "/ocpi/2.2.1/locations/sender", null, fromNode());

        assertEquals(500, answer.status());
        assertTrue(answer.statusMessage(), answer.statusMessage().contains("not programmed for"));
    }

    @Test
    public void awaitingARequestThatNeverComesNamesWhatCame() {
        http.send("GET", party.url() + "/ocpi/2.2.1/locations/sender", null, fromNode());
        try {
            party.await(r -> r.method().equals("DELETE"), Duration.ofMillis(200));
            fail("nothing matched");
        } catch (AssertionError expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("GET /ocpi/2.2.1/locations/sender"));
        }
    }

    @Test
    public void itCannotSendBeforeItIsConnected() {
        try {
            party.send("GET", "/ocpi/sender/2.2.1/locations", "DE/MSP");
            fail("no token C yet");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage().contains("not connected"));
        }
    }

    @Test
    public void aPartyIsCountryCodeAndPartyId() {
        try {
            new MockParty("http://127.0.0.1:1", http, "DEMSP", PartyRole.EMSP, "2.2.1", List.of()).close();
            fail("not CC/PID");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("DE/MSP"));
        }
    }

    /** The node calls a 2.2.1 platform with its token B in Base64. */
    private Map<String, String> fromNode() {
        return Map.of("Authorization", "Token " + HttpCalls.base64(party.tokenB()));
    }
}
