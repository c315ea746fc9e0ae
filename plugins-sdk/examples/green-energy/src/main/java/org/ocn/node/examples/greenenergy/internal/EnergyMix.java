package org.ocn.node.examples.greenenergy.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A location's energy mix as a certificate states it: what the CPO declared in the location's {@code energy_mix}, or
 * that it declared none, or that the location could not be obtained.
 *
 * @param status        how the mix is known
 * @param isGreenEnergy {@code is_green_energy}, or {@code null} when not known
 * @param sources       {@code energy_sources}, as declared (percentages as sent)
 * @param impacts       {@code environ_impact}, as declared
 * @param supplierName  {@code supplier_name}, or {@code null}
 * @param productName   {@code energy_product_name}, or {@code null}
 */
record EnergyMix(Status status, Boolean isGreenEnergy, List<Source> sources, List<Impact> impacts,
                 String supplierName, String productName) {

    /** How a certificate knows its mix. */
    enum Status {
        /** The location has an {@code energy_mix}. */
        DECLARED,
        /** The location has none: the CPO does not say where its energy comes from. */
        NOT_DECLARED,
        /** The location could not be obtained from the CPO (unknown to it, or not reachable in time). */
        UNAVAILABLE
    }

    /** One {@code EnergySource}: a category and its share in percent. */
    record Source(String source, BigDecimal percentage) {
    }

    /** One {@code EnvironmentalImpact}: a category and its amount (g/kWh). */
    record Impact(String category, BigDecimal amount) {
    }

    /** The mix of a location without {@code energy_mix}. */
    static final EnergyMix NOT_DECLARED = new EnergyMix(Status.NOT_DECLARED, null, List.of(), List.of(), null, null);

    /** The mix of a location that could not be obtained. */
    static final EnergyMix UNAVAILABLE = new EnergyMix(Status.UNAVAILABLE, null, List.of(), List.of(), null, null);

    EnergyMix {
        Objects.requireNonNull(status, "status");
        sources = List.copyOf(sources);
        impacts = List.copyOf(impacts);
    }

    /**
     * Reads a location's {@code energy_mix}, leniently: an absent or {@code null} one is {@link #NOT_DECLARED}, and
     * entries without the required fields are left out (a certificate states what can be read, nothing invented).
     *
     * @param energyMix the {@code energy_mix} value, read with exact decimals, or {@code null}
     */
    static EnergyMix read(JsonNode energyMix) {
        if (energyMix == null || !energyMix.isObject()) {
            return NOT_DECLARED;
        }
        JsonNode green = energyMix.get("is_green_energy");
        List<Source> sources = new ArrayList<>();
        for (JsonNode s : energyMix.path("energy_sources")) {
            if (s.path("source").isTextual() && s.path("percentage").isNumber()) {
                sources.add(new Source(s.get("source").asText(), s.get("percentage").decimalValue()));
            }
        }
        List<Impact> impacts = new ArrayList<>();
        for (JsonNode i : energyMix.path("environ_impact")) {
            if (i.path("category").isTextual() && i.path("amount").isNumber()) {
                impacts.add(new Impact(i.get("category").asText(), i.get("amount").decimalValue()));
            }
        }
        return new EnergyMix(Status.DECLARED, green != null && green.isBoolean() ? green.asBoolean() : null,
                sources, impacts, text(energyMix, "supplier_name"), text(energyMix, "energy_product_name"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
