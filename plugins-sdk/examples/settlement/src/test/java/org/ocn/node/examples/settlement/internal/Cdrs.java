package org.ocn.node.examples.settlement.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.VersionNumber;
import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;

/**
 * CDRs for the tests: the OCPI 2.2.1 specification's example ({@code ocpi-examples/}, unmodified, see its NOTICE),
 * with id, currency and amounts changed at load time, and the routed requests and answers that carry them.
 */
final class Cdrs {

    private static final ObjectMapper JSON = SettlementJson.mapper();

    private Cdrs() {
    }

    /** @return the specification's example CDR: id 12345, EUR, 15.342 kWh, 4.00 / 4.40 */
    static ObjectNode example() {
        try (InputStream in = Cdrs.class.getResourceAsStream("/ocpi-examples/2.2.1/cdr_example.json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the example with another id, currency and amounts (given as JSON number text, kept as written) */
    static String cdr(String id, String currency, String energy, String exclVat, String inclVat) {
        ObjectNode cdr = example().put("id", id).put("currency", currency);
        cdr.set("total_energy", read(energy));
        ObjectNode cost = cdr.putObject("total_cost");
        cost.set("excl_vat", read(exclVat));
        if (inclVat != null) {
            cost.set("incl_vat", read(inclVat));
        }
        return cdr.toString();
    }

    /** @return JSON text read as settlement reads it (numbers keep the scale they are written with) */
    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the POST of a CDR from a CPO to an eMSP, as the node routes it */
    static OcpiRequest post(PartyId cpo, PartyId emsp, String body) {
        return new OcpiRequest("POST", VersionNumber.V2_2_1, "cdrs", InterfaceRole.RECEIVER, "", null,
                Map.of("x-request-id", "r", "x-correlation-id", "c"), body.getBytes(StandardCharsets.UTF_8), cpo, emsp);
    }

    /** @return an answer with this status code */
    static OcpiReply answer(int statusCode) {
        return new OcpiReply(200, Map.of(), ("{\"status_code\":" + statusCode + ",\"timestamp\":\"2026-01-01T00:00:00Z\"}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
