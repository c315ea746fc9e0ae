package org.ocn.node.examples.settlement.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.ocn.node.api.ocpi.PartyId;

/** The ledger on a real Derby database on disk. */
public class SettlementLedgerTest {

    private static final PartyId CPO = PartyId.of("CH", "CPO");
    private static final PartyId OTHER_CPO = PartyId.of("NL", "CPX");
    private static final PartyId EMSP = PartyId.of("DE", "MSP");
    private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private DerbyFolder derby;

    @Before
    public void database() throws Exception {
        derby = new DerbyFolder(folder.getRoot().toPath().resolve("db"));
    }

    @After
    public void shutdown() {
        derby.shutdown();
    }

    private SettlementLedger ledger(Instant now) throws Exception {
        SettlementLedger ledger = new SettlementLedger(derby.open(), Clock.fixed(now, ZoneOffset.UTC));
        ledger.open();
        return ledger;
    }

    private static SettledCdr cdr(PartyId cpo, PartyId emsp, String id, String currency, String energy, String excl,
                                  String incl) {
        return new SettledCdr(cpo, emsp, id, currency, new BigDecimal(energy), new BigDecimal(excl),
                incl == null ? null : new BigDecimal(incl));
    }

    @Test
    public void totalsAreExactSumsThatKeepTheScaleOfTheAmounts() throws Exception {
        SettlementLedger ledger = ledger(T0);
        assertTrue(ledger.record(cdr(CPO, EMSP, "1", "EUR", "15.342", "0.1", "4.40")));
        assertTrue(ledger.record(cdr(CPO, EMSP, "2", "EUR", "0.0005", "0.2", "0.00")));
        assertTrue(ledger.record(cdr(CPO, EMSP, "3", "EUR", "10", "3.70", "0.0001")));
        PairTotal total = ledger.totalsOf(EMSP).get(0);
        assertEquals(3, total.cdrCount());
        assertEquals("no binary floating point: 0.1 + 0.2 + 3.70 is 4.00", "4.00", total.costExclVat().toPlainString());
        assertEquals("25.3425", total.energyKwh().toPlainString());
        assertEquals("4.4001", total.costInclVat().toPlainString());
        assertEquals(0, total.withoutInclVat());
    }

    @Test
    public void pairsAndCurrenciesAreKeptApartAndAPartySeesThePairsItBelongsTo() throws Exception {
        SettlementLedger ledger = ledger(T0);
        ledger.record(cdr(CPO, EMSP, "1", "EUR", "1", "1", "1.2"));
        ledger.record(cdr(CPO, EMSP, "2", "CHF", "2", "2", null));
        ledger.record(cdr(OTHER_CPO, EMSP, "1", "EUR", "3", "3", "3.6"));
        List<PairTotal> emsp = ledger.totalsOf(EMSP);
        assertEquals(3, emsp.size());
        List<PairTotal> cpo = ledger.totalsOf(CPO);
        assertEquals(2, cpo.size());
        PairTotal chf = cpo.stream().filter(t -> t.currency().equals("CHF")).findFirst().orElseThrow();
        assertEquals(1, chf.withoutInclVat());
        assertEquals("0", chf.costInclVat().toPlainString());
        assertEquals(1, ledger.totalsOf(OTHER_CPO).size());
        assertTrue(ledger.totalsOf(PartyId.of("FR", "XXX")).isEmpty());
    }

    @Test
    public void aCdrCountsOncePerCpoAndId() throws Exception {
        SettlementLedger ledger = ledger(T0);
        assertTrue(ledger.record(cdr(CPO, EMSP, "1", "EUR", "1", "1", "1")));
        assertFalse("sent again (or seen twice): not counted again",
                ledger.record(cdr(CPO, EMSP, "1", "EUR", "1", "1", "1")));
        assertTrue("the same id from another CPO is another CDR",
                ledger.record(cdr(OTHER_CPO, EMSP, "1", "EUR", "1", "1", "1")));
        assertEquals(1, ledger.totalsOf(CPO).get(0).cdrCount());
    }

    @Test
    public void manyCdrsAreCountedInOneTransactionWithDuplicatesLeftOut() throws Exception {
        SettlementLedger ledger = ledger(T0);
        assertTrue(ledger.record(cdr(CPO, EMSP, "1", "EUR", "1", "1", "1")));
        List<Boolean> counted = ledger.recordAll(List.of(cdr(CPO, EMSP, "1", "EUR", "1", "1", "1"),
                cdr(CPO, EMSP, "2", "EUR", "2.5", "2", "2.4"), cdr(CPO, EMSP, "2", "EUR", "2.5", "2", "2.4"),
                cdr(CPO, EMSP, "3", "CHF", "3", "3", "3.6")));
        assertEquals("counted before, new, twice in the batch, new", List.of(false, true, false, true), counted);
        List<PairTotal> totals = ledger.totalsOf(EMSP);
        PairTotal eur = totals.stream().filter(t -> t.currency().equals("EUR")).findFirst().orElseThrow();
        assertEquals(2, eur.cdrCount());
        assertEquals("3.5", eur.energyKwh().toPlainString());
        assertEquals("3.4", eur.costInclVat().toPlainString());
        assertEquals(1, totals.stream().filter(t -> t.currency().equals("CHF")).findFirst().orElseThrow().cdrCount());
    }

    @Test
    public void totalsAndThePeriodStartSurviveRestartsOfThePluginAndTheDatabase() throws Exception {
        SettlementLedger first = ledger(T0);
        assertEquals(T0, first.periodStart().orElseThrow());
        first.record(cdr(CPO, EMSP, "1", "EUR", "15.342", "4.00", "4.40"));
        derby.shutdown();

        Instant later = T0.plus(Duration.ofDays(3));
        SettlementLedger second = ledger(later);
        assertEquals("the period starts when the plugin first ran here", T0, second.periodStart().orElseThrow());
        assertFalse("CDRs counted before the restart are remembered",
                second.record(cdr(CPO, EMSP, "1", "EUR", "15.342", "4.00", "4.40")));
        assertTrue(second.record(cdr(CPO, EMSP, "2", "EUR", "1.658", "1.00", "1.10")));
        PairTotal total = second.totalsOf(CPO).get(0);
        assertEquals(2, total.cdrCount());
        assertEquals("17.000", total.energyKwh().toPlainString());
        assertEquals("5.00", total.costExclVat().toPlainString());
        assertEquals("5.50", total.costInclVat().toPlainString());
        assertEquals(T0, total.firstCountedAt());
        assertEquals(later, total.lastCountedAt());
    }
}
