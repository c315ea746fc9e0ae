package org.ocn.node.examples.settlement.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.VersionNumber;
import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;

import com.fasterxml.jackson.databind.JsonNode;

/** The component as the node calls it: the tap, then statements through its custom module. */
public class SettlementServiceTest {

    private static final PartyId SERVICE = PartyId.of("CH", "STL");
    private static final PartyId CPO = PartyId.of("CH", "CPO");
    private static final PartyId EMSP = PartyId.of("DE", "MSP");
    /** A party that is both: a CPO towards EMSP, an eMSP for CPO. */
    private static final PartyId BOTH = PartyId.of("NL", "BTH");
    private static final PartyId STRANGER = PartyId.of("FR", "XXX");
    private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private DerbyFolder derby;
    private SettlementService service;

    @Before
    public void start() {
        derby = new DerbyFolder(folder.getRoot().toPath().resolve("db"));
        service = new SettlementService(derby.open(), SERVICE, Clock.fixed(T0, ZoneOffset.UTC));
    }

    @After
    public void stop() throws Exception {
        service.deactivate();
        derby.shutdown();
    }

    private void routed(PartyId cpo, PartyId emsp, String cdr, int answer) {
        service.exchanged(Cdrs.post(cpo, emsp, cdr), Cdrs.answer(answer));
    }

    private static OcpiRequest ask(PartyId sender, String method, InterfaceRole role, String module, String path) {
        return new OcpiRequest(method, VersionNumber.V2_2_1, module, role, path, null,
                Map.of("x-request-id", "r", "x-correlation-id", "c"), new byte[0], sender, SERVICE);
    }

    private JsonNode answer(OcpiRequest request) throws Exception {
        OcpiReply reply = service.handle(request).toCompletableFuture().get();
        JsonNode body = Cdrs.read(new String(reply.body(), StandardCharsets.UTF_8));
        body = body.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("http", reply.status());
        return body;
    }

    private JsonNode statement(PartyId party) throws Exception {
        JsonNode answer = answer(ask(party, "GET", InterfaceRole.SENDER, "settlement", ""));
        assertEquals(answer.toString(), 1000, answer.get("status_code").asInt());
        return answer.get("data");
    }

    private static JsonNode entry(JsonNode statement, String counterparty, String role, String currency) {
        for (JsonNode e : statement.get("entries")) {
            String cp = e.at("/counterparty/country_code").asText() + "/" + e.at("/counterparty/party_id").asText();
            if (cp.equals(counterparty) && e.get("role").asText().equals(role) && e.get("currency").asText().equals(currency)) {
                return e;
            }
        }
        throw new AssertionError("no entry " + counterparty + " " + role + " " + currency + " in " + statement);
    }

    @Test
    public void eachPartySeesTheTotalsOfThePairsItBelongsToAndNothingElse() throws Exception {
        routed(CPO, EMSP, Cdrs.cdr("1", "EUR", "15.342", "4.00", "4.40"), 1000);
        routed(CPO, EMSP, Cdrs.cdr("2", "EUR", "0.658", "0.10", "0.12"), 1000);
        routed(CPO, EMSP, Cdrs.cdr("3", "CHF", "20", "7.5", "8.1"), 1000);
        routed(BOTH, EMSP, Cdrs.cdr("1", "EUR", "1", "1", "1.21"), 1000);
        routed(CPO, BOTH, Cdrs.cdr("4", "EUR", "2.5", "0.75", null), 1000);

        JsonNode emsp = statement(EMSP);
        assertEquals("DE", emsp.at("/party/country_code").asText());
        assertEquals(T0.toString(), emsp.get("period_start").asText());
        assertEquals(3, emsp.get("entries").size());
        JsonNode eur = entry(emsp, "CH/CPO", "EMSP", "EUR");
        assertEquals(2, eur.get("cdr_count").asInt());
        assertEquals("16.000", eur.get("total_energy").decimalValue().toPlainString());
        assertEquals("4.10", eur.at("/total_cost/excl_vat").decimalValue().toPlainString());
        assertEquals("4.52", eur.at("/total_cost/incl_vat").decimalValue().toPlainString());
        assertEquals(1, entry(emsp, "CH/CPO", "EMSP", "CHF").get("cdr_count").asInt());
        assertEquals(1, entry(emsp, "NL/BTH", "EMSP", "EUR").get("cdr_count").asInt());

        JsonNode cpo = statement(CPO);
        assertEquals(3, cpo.get("entries").size());
        assertEquals("4.10", entry(cpo, "DE/MSP", "CPO", "EUR").at("/total_cost/excl_vat").decimalValue().toPlainString());
        assertEquals("7.5", entry(cpo, "DE/MSP", "CPO", "CHF").at("/total_cost/excl_vat").decimalValue().toPlainString());
        JsonNode toBoth = entry(cpo, "NL/BTH", "CPO", "EUR");
        assertEquals(1, toBoth.get("cdrs_without_incl_vat").asInt());

        JsonNode both = statement(BOTH);
        assertEquals("one entry per direction", 2, both.get("entries").size());
        assertEquals("1.21", entry(both, "DE/MSP", "CPO", "EUR").at("/total_cost/incl_vat").decimalValue().toPlainString());
        assertEquals("0.75", entry(both, "CH/CPO", "EMSP", "EUR").at("/total_cost/excl_vat").decimalValue().toPlainString());

        assertEquals("a party outside every pair sees nothing", 0, statement(STRANGER).get("entries").size());
    }

