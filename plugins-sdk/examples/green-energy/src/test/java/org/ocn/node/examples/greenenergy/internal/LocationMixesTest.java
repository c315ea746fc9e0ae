package org.ocn.node.examples.greenenergy.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;

import org.junit.Test;
import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.spi.client.OutgoingRequest;

/** Energy mixes learned from routed locations traffic, or asked of the CPO. */
public class LocationMixesTest {

    private static final PartyId SERVICE = PartyId.of("CH", "GEC");
    private static final PartyId CPO = PartyId.of("BE", "BEC");
    private static final PartyId EMSP = PartyId.of("DE", "MSP");
    private static final String COMPLETE = "location_energymix_example_complete.json";

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final FakeOcpiClient client = new FakeOcpiClient();
    private final MovingClock clock = new MovingClock();
    private final LocationMixes mixes = new LocationMixes(client, SERVICE, Examples.JSON, clock, Duration.ofMinutes(15));

    private LocationMixes.Lookup lookup(String locationId) throws Exception {
        return mixes.mixOf(CPO, locationId).toCompletableFuture().get();
    }

    @Test
    public void theCpoIsAskedAsTheServiceAndItsAnswerIsKeptForAWhile() throws Exception {
        client.answerWith(FakeOcpiClient.envelope(1000, Examples.location(COMPLETE).toString()));
        LocationMixes.Lookup first = lookup("LOC 1/a");
        assertEquals(EnergyMix.Status.DECLARED, first.mix().status());
        assertEquals(5, first.mix().sources().size());
        assertFalse(first.retry());
        OutgoingRequest asked = client.sent.get(0);
        assertEquals(SERVICE, asked.from());
        assertEquals(CPO, asked.to());
        assertEquals("locations", asked.module());
        assertEquals(InterfaceRole.SENDER, asked.role());
        assertEquals("GET", asked.method());
        assertEquals("the location id is URL-encoded", "/LOC%201%2Fa", asked.path());

        lookup("LOC 1/a");
        assertEquals("answered from memory", 1, client.sent.size());
        clock.now = clock.now.plus(Duration.ofMinutes(16));
        lookup("LOC 1/a");
        assertEquals("too old: asked again", 2, client.sent.size());
    }

    @Test
    public void cdrsOfOneLocationShareTheQuestionUnderWay() throws Exception {
        CompletableFuture<org.ocn.node.spi.routing.OcpiReply> answer = new CompletableFuture<>();
        client.answer(r -> answer);
        CompletableFuture<LocationMixes.Lookup> first = mixes.mixOf(CPO, "LOC1").toCompletableFuture();
        CompletableFuture<LocationMixes.Lookup> second = mixes.mixOf(CPO, "LOC1").toCompletableFuture();
        mixes.mixOf(CPO, "LOC2");
        assertEquals("one question per location", 2, client.sent.size());
        answer.complete(FakeOcpiClient.envelope(1000, Examples.location(COMPLETE).toString()));
        assertEquals(EnergyMix.Status.DECLARED, first.get().mix().status());
        assertEquals(EnergyMix.Status.DECLARED, second.get().mix().status());
        lookup("LOC1");
        assertEquals("then known", 2, client.sent.size());

        client.answerWith(FakeOcpiClient.envelope(4003, "null"));
        assertTrue(lookup("LOC3").retry());
        assertTrue("a failed question is not remembered: the next one asks again", lookup("LOC3").retry());
        assertEquals(4, client.sent.size());
    }

    @Test
    public void aLocationWithoutMixAnUnknownLocationAndAnUnreachableCpoAreToldApart() throws Exception {
        client.answerWith(FakeOcpiClient.envelope(1000, Examples.location(null).toString()));
        assertEquals(EnergyMix.Status.NOT_DECLARED, lookup("A").mix().status());

        client.answerWith(FakeOcpiClient.envelope(2003, "null"));
        LocationMixes.Lookup unknown = lookup("B");
        assertEquals(EnergyMix.Status.UNAVAILABLE, unknown.mix().status());
        assertFalse("the CPO does not know it: asking again changes nothing", unknown.retry());

        client.answerWith(FakeOcpiClient.envelope(4003, "null"));
        assertTrue("the CPO could not be reached: worth asking again", lookup("C").retry());
        client.answer(r -> CompletableFuture.failedFuture(new IllegalStateException("node stopping")));
        assertTrue(lookup("D").retry());
        client.answer(r -> { throw new IllegalStateException("refused"); });
        assertTrue(lookup("E").retry());
        client.answerWith(new org.ocn.node.spi.routing.OcpiReply(502, java.util.Map.of(), "<html>".getBytes()));
        assertTrue(lookup("F").retry());
    }

    @Test
    public void mixesAreLearnedFromAcceptedPushesAndAnswers() throws Exception {
        String path = "/BE/BEC/LOC1";
        mixes.observe(Examples.request("PUT", "locations", InterfaceRole.RECEIVER, path, null,
                Examples.location(COMPLETE).toString(), CPO, EMSP), FakeOcpiClient.envelope(1000, "null"));
        assertEquals(EnergyMix.Status.DECLARED, mixes.cached(CPO, "LOC1").orElseThrow().status());
        assertEquals(0, client.sent.size());

        mixes.observe(Examples.request("PATCH", "locations", InterfaceRole.RECEIVER, path, null,
                "{\"energy_mix\":null,\"last_updated\":\"2026-01-01T00:00:00Z\"}", CPO, EMSP),
                FakeOcpiClient.envelope(1000, "null"));
        assertEquals(EnergyMix.Status.NOT_DECLARED, mixes.cached(CPO, "LOC1").orElseThrow().status());

        mixes.observe(Examples.request("PATCH", "locations", InterfaceRole.RECEIVER, path, null,
                "{\"energy_mix\":" + Examples.load(COMPLETE).get("energy_mix") + "}", CPO, EMSP),
                FakeOcpiClient.envelope(2001, "null"));
        assertEquals("a push its recipient refused teaches nothing",
                EnergyMix.Status.NOT_DECLARED, mixes.cached(CPO, "LOC1").orElseThrow().status());

        mixes.observe(Examples.request("PATCH", "locations", InterfaceRole.RECEIVER, path + "/3256", null,
                "{\"status\":\"CHARGING\"}", CPO, EMSP), FakeOcpiClient.envelope(1000, "null"));

        String two = "[" + Examples.location("location_energymix_example_simple.json").put("id", "L2") + ","
                + Examples.location(null).put("id", "L3") + "]";
        mixes.observe(Examples.request("GET", "locations", InterfaceRole.SENDER, "", "limit=2", null, EMSP, CPO),
                FakeOcpiClient.envelope(1000, two));
        assertTrue(mixes.cached(CPO, "L2").orElseThrow().isGreenEnergy());
        assertEquals(EnergyMix.Status.NOT_DECLARED, mixes.cached(CPO, "L3").orElseThrow().status());

        mixes.observe(Examples.request("GET", "locations", InterfaceRole.SENDER, "/L4", null, null, EMSP, CPO),
                FakeOcpiClient.envelope(1000, Examples.location(COMPLETE).put("id", "L4").toString()));
        assertEquals(EnergyMix.Status.DECLARED, mixes.cached(CPO, "L4").orElseThrow().status());
        assertEquals(0, client.sent.size());
        assertEquals(EnergyMix.Status.DECLARED, lookup("L4").mix().status());
        assertEquals("known: the CPO is not asked", 0, client.sent.size());
    }
}
