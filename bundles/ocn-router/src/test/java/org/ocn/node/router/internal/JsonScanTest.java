package org.ocn.node.router.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;

import org.junit.Test;

/** The one-pass scan gives Jackson's verdict and finds what Jackson finds. */
public class JsonScanTest {

    private final JsonBodies json = new JsonBodies();

    private static final String[] SAMPLES = {
        "{\"status_code\":1000,\"data\":[{\"id\":\"LOC1\",\"lat\":52.10,\"n\":-0.5e-3,\"ok\":true,\"x\":null}],"
                + "\"timestamp\":\"2026-01-01T00:00:00Z\",\"ocn_signature\":\"eyJhIjoxfQ==\"}",
        "{ \"a\" : [ 1 , 2 , { } , [ ] , \"\\u00fc\\n\" ] ,\n\t\"ocn_signature\" : \"s\" }",
        "[\"ocn_signature\", {\"ocn_signature\":\"nested\"}]",
        "{\"name\":\"Zürich — Süd 😀\",\"ocn_signature\":\"sig\",\"ocn_signature\":\"second\"}",
        "{\"ocn_signature\":1,\"ocn_signature\":\"later\"}",
        "{\"ocn\\u005fsignature\":\"escaped name\"}",
        "{\"ocn_signature\":\"esc\\\"aped\"}",
        "\"a root string\"", "123", "-0", "true", "null", " {} ", "[]",
        "", " ", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "01", "1.", ".5", "1e", "-", "tru", "nul", "[1 2]",
        "{\"a\":1} {\"b\":2}", "<html></html>", "{'a':1}", "{\"a\":\"\u0001\"}", "[\"\\x\"]", "[\"\\u12\"]",
        "\ufeff{\"a\":1}", "[NaN]", "{\"a\":1}x",
    };

    @Test
    public void agreesWithJacksonOnSamples() {
        for (String sample : SAMPLES) {
            check(sample.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    public void agreesWithJacksonOnMutatedSamples() {
        Random random = new Random(42);
        byte[] alphabet = "{}[]\",:\\ 0123456789.-+eEtrufalsn\u00fcx\t\n".getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 20_000; round++) {
            byte[] body = SAMPLES[random.nextInt(4)].getBytes(StandardCharsets.UTF_8);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && body.length > 0; e++) {
                int at = random.nextInt(body.length);
                switch (random.nextInt(3)) {
                    case 0 -> body[at] = alphabet[random.nextInt(alphabet.length)];
                    case 1 -> body = java.util.Arrays.copyOf(body, at); // truncated
                    default -> body[at] = (byte) random.nextInt(256);
                }
            }
            check(body);
        }
    }

    @Test
    public void findsTheFirstTopLevelStringWithItsBytes() {
        JsonBodies.Answer a = json.answer(SAMPLES[3].getBytes(StandardCharsets.UTF_8), "ocn_signature");
        assertTrue(a.json());
        assertEquals("sig", a.field().value());
        assertEquals("later", json.answer(SAMPLES[4].getBytes(StandardCharsets.UTF_8), "ocn_signature").field().value());
        assertNull(json.answer(SAMPLES[2].getBytes(StandardCharsets.UTF_8), "ocn_signature").field());
        assertFalse(json.answer("{\"a\":".getBytes(StandardCharsets.UTF_8), "a").json());
    }

    @Test
    public void requestIdsAreVersion4Uuids() {
        for (int i = 0; i < 100; i++) {
            UUID id = UUID.fromString(Delivery.requestId());
            assertEquals(4, id.version());
            assertEquals(2, id.variant());
        }
    }

    private void check(byte[] body) {
        boolean expected = jacksonIsJson(body);
        JsonBodies.Answer answer = json.answer(body, "ocn_signature");
        String text = new String(body, StandardCharsets.UTF_8);
        assertEquals(text, expected, answer.json());
        assertEquals(text, expected, json.isJson(body));
        if (expected) {
            JsonBodies.Found found = json.topLevelString(body, "ocn_signature");
            assertEquals(text, found, answer.field());
        }
    }

    private static boolean jacksonIsJson(byte[] body) {
        if (body.length == 0) {
            return false;
        }
        try (com.fasterxml.jackson.core.JsonParser p = new com.fasterxml.jackson.core.JsonFactory().createParser(body)) {
            if (p.nextToken() == null) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
