package org.ocn.node.examples.settlement.internal;

import java.io.IOException;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.ocn.node.api.ocpi.OcpiStatus;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.spi.routing.OcpiReply;

/** JSON as settlement reads and writes it: amounts as exact decimals both ways, answers in the OCPI envelope. */
final class SettlementJson {

    private SettlementJson() {
    }

    /**
     * @return a mapper that reads every JSON number with a fraction as a {@link java.math.BigDecimal} with the scale
     *         it was written with ({@code 4.00} stays {@code 4.00}), and writes decimals in plain notation
     */
    static ObjectMapper mapper() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();
    }

    /** @return whether an answer is an OCPI envelope with {@code status_code} 1000: the recipient accepted */
    static boolean accepted(ObjectMapper mapper, OcpiReply reply) {
        try {
            JsonNode status = mapper.readTree(reply.body()).get("status_code");
            return status != null && status.canConvertToInt() && status.asInt() == OcpiStatus.SUCCESS.code();
        } catch (IOException | RuntimeException notJson) {
            return false;
        }
    }

    /** @return a success answer around the data, HTTP 200: the SPI writes the OCPI envelope */
    static OcpiReply success(ObjectMapper mapper, JsonNode data) {
        try {
            return OcpiReply.ok(mapper.writeValueAsBytes(data));
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** @return {@code {"country_code": ..., "party_id": ...}} */
    static ObjectNode party(ObjectMapper mapper, PartyId party) {
        return mapper.createObjectNode().put("country_code", party.countryCode()).put("party_id", party.partyId());
    }
}
