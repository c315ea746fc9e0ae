package org.ocn.node.examples.settlement.internal;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import org.ocn.node.api.ocpi.PartyId;

/**
 * What settlement takes from a CDR: who charged whom (the parties of the routed request), the CDR's id and currency,
 * and its amounts exactly as sent.
 *
 * @param cpo         the CPO, the sender of the CDR ({@code OCPI-from-*}, authenticated by the node)
 * @param emsp        the eMSP, its recipient ({@code OCPI-to-*})
 * @param cdrId       the CDR's {@code id}
 * @param currency    its {@code currency}, upper case
 * @param energyKwh   its {@code total_energy}
 * @param costExclVat its {@code total_cost.excl_vat}
 * @param costInclVat its {@code total_cost.incl_vat}, or {@code null}: optional in OCPI 2.2.1
 */
record SettledCdr(PartyId cpo, PartyId emsp, String cdrId, String currency, BigDecimal energyKwh,
                  BigDecimal costExclVat, BigDecimal costInclVat) {

    /** Longest amount kept, as plain decimal text: far beyond any real CDR, short enough for the ledger's columns. */
    static final int MAX_AMOUNT_DIGITS = 40;

    SettledCdr {
        Objects.requireNonNull(cpo, "cpo");
        Objects.requireNonNull(emsp, "emsp");
        Objects.requireNonNull(cdrId, "cdrId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(energyKwh, "energyKwh");
        Objects.requireNonNull(costExclVat, "costExclVat");
    }

    /**
     * Reads the fields settlement needs from a CDR.
     *
     * @param cdr the CDR as a JSON tree read with {@link SettlementJson#mapper()} (numbers as exact decimals)
     * @throws IllegalArgumentException naming the first field that is missing or malformed
     */
    static SettledCdr read(PartyId cpo, PartyId emsp, JsonNode cdr) {
        if (cdr == null || !cdr.isObject()) {
            throw new IllegalArgumentException("the body is not a JSON object");
        }
        String id = text(cdr, "id");
        if (id.length() > 39) {
            throw new IllegalArgumentException("id is longer than 39 characters");
        }
        String currency = text(cdr, "currency");
        if (currency.length() != 3) {
            throw new IllegalArgumentException("currency \"" + currency + "\" is not an ISO 4217 code");
        }
        JsonNode cost = cdr.get("total_cost");
        if (cost == null || !cost.isObject()) {
            throw new IllegalArgumentException("total_cost is missing");
        }
        JsonNode inclVat = cost.get("incl_vat");
        return new SettledCdr(cpo, emsp, id, currency.toUpperCase(Locale.ROOT), amount(cdr, "total_energy"),
                amount(cost, "excl_vat"), inclVat == null || inclVat.isNull() ? null : amount(cost, "incl_vat"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(field + " is missing or not a string");
        }
        return value.asText();
    }

    private static BigDecimal amount(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException(field + " is missing or not a number");
        }
        BigDecimal amount = value.decimalValue();
        if (amount.toPlainString().length() > MAX_AMOUNT_DIGITS) {
            throw new IllegalArgumentException(field + " has more than " + MAX_AMOUNT_DIGITS + " digits");
        }
        return amount;
    }
}
