package org.ocn.node.benchmarks;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

public class ResultsTest {

    @Test
    public void goalsSayWhetherAndByHowMuch() {
        Goal latency = Goal.atMost(2, "< 2 ms");
        assertTrue(latency.met(0.5));
        assertEquals("4.0x under", latency.margin(0.5));
        assertEquals("50% over", latency.margin(3));
        assertEquals("3.0x over", latency.margin(6));
        Goal share = Goal.atLeastPercent(30, ">= 30%");
        assertFalse(share.met(24));
        assertEquals("20% short", share.margin(24));
        assertEquals("17% over", share.margin(35));
        assertEquals("met", Goal.atMost(0, "0").margin(0));
        assertEquals("met", Goal.atMost(2, "< 2 ms").margin(-0.4));
        assertEquals("0.4% over", Goal.atMost(400, "< 400 MB").margin(401.6));
        assertEquals("not measured", share.margin(Double.NaN));
        assertFalse(share.met(Double.NaN));
    }

    @Test
    public void ratioGoalsAreCheckedOnTheRatio() {
        Results r = new Results();
        Results.Figure f = r.add("node: throughput", 3000, "req/s", 10000, 0.3, Goal.atLeastPercent(30, ">= 30%"), null);
        assertTrue(f.verdict(), f.verdict().startsWith("PASS"));
        Results.Figure g = r.add("node: CPU", 0.08, "ms", Goal.atMost(0.07, "< 0.07 ms"));
        assertTrue(g.verdict(), g.verdict().startsWith("MISS 14% over"));
        assertTrue(r.table().contains("node: CPU"));
    }

    @Test
    public void jsonHoldsTheRunAndEveryFigure() throws Exception {
        Results r = new Results();
        r.describe("cores", 2);
        r.add("direct: throughput", 70000, "req/s", Double.NaN, Double.NaN, null, "1 KB");
        r.add("node: p99", 1.5, "ms", Goal.atMost(2, "< 2 ms"));
        Path file = Files.createTempDirectory("results").resolve("sub/results.json");
        r.write(file);
        JsonNode json = new ObjectMapper().readTree(Files.readString(file));
        assertEquals(2, json.at("/run/cores").asInt());
        assertEquals(2, json.get("figures").size());
        JsonNode direct = json.get("figures").get(0);
        assertEquals(70000, direct.get("value").asDouble(), 0);
        assertTrue(direct.get("ratio").isNull());
        assertFalse(direct.has("goal"));
        JsonNode p99 = json.get("figures").get(1);
        assertTrue(p99.get("met").asBoolean());
        assertEquals("25% under", p99.get("margin").asText());
        assertEquals(2, p99.get("goal_limit").asDouble(), 0);
    }
}
