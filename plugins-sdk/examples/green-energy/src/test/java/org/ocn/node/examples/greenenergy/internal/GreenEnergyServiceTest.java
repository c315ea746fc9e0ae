package org.ocn.node.examples.greenenergy.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The component as the node calls it: the taps, the questions to the CPO, and the custom module green-energy. */
public class GreenEnergyServiceTest {

    private static final PartyId SERVICE = PartyId.of("CH", "GEC");
    private static final PartyId CPO = PartyId.of("BE", "BEC");
    private static final PartyId EMSP = PartyId.of("DE", "MSP");
    private static final PartyId STRANGER = PartyId.of("FR", "XXX");
    private static final String COMPLETE = "location_energymix_example_complete.json";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private DerbyFolder derby;
    private FakeServiceKeys keys;
    private final FakeOcpiClient cpo = new FakeOcpiClient();
    private GreenEnergyService service;

    @Before
    public void start() throws Exception {
        derby = new DerbyFolder(folder.getRoot().toPath().resolve("db"));
        keys = new FakeServiceKeys(SERVICE);
        cpo.answerWith(FakeOcpiClient.envelope(1000, Examples.location(COMPLETE).toString()));
        service = newService();
    }

    private GreenEnergyService newService() {
        return new GreenEnergyService(derby.open(), keys, cpo, SERVICE,
                new GreenEnergyService.Settings(Duration.ofMinutes(15), 3, Duration.ofMillis(20)), Clock.systemUTC());
    }

    @After
    public void stop() throws Exception {
        service.deactivate();
        derby.shutdown();
    }

    private void routedCdr(ObjectNode cdr, int answer) {
        service.exchanged(Examples.request("POST", "cdrs", InterfaceRole.RECEIVER, "", null, cdr.toString(), CPO, EMSP),
                FakeOcpiClient.envelope(answer, "null"));
    }

    private JsonNode call(PartyId from, String method, InterfaceRole role, String module, String path, String query,
                          String body) throws Exception {
        OcpiRequest request = Examples.request(method, module, role, path, query, body, from, SERVICE);
        OcpiReply reply = service.handle(request).toCompletableFuture().get();
        ObjectNode answer = (ObjectNode) Examples.read(new String(reply.body(), StandardCharsets.UTF_8));
        answer.put("http", reply.status());
        reply.headers().forEach((k, v) -> answer.put("header:" + k, v));
        return answer;
    }

