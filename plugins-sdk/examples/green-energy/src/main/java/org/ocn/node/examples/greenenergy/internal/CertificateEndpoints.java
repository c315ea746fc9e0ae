package org.ocn.node.examples.greenenergy.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.OcpiStatus;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.spi.routing.InterfaceRules;
import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;
import org.ocn.node.spi.services.ServiceKeys;

/**
 * The custom module {@value #MODULE}, as parties call it on the service:
 * <ul>
 *   <li>{@code GET /ocpi/custom/sender/green-energy?offset=&limit=}: the certificates of the CDRs the asking party
 *   sent (as CPO) or received (as eMSP), oldest first, with {@code X-Total-Count} and {@code X-Limit};</li>
 *   <li>{@code GET /ocpi/custom/sender/green-energy/{certificate_id}}: one of them;</li>
 *   <li>{@code POST /ocpi/custom/receiver/green-energy/verify}: whether a certificate's signature holds, for anyone.</li>
 * </ul>
 * A certificate is answered as {@code {"certificate": {...}, "certificate_json": "<the exact signed text>",
 * "signature": "0x...", "signer": "0x..."}}.
 */
final class CertificateEndpoints {

    static final String MODULE = "green-energy";
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    private final CertificateStore store;
    private final ServiceKeys keys;
    private final PartyId service;
    private final ObjectMapper json;

    CertificateEndpoints(CertificateStore store, ServiceKeys keys, PartyId service, ObjectMapper json) {
        this.store = store;
        this.keys = keys;
        this.service = service;
        this.json = json;
    }

    /** @return the answer to a request addressed to the service */
    OcpiReply answer(OcpiRequest request) throws SQLException {
        if (!MODULE.equals(request.module())) {
            return OcpiReply.error(200, OcpiStatus.INVALID_OR_MISSING_PARAMETERS, "The green-energy certification "
                    + "service " + service + " answers only its custom module " + MODULE + ", not module "
                    + request.module());
        }
        if (request.role() == InterfaceRole.SENDER) {
            Optional<OcpiReply> wrong = InterfaceRules.check(request, "GET", "[/{certificate_id}]");
            if (wrong.isPresent()) {
                return wrong.get();
            }
            List<String> path = request.pathSegments();
            return path.isEmpty() ? list(request) : one(request.sender(), path.get(0));
        }
        Optional<OcpiReply> wrong = InterfaceRules.check(request, "POST", "/verify");
        return wrong.isPresent() ? wrong.get() : verify(request);
    }

    private OcpiReply list(OcpiRequest request) throws SQLException {
        int offset;
        int limit;
        try {
            offset = number(request, "offset", 0);
            limit = Math.min(number(request, "limit", DEFAULT_LIMIT), MAX_LIMIT);
        } catch (IllegalArgumentException e) {
            return OcpiReply.error(200, OcpiStatus.INVALID_OR_MISSING_PARAMETERS, e.getMessage());
        }
        ArrayNode page = json.createArrayNode();
        for (Certificate c : store.certificatesOf(request.sender(), offset, limit)) {
            page.add(entry(c));
        }
        return GreenEnergyJson.success(json, page)
                .withHeader("X-Total-Count", Integer.toString(store.countOf(request.sender())))
                .withHeader("X-Limit", Integer.toString(limit));
    }

    private static int number(OcpiRequest request, String name, int absent) {
        Optional<String> text = request.queryParameter(name);
        if (text.isEmpty()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value < 0 || (name.equals("limit") && value == 0)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a " + (name.equals("limit") ? "positive" : "non-negative")
                    + " integer, not '" + text.get() + "'");
        }
    }

    /** A party sees the certificates of its own CDRs only; any other id is unknown to it. */
    private OcpiReply one(PartyId asking, String id) throws SQLException {
        Optional<Certificate> found = store.find(id)
                .filter(c -> c.cpo().equals(asking) || c.emsp().equals(asking));
        if (found.isEmpty()) {
            return OcpiReply.error(404, OcpiStatus.CLIENT_ERROR, "No certificate " + id + " for " + asking);
        }
        return GreenEnergyJson.success(json, entry(found.get()));
    }

    private ObjectNode entry(Certificate c) {
        ObjectNode entry = json.createObjectNode();
        try {
            entry.set("certificate", json.readTree(c.json()));
        } catch (IOException e) {
            throw new IllegalStateException("stored certificate " + c.id() + " is not JSON", e);
        }
        entry.put("certificate_json", c.json());
        entry.put("signature", c.signature());
        entry.put("signer", c.signer());
        return entry;
    }

    /**
     * Checks a signature: {@code {"certificate_json": "...", "signature": "0x...", "signer": "0x..."}}, the signer
     * being this service's address when left out. Answers {@code valid}, the {@code signer} checked against, the
     * certificate's id when the JSON has one, and {@code issued_here}: this service issued exactly this certificate
     * with exactly this signature.
     */
    private OcpiReply verify(OcpiRequest request) throws SQLException {
        JsonNode body;
        try {
            body = json.readTree(request.body());
        } catch (IOException e) {
            return OcpiReply.error(400, OcpiStatus.INVALID_OR_MISSING_PARAMETERS, "The body is not JSON");
        }
        if (body == null || !body.path("certificate_json").isTextual() || !body.path("signature").isTextual()) {
            return OcpiReply.error(200, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                    "Expected {\"certificate_json\": \"...\", \"signature\": \"0x...\"} and optionally \"signer\"");
        }
        String certificateJson = body.get("certificate_json").asText();
        String signature = body.get("signature").asText();
        String signer = body.path("signer").isTextual() ? body.get("signer").asText() : keys.address(service);
        boolean valid;
        try {
            valid = keys.verify(certificateJson.getBytes(StandardCharsets.UTF_8), signature, signer);
        } catch (IllegalArgumentException malformed) {
            valid = false;
        }
        String id = certificateId(certificateJson);
        boolean issuedHere = valid && id != null && store.find(id)
                .filter(c -> c.json().equals(certificateJson) && c.signature().equalsIgnoreCase(signature))
                .isPresent();
        ObjectNode result = json.createObjectNode();
        result.put("valid", valid);
        result.put("signer", signer);
        result.put("certificate_id", id);
        result.put("issued_here", issuedHere);
        return GreenEnergyJson.success(json, result);
    }

    private String certificateId(String certificateJson) {
        try {
            JsonNode id = json.readTree(certificateJson).path("certificate_id");
            return id.isTextual() ? id.asText() : null;
        } catch (IOException notJson) {
            return null;
        }
    }
}
