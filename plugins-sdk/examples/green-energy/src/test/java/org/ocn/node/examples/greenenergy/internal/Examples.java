package org.ocn.node.examples.greenenergy.internal;

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
import org.ocn.node.spi.routing.OcpiRequest;

/**
 * The OCPI 2.2.1 specification's examples ({@code ocpi-examples/}, unmodified, see its NOTICE), combined and changed
 * at load time, and the routed requests that carry them.
 */
final class Examples {

    static final ObjectMapper JSON = GreenEnergyJson.mapper();

    private Examples() {
    }

    static ObjectNode load(String name) {
        try (InputStream in = Examples.class.getResourceAsStream("/ocpi-examples/2.2.1/" + name)) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the example CDR (id 12345 at location LOC1, 15.342 kWh) with another id */
    static ObjectNode cdr(String id) {
        return load("cdr_example.json").put("id", id);
    }

    /** @return the example CDR with another id, location and energy */
    static ObjectNode cdr(String id, String locationId, String energy) {
        ObjectNode cdr = cdr(id);
        ((ObjectNode) cdr.get("cdr_location")).put("id", locationId);
        cdr.set("total_energy", read(energy));
        return cdr;
    }

    /** @return the example location LOC1, with the energy mix of one of the energy mix examples (or none) */
    static ObjectNode location(String energyMixExample) {
        ObjectNode location = load("location_example.json");
        if (energyMixExample != null) {
            location.set("energy_mix", load(energyMixExample).get("energy_mix"));
        }
        return location;
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static OcpiRequest request(String method, String module, InterfaceRole role, String path, String query,
                               String body, PartyId from, PartyId to) {
        return new OcpiRequest(method, VersionNumber.V2_2_1, module, role, path, query,
                Map.of("x-request-id", "r", "x-correlation-id", "c"),
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), from, to);
    }
}
