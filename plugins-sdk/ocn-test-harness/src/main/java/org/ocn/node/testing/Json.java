package org.ocn.node.testing;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON for the harness: parsing what was received, and the OCPI envelope. */
final class Json {

    /** Thread-safe once configured, and configured here only. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** @return the text parsed, or an exception naming {@code what} when it is not JSON */
    static JsonNode parse(String text, String what) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalStateException(what + " has no JSON body");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalStateException(what + " is not JSON: " + text, e);
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param statusCode the OCPI status code
     * @param message    the status message, or {@code null} for none
     * @param dataJson   the {@code data} value as JSON text, or {@code null} for none
     * @return an OCPI response envelope
     */
    static String envelope(int statusCode, String message, String dataJson) {
        ObjectNode envelope = object();
        if (dataJson != null) {
            envelope.set("data", parse(dataJson, "the data"));
        }
        envelope.put("status_code", statusCode);
        if (message != null) {
            envelope.put("status_message", message);
        }
        envelope.put("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return write(envelope);
    }
}
