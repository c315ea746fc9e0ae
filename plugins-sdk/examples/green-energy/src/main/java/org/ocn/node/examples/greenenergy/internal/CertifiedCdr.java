package org.ocn.node.examples.greenenergy.internal;

import java.math.BigDecimal;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import org.ocn.node.api.ocpi.PartyId;

/**
 * What a certificate takes from a CDR.
 *
 * @param cpo           the CPO, the sender of the CDR ({@code OCPI-from-*}, authenticated by the node)
 * @param emsp          the eMSP, its recipient ({@code OCPI-to-*})
 * @param cdrId         the CDR's {@code id}
 * @param locationId    its {@code cdr_location.id}
 * @param startDateTime its {@code start_date_time}, as sent
 * @param endDateTime   its {@code end_date_time}, as sent
 * @param energyKwh     its {@code total_energy}
 */
record CertifiedCdr(PartyId cpo, PartyId emsp, String cdrId, String locationId, String startDateTime,
                    String endDateTime, BigDecimal energyKwh) {

    CertifiedCdr {
        Objects.requireNonNull(cpo, "cpo");
        Objects.requireNonNull(emsp, "emsp");
        Objects.requireNonNull(cdrId, "cdrId");
        Objects.requireNonNull(locationId, "locationId");
        Objects.requireNonNull(startDateTime, "startDateTime");
        Objects.requireNonNull(endDateTime, "endDateTime");
        Objects.requireNonNull(energyKwh, "energyKwh");
    }

    /**
     * @param cdr the CDR, read with exact decimals
     * @throws IllegalArgumentException naming the first field that is missing or malformed
     */
    static CertifiedCdr read(PartyId cpo, PartyId emsp, JsonNode cdr) {
        if (cdr == null || !cdr.isObject()) {
            throw new IllegalArgumentException("the body is not a JSON object");
        }
        JsonNode energy = cdr.get("total_energy");
        if (energy == null || !energy.isNumber()) {
            throw new IllegalArgumentException("total_energy is missing or not a number");
        }
        BigDecimal kwh = energy.decimalValue();
        if (kwh.toPlainString().length() > 40) {
            throw new IllegalArgumentException("total_energy has more than 40 digits");
        }
        return new CertifiedCdr(cpo, emsp, text(cdr, "id", 39), text(cdr.path("cdr_location"), "cdr_location.id", 36),
                text(cdr, "start_date_time", 40), text(cdr, "end_date_time", 40), kwh);
    }

    /** @param path the field's name, or {@code parent.name} for a field of an object inside the CDR */
    private static String text(JsonNode node, String path, int maxLength) {
        String field = path.substring(path.lastIndexOf('.') + 1);
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(path + " is missing or not a string");
        }
        if (value.asText().length() > maxLength) {
            throw new IllegalArgumentException(path + " is longer than " + maxLength + " characters");
        }
        return value.asText();
    }
}
