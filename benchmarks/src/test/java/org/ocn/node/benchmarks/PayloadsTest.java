package org.ocn.node.benchmarks;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

public class PayloadsTest {

    @Test
    public void bodiesAreOcpiEnvelopesOfTheAnnouncedSizes() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        byte[] small = Payloads.smallLocation();
        byte[] page = Payloads.locationPage();
        assertTrue(small.length + " bytes", small.length > 900 && small.length < 1200);
        assertTrue(page.length + " bytes", page.length > 90_000 && page.length < 110_000);
        assertEquals(1000, mapper.readTree(small).get("status_code").asInt());
        JsonNode list = mapper.readTree(page).get("data");
        assertEquals(100, list.size());
        assertEquals("LOC00100", list.get(99).get("id").asText());
    }

    @Test
    public void signedBodiesCarryOneMoreTopLevelField() throws Exception {
        byte[] signed = MockParty.sign(Payloads.smallLocation(), Benchmark.CPO_KEY);
        JsonNode json = new ObjectMapper().readTree(signed);
        assertTrue(json.get("ocn_signature").asText().length() > 100);
        assertTrue(new String(signed, StandardCharsets.UTF_8).startsWith(
                new String(Payloads.smallLocation(), StandardCharsets.UTF_8).substring(0, 900)));
    }
}