    @Test
    public void aBurstOfCdrsIsCountedInFullBeforeAStatementIsRead() throws Exception {
        int burst = SettlementService.BATCH * 2 + 7;
        for (int i = 0; i < burst; i++) {
            routed(CPO, EMSP, Cdrs.cdr("B" + i, "EUR", "1", "0.10", "0.12"), 1000);
        }
        JsonNode eur = entry(statement(EMSP), "CH/CPO", "EMSP", "EUR");
        assertEquals(burst, eur.get("cdr_count").asInt());
        assertEquals(0, new java.math.BigDecimal(burst).compareTo(eur.get("total_energy").decimalValue()));
    }

    @Test
    public void onlyCdrsTheirRecipientAcceptedCount() throws Exception {
        routed(CPO, EMSP, Cdrs.cdr("1", "EUR", "1", "1", "1"), 2001);
        routed(CPO, EMSP, Cdrs.cdr("2", "EUR", "1", "1", "1"), 3000);
        service.exchanged(Cdrs.post(CPO, EMSP, Cdrs.cdr("3", "EUR", "1", "1", "1")),
                new OcpiReply(502, Map.of(), "Bad Gateway".getBytes(StandardCharsets.UTF_8)));
        routed(CPO, EMSP, Cdrs.cdr("4", "EUR", "2", "2.00", "2.40"), 1000);
        routed(CPO, EMSP, Cdrs.cdr("4", "EUR", "2", "2.00", "2.40"), 1000);
        JsonNode entries = statement(EMSP).get("entries");
        assertEquals(1, entries.size());
        assertEquals("only CDR 4, and once", 1, entries.get(0).get("cdr_count").asInt());
        assertEquals("2.00", entries.get(0).at("/total_cost/excl_vat").decimalValue().toPlainString());
    }

    @Test
    public void malformedCdrsAreSkippedWithoutDisturbingTheOthers() throws Exception {
        routed(CPO, EMSP, "not json", 1000);
        routed(CPO, EMSP, "{\"id\":\"5\"}", 1000);
        routed(CPO, EMSP, Cdrs.example().put("total_energy", "lots").toString(), 1000);
        routed(CPO, EMSP, Cdrs.example().toString(), 1000);
        JsonNode entries = statement(CPO).get("entries");
        assertEquals(1, entries.size());
        assertEquals("15.342", entries.get(0).get("total_energy").decimalValue().toPlainString());
    }

    @Test
    public void totalsSurviveAnUpdateOfThePlugin() throws Exception {
        routed(CPO, EMSP, Cdrs.cdr("1", "EUR", "1.5", "1.00", "1.19"), 1000);
        service.deactivate();
        service = new SettlementService(derby.open(), SERVICE, Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC));
        routed(CPO, EMSP, Cdrs.cdr("2", "EUR", "2.5", "2.00", "2.38"), 1000);
        JsonNode statement = statement(EMSP);
        assertEquals(T0.toString(), statement.get("period_start").asText());
        JsonNode eur = entry(statement, "CH/CPO", "EMSP", "EUR");
        assertEquals(2, eur.get("cdr_count").asInt());
        assertEquals("3.57", eur.at("/total_cost/incl_vat").decimalValue().toPlainString());
    }

    @Test
    public void otherMethodsPathsAndModulesAreAnsweredCleanly() throws Exception {
        JsonNode post = answer(ask(EMSP, "POST", InterfaceRole.SENDER, "settlement", ""));
        assertEquals(405, post.get("http").asInt());
        assertEquals(2000, post.get("status_code").asInt());

        JsonNode path = answer(ask(EMSP, "GET", InterfaceRole.SENDER, "settlement", "/DE/MSP"));
        assertEquals(200, path.get("http").asInt());
        assertEquals(2001, path.get("status_code").asInt());

        JsonNode receiver = answer(ask(EMSP, "GET", InterfaceRole.RECEIVER, "settlement", ""));
        assertEquals(2001, receiver.get("status_code").asInt());
        assertTrue(receiver.get("status_message").asText().contains("Sender interface"));

        JsonNode otherModule = answer(ask(EMSP, "GET", InterfaceRole.SENDER, "locations", ""));
        assertEquals(2001, otherModule.get("status_code").asInt());
        assertTrue(otherModule.get("status_message").asText().contains("CH/STL"));
    }
}
