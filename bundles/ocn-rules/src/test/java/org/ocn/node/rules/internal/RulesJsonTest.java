package org.ocn.node.rules.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.Test;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.web.json.OcpiJson;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading entries (every rejection names its place) and writing rules in v1's shape. */
public class RulesJsonTest {

    private final OcpiJson json = new OcpiJson();

    private JsonNode parse(String text) throws Exception {
        return json.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void readsEntriesWithUpperCaseParties() throws Exception {
        List<RuleEntry> entries = RulesJson.readList(parse("[{\"country_code\":\"de\",\"party_id\":\"ms1\","
                + "\"modules\":[\"locations\",\"my-Module.v2\"],\"extra\":1}]"));
        assertEquals(List.of(new RuleEntry(PartyId.of("DE", "MS1"), List.of("locations", "my-Module.v2"))), entries);
        assertEquals(List.of(), RulesJson.readList(parse("[]")));
        assertEquals(new RuleEntry(PartyId.of("CH", "CPO"), List.of("cdrs")),
                RulesJson.readEntry(parse("{\"country_code\":\"CH\",\"party_id\":\"CPO\",\"modules\":[\"cdrs\"]}")));
    }

    @Test
    public void rejectionsNameTheFieldAndTheReason() throws Exception {
        String ok = "\"country_code\":\"DE\",\"party_id\":\"MSP\"";
        String[][] cases = {
            {"{}", "body: not a JSON array of entries"},
            {"[1]", "[0]: not a JSON object"},
            {"[{\"party_id\":\"MSP\",\"modules\":[\"cdrs\"]}]", "[0].country_code: missing"},
            {"[{\"country_code\":\"D1\",\"party_id\":\"MSP\",\"modules\":[\"cdrs\"]}]", "[0].country_code: 'D1' is not 2 letters"},
            {"[{\"country_code\":\"DEU\",\"party_id\":\"MSP\",\"modules\":[\"cdrs\"]}]", "[0].country_code: 'DEU' is not 2 letters"},
            {"[{\"country_code\":\"DE\",\"party_id\":\"M-P\",\"modules\":[\"cdrs\"]}]", "[0].party_id: 'M-P' is not 3 letters or digits"},
            {"[{\"country_code\":\"DE\",\"party_id\":7,\"modules\":[\"cdrs\"]}]", "[0].party_id: not a string"},
            {"[{" + ok + "}]", "[0].modules: missing"},
            {"[{" + ok + ",\"modules\":\"cdrs\"}]", "[0].modules: not an array"},
            {"[{" + ok + ",\"modules\":[]}]", "[0].modules: empty"},
            {"[{" + ok + ",\"modules\":[\"cdrs\",\"\"]}]", "[0].modules[1]: '' is not a module identifier"},
            {"[{" + ok + ",\"modules\":[null]}]", "[0].modules[0]: not a string"},
            {"[{" + ok + ",\"modules\":[\"cdrs\"]},{" + ok + ",\"modules\":[\"a/b\"]}]", "[1].modules[0]: 'a/b' is not a module identifier"},
        };
        for (String[] c : cases) {
            try {
                RulesJson.readList(parse(c[0]));
                fail("accepted " + c[0]);
            } catch (RulesViolation expected) {
                if (!expected.getMessage().startsWith(c[1])) {
                    throw new AssertionError(c[0] + ": " + expected.getMessage());
                }
            }
        }
        try {
            RulesJson.readEntry(parse("[]"));
            fail("accepted an array as one entry");
        } catch (RulesViolation expected) {
            assertEquals("body: not a JSON object {\"country_code\", \"party_id\", \"modules\"}", expected.getMessage());
        }
    }

    @Test
    public void writesBothListsAndOnlyTheActiveOneHasEntries() throws Exception {
        PlatformRules rules = PlatformRules.NONE.withSignatures(true).add(RuleList.BLACKLIST,
                new RuleEntry(PartyId.of("DE", "MSP"), List.of("locations", "sessions")));
        assertEquals("{\"signatures\":true,"
                + "\"whitelist\":{\"active\":false,\"list\":[]},"
                + "\"blacklist\":{\"active\":true,\"list\":[{\"country_code\":\"DE\",\"party_id\":\"MSP\","
                + "\"modules\":[\"locations\",\"sessions\"]}]}}", RulesJson.write(rules).toString());
        assertEquals("{\"signatures\":false,\"whitelist\":{\"active\":false,\"list\":[]},"
                + "\"blacklist\":{\"active\":false,\"list\":[]}}", RulesJson.write(PlatformRules.NONE).toString());
    }
}
