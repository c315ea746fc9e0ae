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

    @Test
    public void goalsOnTheBareProxyAreCheckedOnItsRatio() throws Exception {
        Results r = new Results();
        Results.Figure tput = r.add("node: throughput", 9000, "req/s", 30000, 0.3, 10000,
                Goal.atLeastPercentOfProxy(85, ">= 85% of bare proxy"), null);
        assertEquals(0.9, tput.proxyRatio(), 1e-12);
        assertTrue(tput.verdict(), tput.verdict().startsWith("PASS 5.9% over"));
        Results.Figure cpu = r.add("node: CPU", 0.13, "ms", Double.NaN, Double.NaN, 0.1,
                Goal.atMostPercentOfProxy(120, "<= 1.2x bare proxy"), null);
        assertTrue(cpu.verdict(), cpu.verdict().startsWith("MISS 8.3% over"));
        Results.Figure none = r.add("two nodes: CPU", 0.2, "ms", Double.NaN, Double.NaN, 0, null, null);
        assertTrue(Double.isInfinite(none.proxyRatio()));
        String table = r.table();
        assertTrue(table, table.contains("bare proxy"));
        assertTrue(table, table.contains("90.0%"));
        JsonNode json = new ObjectMapper().readTree(r.json());
        JsonNode t = json.get("figures").get(0);
        assertEquals(10000, t.get("bare_proxy").asDouble(), 0);
        assertEquals(0.9, t.get("bare_proxy_ratio").asDouble(), 1e-12);
        assertEquals("bare_proxy", t.get("goal_of").asText());
        assertEquals(85, t.get("goal_limit").asDouble(), 0);
        // the shape of before: baseline, ratio and their goal stay as they were
        assertEquals(30000, t.get("baseline").asDouble(), 0);
        assertEquals(0.3, t.get("ratio").asDouble(), 0);
        assertTrue(json.get("figures").get(2).get("bare_proxy_ratio").isNull());
    }

    @Test
    public void headroomSaysWhoWasTheLimit() {
        String h = Figures.headroom("wrk 4.1.0", 0.01, 0.03, 20000, 2);
        assertEquals("wrk 4.1.0: alone it could send 100000 req/s per core; at 20000 req/s it used 0.20 of the 2 cores, "
                + "the target 0.60 (3.0 times the generator's CPU per request)", h);
        assertEquals("java: its CPU was not measured", Figures.headroom("java", Double.NaN, 0.03, 20000, 2));
    }
}
