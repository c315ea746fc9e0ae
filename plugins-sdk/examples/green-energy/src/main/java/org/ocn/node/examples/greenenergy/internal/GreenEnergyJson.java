package org.ocn.node.examples.greenenergy.internal;

import java.io.IOException;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.ocn.node.api.ocpi.OcpiStatus;
import org.ocn.node.spi.routing.OcpiReply;

/** JSON as the plugin reads and writes it: numbers as exact decimals both ways, answers in the OCPI envelope. */
final class GreenEnergyJson {

    private GreenEnergyJson() {
    }

    /** @return a mapper that reads numbers with a fraction as exact decimals and writes them in plain notation */
    static ObjectMapper mapper() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();
    }

    /** @return whether an answer is an OCPI envelope with {@code status_code} 1000 */
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
}
