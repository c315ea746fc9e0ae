package org.ocn.node.spi.routing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import org.junit.Test;
import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.VersionNumber;

public class InterfaceRulesTest {

    private static final String LOCATIONS = "/{country_code}/{party_id}/{location_id}[/{evse_uid}[/{connector_id}]]";

    @Test
    public void theBoundsComeFromTheTemplate() {
        Object[][] templates = {
                // no segment
                {"", 0, 0},
                // parameters
                {"/{session_id}", 1, 1},
                {"/{country_code}/{party_id}/{session_id}", 3, 3},
                // fixed segments count as segments
                {"/{token_uid}/authorize", 2, 2},
                {"/result/{id}", 2, 2},
                {"/verify", 1, 1},
                // optional trailing parts, nested or one after the other
                {"[/{certificate_id}]", 0, 1},
                {"[/{location_id}[/{evse_uid}[/{connector_id}]]]", 0, 3},
                {LOCATIONS, 3, 5},
                {"/{a}[/{b}][/{c}]", 1, 3},
                {"/{a}[/fixed/{b}]", 1, 3},
                // the query counts no segment
                {"/{country_code}/{party_id}/{token_uid}[?type={token_type}]", 3, 3},
                {"/{token_uid}/authorize?type={token_type}", 2, 2},
                {"?date_from={date_from}", 0, 0},
        };
        for (Object[] t : templates) {
            String template = (String) t[0];
            assertEquals("fewest segments of " + template, t[1], InterfaceRules.minSegments(template));
            assertEquals("most segments of " + template, t[2], InterfaceRules.maxSegments(template));
        }
    }

    @Test
    public void aPathFitsWithinTheBoundsAndWithTheFixedSegments() {
        String[][] fitting = {
                {"", ""},
                {"/DE/CPO/S1", "/{country_code}/{party_id}/{session_id}"},
                {"/T1/authorize", "/{token_uid}/authorize"},
                {"/result/42", "/result/{id}"},
                {"/DE/CPO/L1", LOCATIONS},
                {"/DE/CPO/L1/E1", LOCATIONS},
                {"/DE/CPO/L1/E1/C1", LOCATIONS},
                {"", "[/{location_id}[/{evse_uid}[/{connector_id}]]]"},
                {"/T%2F1/authorize", "/{token_uid}/authorize"},
        };
        for (String[] f : fitting) {
            Optional<OcpiReply> error = InterfaceRules.check(request("GET", f[0]), "GET", f[1]);
            assertFalse(f[0] + " fits " + f[1] + ": " + error.map(InterfaceRulesTest::body).orElse(""),
                    error.isPresent());
        }
    }

    @Test
    public void aPathOutsideTheBoundsOrWithAnotherFixedSegmentDoesNotFit() {
        String[][] refused = {
                {"/x", ""},
                {"/DE/CPO", "/{country_code}/{party_id}/{session_id}"},
                {"/DE/CPO/S1/x", "/{country_code}/{party_id}/{session_id}"},
                {"/T1/authorise", "/{token_uid}/authorize"},
                {"/results/42", "/result/{id}"},
                {"/verify/x", "/verify"},
                {"/DE/CPO", LOCATIONS},
                {"/DE/CPO/L1/E1/C1/x", LOCATIONS},
        };
        for (String[] r : refused) {
            OcpiReply error = InterfaceRules.check(request("GET", r[0]), "GET", r[1])
                    .orElseThrow(() -> new AssertionError(r[0] + " does not fit " + r[1]));
            assertTrue(body(error), body(error).startsWith("{\"status_code\":2001,"));
        }
    }

    @Test
    public void malformedTemplatesAreRefused() {
        for (String template : new String[] {"{id}", "/{id", "/{id}]", "/[{id}]", "[/{a}", "/{a/b}", "/{a}/",
                "//{a}", "[/{a}]/{b}", "[/{a}[/{b}]/{c}]", "''"}) {
            assertThrows(template, IllegalArgumentException.class, () -> InterfaceRules.maxSegments(template));
        }
    }

    @Test
    public void aMethodOutsideTheInterfaceIs405WithAllow() {
        OcpiReply reply = InterfaceRules.check(request("DELETE", "/DE/CPO/S1"), "GET, PUT",
                "/{country_code}/{party_id}/{session_id}").orElseThrow();

        assertEquals(405, reply.status());
        assertEquals("GET, PUT", reply.header("Allow"));
    }

    @Test
    public void aPathOutsideTheInterfaceIs2001ShowingTheTemplate() {
        OcpiReply reply = InterfaceRules.check(request("GET", "/x"), "GET", "/{a}/{b}").orElseThrow();

        assertEquals(200, reply.status());
        assertTrue(body(reply), body(reply).startsWith("{\"status_code\":2001,\"status_message\":\"GET sessions "
                + "SENDER expects the path /{a}/{b}, not '/x'\","));
    }

    @Test
    public void theHintFollowsTheTemplateAsTheBoundsOnceDid() {
        OcpiRequest request = request("GET", "/x");

        @SuppressWarnings("deprecation")
        String before = body(InterfaceRules.check(request, "GET", 0, 0, "'' (the list)").orElseThrow());
        String now = body(InterfaceRules.check(request, "GET", "", "(the list)").orElseThrow());

        assertEquals(withoutTimestamp(before), withoutTimestamp(now));
        assertTrue(now, now.contains("expects the path '' (the list), not '/x'"));
    }

    @Test
    public void theTemplateIsCheckedEvenWhenTheMethodIsNot() {
        assertThrows(IllegalArgumentException.class,
                () -> InterfaceRules.check(request("DELETE", ""), "GET", "/{a"));
    }

    private static OcpiRequest request(String method, String path) {
        return new OcpiRequest(method, VersionNumber.V2_2_1, "sessions", InterfaceRole.SENDER, path, null, Map.of(),
                new byte[0], PartyId.of("DE", "MSP"), PartyId.of("DE", "CPO"));
    }

    private static String body(OcpiReply reply) {
        return new String(reply.body(), StandardCharsets.UTF_8);
    }

    private static String withoutTimestamp(String body) {
        return body.replaceAll("\"timestamp\":\"[^\"]*\"", "");
    }
}
