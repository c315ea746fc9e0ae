package org.ocn.node.examples.settlement.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.ocn.node.api.ocpi.PartyId;

/**
 * One party's statement: an entry per counterparty, role and currency, made only of the pairs the party belongs to.
 *
 * <pre>
 * {
 *   "party": {"country_code": "DE", "party_id": "MSP"},
 *   "period_start": "2026-11-24T09:00:00Z",
 *   "generated_at": "2026-11-24T10:15:00.123Z",
 *   "entries": [{
 *     "counterparty": {"country_code": "CH", "party_id": "CPO"},
 *     "role": "EMSP",
 *     "currency": "EUR",
 *     "cdr_count": 2,
 *     "total_energy": 30.684,
 *     "total_cost": {"excl_vat": 8.00, "incl_vat": 8.80},
 *     "cdrs_without_incl_vat": 0,
 *     "first_cdr_at": "2026-11-24T09:10:00.001Z",
 *     "last_cdr_at": "2026-11-24T10:01:00.002Z"
 *   }]
 * }
 * </pre>
 * {@code role} is the asking party's role in the pair: {@code CPO} (it sent the CDRs: the counterparty owes it) or
 * {@code EMSP} (it received them).
 */
final class Statement {

    private Statement() {
    }

    /**
     * @param party       the party asking
     * @param periodStart since when CDRs are counted
     * @param totals      the totals of the pairs; pairs the party does not belong to are left out
     */
    static ObjectNode of(ObjectMapper mapper, PartyId party, Instant periodStart, List<PairTotal> totals,
                         Instant generatedAt) {
        ObjectNode statement = mapper.createObjectNode();
        statement.set("party", SettlementJson.party(mapper, party));
        statement.put("period_start", periodStart.toString());
        statement.put("generated_at", generatedAt.toString());
        ArrayNode entries = statement.putArray("entries");
        totals.stream()
                .filter(t -> t.cpo().equals(party) || t.emsp().equals(party))
                .sorted(Comparator.comparing((PairTotal t) -> counterparty(party, t).toString())
                        .thenComparing(t -> role(party, t)).thenComparing(PairTotal::currency))
                .forEach(t -> entries.add(entry(mapper, party, t)));
        return statement;
    }

    private static ObjectNode entry(ObjectMapper mapper, PartyId party, PairTotal t) {
        ObjectNode entry = mapper.createObjectNode();
        entry.set("counterparty", SettlementJson.party(mapper, counterparty(party, t)));
        entry.put("role", role(party, t));
        entry.put("currency", t.currency());
        entry.put("cdr_count", t.cdrCount());
        entry.put("total_energy", t.energyKwh());
        entry.putObject("total_cost").put("excl_vat", t.costExclVat()).put("incl_vat", t.costInclVat());
        entry.put("cdrs_without_incl_vat", t.withoutInclVat());
        entry.put("first_cdr_at", t.firstCountedAt().toString());
        entry.put("last_cdr_at", t.lastCountedAt().toString());
        return entry;
    }

    private static PartyId counterparty(PartyId party, PairTotal t) {
        return t.cpo().equals(party) ? t.emsp() : t.cpo();
    }

    private static String role(PartyId party, PairTotal t) {
        return t.cpo().equals(party) ? "CPO" : "EMSP";
    }
}
