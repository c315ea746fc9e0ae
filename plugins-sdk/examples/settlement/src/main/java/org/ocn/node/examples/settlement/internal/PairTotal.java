package org.ocn.node.examples.settlement.internal;

import java.math.BigDecimal;
import java.time.Instant;

import org.ocn.node.api.ocpi.PartyId;

/**
 * The totals of the CDRs one CPO sent one eMSP in one currency.
 *
 * @param cpo            the CPO (sender of the CDRs)
 * @param emsp           the eMSP (their recipient)
 * @param currency       the currency
 * @param cdrCount       how many CDRs were counted
 * @param energyKwh      the sum of their {@code total_energy}
 * @param costExclVat    the sum of their {@code total_cost.excl_vat}
 * @param costInclVat    the sum of their {@code total_cost.incl_vat}, over those that have one
 * @param withoutInclVat how many of them had no {@code incl_vat} (it is optional in OCPI 2.2.1)
 * @param firstCountedAt when the first of them was counted
 * @param lastCountedAt  when the last of them was counted
 */
record PairTotal(PartyId cpo, PartyId emsp, String currency, long cdrCount, BigDecimal energyKwh,
                 BigDecimal costExclVat, BigDecimal costInclVat, long withoutInclVat, Instant firstCountedAt,
                 Instant lastCountedAt) {

    /** @return these totals with one more CDR */
    PairTotal plus(SettledCdr cdr, Instant countedAt) {
        return new PairTotal(cpo, emsp, currency, cdrCount + 1, energyKwh.add(cdr.energyKwh()),
                costExclVat.add(cdr.costExclVat()),
                cdr.costInclVat() == null ? costInclVat : costInclVat.add(cdr.costInclVat()),
                cdr.costInclVat() == null ? withoutInclVat + 1 : withoutInclVat, firstCountedAt, countedAt);
    }

    /** @return the totals of a pair's first CDR */
    static PairTotal first(SettledCdr cdr, Instant countedAt) {
        return new PairTotal(cdr.cpo(), cdr.emsp(), cdr.currency(), 0, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, 0, countedAt, countedAt).plus(cdr, countedAt);
    }
}