    private JsonNode list(PartyId party, String query) throws Exception {
        return call(party, "GET", InterfaceRole.SENDER, "green-energy", "", query, null);
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(10);
        }
    }

    private int count(PartyId party) {
        try {
            return list(party, null).get("data").size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    public void anAcceptedCdrGetsASignedCertificateThatBothPartiesAndNobodyElseSee() throws Exception {
        routedCdr(Examples.cdr("12345"), 1000);
        await("a certificate", () -> count(EMSP) == 1);

        JsonNode emspList = list(EMSP, null);
        assertEquals("1", emspList.get("header:x-total-count").asText());
        assertEquals("50", emspList.get("header:x-limit").asText());
        JsonNode entry = emspList.get("data").get(0);
        JsonNode certificate = entry.get("certificate");
        assertEquals("12345", certificate.get("cdr_id").asText());
        assertEquals("LOC1", certificate.get("location_id").asText());
        assertEquals("DECLARED", certificate.get("energy_mix_status").asText());
        assertEquals("5.507778", certificate.at("/energy_sources/0/energy_kwh").decimalValue().toPlainString());
        assertEquals("CH", certificate.at("/issuer/country_code").asText());
        assertEquals(keys.address(SERVICE), entry.get("signer").asText());
        String json = entry.get("certificate_json").asText();
        assertTrue("the signature is over the exact text handed out",
                keys.verify(json.getBytes(StandardCharsets.UTF_8), entry.get("signature").asText(), entry.get("signer").asText()));
        assertEquals(Examples.read(json), certificate);

        assertEquals("the CPO was asked once, as the service", 1, cpo.sent.size());
        assertEquals(SERVICE, cpo.sent.get(0).from());
        assertEquals("/LOC1", cpo.sent.get(0).path());

        assertEquals(1, count(CPO));
        assertEquals(0, count(STRANGER));
        String id = certificate.get("certificate_id").asText();
        JsonNode one = call(CPO, "GET", InterfaceRole.SENDER, "green-energy", "/" + id, null, null);
        assertEquals(json, one.at("/data/certificate_json").asText());
        JsonNode hidden = call(STRANGER, "GET", InterfaceRole.SENDER, "green-energy", "/" + id, null, null);
        assertEquals(404, hidden.get("http").asInt());
        assertEquals(2000, hidden.get("status_code").asInt());
    }

    @Test
    public void anyoneMayVerifyACertificate() throws Exception {
        routedCdr(Examples.cdr("12345"), 1000);
        await("a certificate", () -> count(EMSP) == 1);
        JsonNode entry = list(EMSP, null).at("/data/0");
        ObjectNode body = Examples.JSON.createObjectNode();
        body.put("certificate_json", entry.get("certificate_json").asText());
        body.put("signature", entry.get("signature").asText());

        JsonNode verified = call(STRANGER, "POST", InterfaceRole.RECEIVER, "green-energy", "/verify", null, body.toString());
        assertEquals(1000, verified.get("status_code").asInt());
        assertTrue(verified.at("/data/valid").asBoolean());
        assertTrue(verified.at("/data/issued_here").asBoolean());
        assertEquals(keys.address(SERVICE), verified.at("/data/signer").asText());
        assertEquals(entry.at("/certificate/certificate_id").asText(), verified.at("/data/certificate_id").asText());

        body.put("certificate_json", entry.get("certificate_json").asText().replace("12345", "12346"));
        JsonNode tampered = call(STRANGER, "POST", InterfaceRole.RECEIVER, "green-energy", "/verify", null, body.toString());
        assertFalse(tampered.at("/data/valid").asBoolean());
        assertFalse(tampered.at("/data/issued_here").asBoolean());

        body.put("certificate_json", entry.get("certificate_json").asText());
        body.put("signer", "0x" + "00".repeat(20));
        assertFalse(call(STRANGER, "POST", InterfaceRole.RECEIVER, "green-energy", "/verify", null, body.toString())
                .at("/data/valid").asBoolean());

        JsonNode incomplete = call(STRANGER, "POST", InterfaceRole.RECEIVER, "green-energy", "/verify", null, "{}");
        assertEquals(2001, incomplete.get("status_code").asInt());
        JsonNode notJson = call(STRANGER, "POST", InterfaceRole.RECEIVER, "green-energy", "/verify", null, "{nope");
        assertEquals(400, notJson.get("http").asInt());
    }

    @Test
    public void onlyAcceptedWellFormedCdrsAreCertifiedOnce() throws Exception {
        routedCdr(Examples.cdr("1"), 2001);
        routedCdr(Examples.cdr("2").put("total_energy", "many"), 1000);
        service.exchanged(Examples.request("POST", "cdrs", InterfaceRole.RECEIVER, "", null, "not json", CPO, EMSP),
                FakeOcpiClient.envelope(1000, "null"));
        routedCdr(Examples.cdr("3"), 1000);
        routedCdr(Examples.cdr("3"), 1000);
        await("CDR 3 certified", () -> count(CPO) == 1);
        Thread.sleep(100);
        assertEquals("CDR 3, once", 1, count(CPO));
        assertEquals("3", list(CPO, null).at("/data/0/certificate/cdr_id").asText());
        assertEquals("the second CDR 3 needed no question", 1, cpo.sent.size());
    }

    @Test
    public void aMixLearnedFromAPushSparesTheQuestionAndMissingMixesAreSaidSo() throws Exception {
        service.exchanged(Examples.request("PUT", "locations", InterfaceRole.RECEIVER, "/BE/BEC/LOC9", null,
                Examples.location("location_energymix_example_simple.json").put("id", "LOC9").toString(), CPO, EMSP),
                FakeOcpiClient.envelope(1000, "null"));
        cpo.answer(r -> CompletableFuture.completedFuture(r.path().equals("/LOC2")
                ? FakeOcpiClient.envelope(1000, Examples.location(null).put("id", "LOC2").toString())
                : FakeOcpiClient.envelope(2003, "null")));
        routedCdr(Examples.cdr("1", "LOC9", "7.5"), 1000);
        routedCdr(Examples.cdr("2", "LOC2", "3"), 1000);
        routedCdr(Examples.cdr("3", "LOC3", "4"), 1000);
        await("three certificates", () -> count(EMSP) == 3);
        Map<String, String> status = new java.util.HashMap<>();
        for (JsonNode e : list(EMSP, null).get("data")) {
            status.put(e.at("/certificate/cdr_id").asText(), e.at("/certificate/energy_mix_status").asText());
        }
        assertEquals(Map.of("1", "DECLARED", "2", "NOT_DECLARED", "3", "UNAVAILABLE"), status);
        assertEquals("LOC9 was known from the push", 2, cpo.sent.size());
    }

    @Test
    public void anUnreachableCpoIsAskedAgainAndThenTheMixIsUnavailable() throws Exception {
        cpo.answerWith(FakeOcpiClient.envelope(4003, "null"));
        routedCdr(Examples.cdr("1"), 1000);
        await("a certificate after 3 questions", () -> count(EMSP) == 1);
        assertEquals(3, cpo.sent.size());
        assertEquals("UNAVAILABLE", list(EMSP, null).at("/data/0/certificate/energy_mix_status").asText());

        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        cpo.answer(r -> CompletableFuture.completedFuture(asked.incrementAndGet() == 1
                ? FakeOcpiClient.envelope(4002, "null")
                : FakeOcpiClient.envelope(1000, Examples.location(COMPLETE).put("id", "LOC5").toString())));
        routedCdr(Examples.cdr("2", "LOC5", "1"), 1000);
        await("a certificate after 2 questions", () -> count(EMSP) == 2);
        assertEquals("DECLARED", list(EMSP, null).at("/data/1/certificate/energy_mix_status").asText());
    }

    @Test
    public void cdrsWaitingForTheirMixSurviveAnUpdateOfThePlugin() throws Exception {
        CompletableFuture<OcpiReply> never = new CompletableFuture<>();
        cpo.answer(r -> never);
        routedCdr(Examples.cdr("1"), 1000);
        await("the question to the CPO", () -> cpo.sent.size() == 1);
        service.deactivate();
        never.complete(FakeOcpiClient.envelope(1000, Examples.location(COMPLETE).toString()));

        cpo.answerWith(FakeOcpiClient.envelope(1000, Examples.location(COMPLETE).toString()));
        service = newService();
        await("the certificate, issued by the new version", () -> count(EMSP) == 1);
        assertEquals(2, cpo.sent.size());
    }

    @Test
    public void aCertificateThatCannotBeSignedWaitsForTheKey() throws Exception {
        keys.refuse(true);
        routedCdr(Examples.cdr("1"), 1000);
        CertificateStore tables = new CertificateStore(derby.open());
        await("three attempts", () -> attempts(tables) == 2);
        Thread.sleep(100);
        assertEquals("no unsigned certificate", 0, count(EMSP));
        assertEquals("the mix was asked for once: the retries were for the signature", 1, cpo.sent.size());
        keys.refuse(false);
        service.deactivate();
        service = newService();
        await("signed at the next start", () -> count(EMSP) == 1);
    }

    private static int attempts(CertificateStore tables) {
        try {
            var pending = tables.pending();
            return pending.isEmpty() ? -1 : pending.get(0).attempts();
        } catch (java.sql.SQLException notCreatedYet) {
            return -1;
        }
    }

    @Test
    public void pagesFollowOffsetAndLimit() throws Exception {
        for (int i = 1; i <= 5; i++) {
            routedCdr(Examples.cdr(Integer.toString(i)), 1000);
        }
        await("five certificates", () -> count(EMSP) == 5);
        JsonNode page = list(EMSP, "offset=3&limit=2");
        assertEquals(2, page.get("data").size());
        assertEquals("5", page.get("header:x-total-count").asText());
        assertEquals("2", page.get("header:x-limit").asText());
        assertEquals("100", list(EMSP, "limit=1000").get("header:x-limit").asText());
        assertEquals(2001, list(EMSP, "offset=-1").get("status_code").asInt());
        assertEquals(2001, list(EMSP, "limit=x").get("status_code").asInt());
    }

    @Test
    public void otherMethodsPathsAndModulesAreAnsweredCleanly() throws Exception {
        assertEquals(405, call(EMSP, "POST", InterfaceRole.SENDER, "green-energy", "", null, "{}").get("http").asInt());
        assertEquals(2001, call(EMSP, "GET", InterfaceRole.SENDER, "green-energy", "/a/b", null, null)
                .get("status_code").asInt());
        assertEquals(405, call(EMSP, "GET", InterfaceRole.RECEIVER, "green-energy", "/verify", null, null)
                .get("http").asInt());
        assertEquals(2001, call(EMSP, "POST", InterfaceRole.RECEIVER, "green-energy", "/check", null, "{}")
                .get("status_code").asInt());
        JsonNode otherModule = call(EMSP, "GET", InterfaceRole.SENDER, "cdrs", "", null, null);
        assertEquals(2001, otherModule.get("status_code").asInt());
        assertTrue(otherModule.get("status_message").asText().contains("green-energy"));
    }
}
