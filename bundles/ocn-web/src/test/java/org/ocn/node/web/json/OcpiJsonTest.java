package org.ocn.node.web.json;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.Test;
import org.ocn.node.api.ocpi.BusinessDetails;
import org.ocn.node.api.ocpi.Credentials;
import org.ocn.node.api.ocpi.CredentialsRole;
import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.OcpiResponse;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.api.ocpi.VersionDetails;

import com.fasterxml.jackson.databind.JsonNode;

public class OcpiJsonTest {

    private final OcpiJson json = new OcpiJson();

    private JsonNode parse(String s) throws InvalidPayloadException {
        return json.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void readsTheSpecsCredentialsExample() throws Exception {
        Credentials c = json.readCredentials(parse("""
                {"token":"ebf3b399-779f-4497-9b9d-ac6ad3cc44d2","url":"https://example.com/ocpi/versions/",
                 "roles":[{"role":"CPO","party_id":"EXA","country_code":"NL",
                   "business_details":{"name":"Example Operator","logo":{"url":"https://example.com/img/logo.jpg",
                   "thumbnail":"https://example.com/img/logo_thumb.jpg","category":"OPERATOR","type":"jpeg",
                   "width":512,"height":512},"website":"http://example.com"}}]}"""));
        assertEquals("ebf3b399-779f-4497-9b9d-ac6ad3cc44d2", c.token());
        assertEquals(PartyId.of("NL", "EXA"), c.roles().get(0).party());
        assertEquals(Integer.valueOf(512), c.roles().get(0).businessDetails().logo().width());
        // and it writes back with OCPI names
        JsonNode written = json.toJson(c);
        assertEquals("EXA", written.at("/roles/0/party_id").asText());
        assertEquals("Example Operator", written.at("/roles/0/business_details/name").asText());
        assertEquals("OPERATOR", written.at("/roles/0/business_details/logo/category").asText());
    }

    @Test
    public void rejectionsNameTheField() {
        expectInvalid("{\"url\":\"http://x/v\",\"roles\":[]}", "body.token: missing");
        expectInvalid("{\"token\":\"t\",\"url\":\"not a url\",\"roles\":[]}", "body.url: 'not a url' is not an absolute http(s) URL");
        expectInvalid("{\"token\":\"t\",\"url\":\"http://x/v\",\"roles\":[]}", "roles: missing or empty; at least one role is required");
        expectInvalid("{\"token\":\"t\",\"url\":\"http://x/v\",\"roles\":[{\"role\":\"CPO\",\"party_id\":\"AB\",\"country_code\":\"NL\",\"business_details\":{\"name\":\"n\"}}]}",
                "roles[0]: party_id \"AB\" is not 3 characters");
        expectInvalid("{\"token\":\"t\",\"url\":\"http://x/v\",\"roles\":[{\"role\":\"KING\",\"party_id\":\"ABC\",\"country_code\":\"NL\",\"business_details\":{\"name\":\"n\"}}]}",
                "roles[0].role: 'KING' is not an OCPI role");
        expectInvalid("{\"token\":\"t\",\"url\":\"http://x/v\",\"roles\":[{\"role\":\"CPO\",\"party_id\":\"ABC\",\"country_code\":\"NL\"}]}",
                "roles[0].business_details: missing");
        expectInvalid("{\"token\":\"has space\",\"url\":\"http://x/v\",\"roles\":[]}",
                "token: must be 1 to 64 printable ASCII characters without spaces");
        expectInvalid("[1,2]", "body: not a JSON object");
    }

    private void expectInvalid(String body, String message) {
        try {
            json.readCredentials(parse(body));
            fail("accepted: " + body);
        } catch (InvalidPayloadException e) {
            assertEquals(message, e.getMessage());
        }
    }

    @Test
    public void notJsonIsInvalid() {
        for (String s : new String[] {"", "{", "{\"a\":1} trailing", "nope"}) {
            try {
                json.parse(s.getBytes(StandardCharsets.UTF_8));
                fail("parsed: " + s);
            } catch (InvalidPayloadException expected) {
                assertTrue(expected.getMessage(), expected.getMessage().startsWith("the body is"));
            }
        }
    }

    @Test
    public void readsVersionsAndDetails() throws Exception {
        OcpiResponse<JsonNode> env = json.readEnvelope(parse("""
                {"status_code":1000,"data":[{"version":"2.1.1","url":"https://p/2.1.1"},
                 {"version":"2.2.1","url":"https://p/2.2.1"}],"timestamp":"2015-06-30T21:59:59Z"}"""));
        assertTrue(env.isSuccess());
        assertEquals(Instant.parse("2015-06-30T21:59:59Z"), env.timestamp());
        assertEquals("2.2.1", json.readVersions(env.data()).get(1).version());

        VersionDetails d = json.readVersionDetails(parse("""
                {"version":"2.2.1","endpoints":[{"identifier":"credentials","role":"SENDER","url":"https://p/c"},
                 {"identifier":"locations","role":"RECEIVER","url":"https://p/l"}]}"""));
        assertTrue(d.endpoint("credentials", InterfaceRole.SENDER).isPresent());
        assertFalse(d.endpoint("locations", InterfaceRole.SENDER).isPresent());
    }

    @Test
    public void writesEnvelopesWithoutNulls() {
        JsonNode e = json.envelope(OcpiResponse.success(List.of()));
        assertEquals(1000, e.get("status_code").asInt());
        assertTrue(e.get("data").isArray());
        assertNull(e.get("status_message"));
        assertTrue(e.get("timestamp").asText().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z"));

        JsonNode hub = json.toJson(new CredentialsRole(Role.HUB, BusinessDetails.named("Open Charging Network Node"),
                PartyId.of("CH", "OCN")));
        assertEquals("{\"role\":\"HUB\",\"business_details\":{\"name\":\"Open Charging Network Node\"},"
                + "\"party_id\":\"OCN\",\"country_code\":\"CH\"}", hub.toString());
    }

    @Test
    public void dateTimesFollowOcpi() {
        assertTrue(OcpiJson.parseDateTime("2015-06-29T20:39:09").isPresent());
        assertTrue(OcpiJson.parseDateTime("2016-12-29T17:45:09.2Z").isPresent());
        assertFalse(OcpiJson.parseDateTime("2015-06-29T20:39:09+00:00").isPresent());
    }
}
