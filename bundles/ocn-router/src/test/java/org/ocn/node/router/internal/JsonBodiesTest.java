package org.ocn.node.router.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.Test;

public class JsonBodiesTest {

    private final JsonBodies json = new JsonBodies();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    public void recognisesExactlyOneJsonDocument() {
        assertTrue(json.isJson(bytes("{\"status_code\":1000}")));
        assertTrue(json.isJson(bytes(" [1, 2.50, 1e3] ")));
        assertFalse(json.isJson(bytes("")));
        assertFalse(json.isJson(bytes("<html></html>")));
        assertFalse(json.isJson(bytes("{\"a\":1} {\"b\":2}")));
        assertFalse(json.isJson(bytes("{\"a\":")));
    }

    @Test
    public void replacesOnlyTheBytesOfTheTopLevelValue() {
        String body = "{ \"token\" : {\"response_url\":\"nested\"},\n  \"response_url\" :  \"https://msp/r?x=1\" ,"
                + "\"amount\":1.50, \"naïve\":\"ü\"}";
        JsonBodies.Found found = json.topLevelString(bytes(body), "response_url");
        assertEquals("https://msp/r?x=1", found.value());
        byte[] replaced = JsonBodies.replace(bytes(body), found, "https://node/ocpi/x/\"quoted\"");
        assertEquals(body.replace("\"https://msp/r?x=1\"", "\"https://node/ocpi/x/\\\"quoted\\\"\""),
                new String(replaced, StandardCharsets.UTF_8));
    }

    @Test
    public void byteOffsetsHoldAfterMultiByteCharacters() {
        String body = "{\"name\":\"Zürich Hauptbahnhof — Süd\",\"response_url\":\"http://a/b\"}";
        JsonBodies.Found found = json.topLevelString(bytes(body), "response_url");
        assertEquals("{\"name\":\"Zürich Hauptbahnhof — Süd\",\"response_url\":\"http://n/1\"}",
                new String(JsonBodies.replace(bytes(body), found, "http://n/1"), StandardCharsets.UTF_8));
    }

    @Test
    public void absentOrNonStringValuesAreNotFound() {
        assertNull(json.topLevelString(bytes("{\"response_url\":null}"), "response_url"));
        assertNull(json.topLevelString(bytes("{\"other\":\"x\"}"), "response_url"));
        assertNull(json.topLevelString(bytes("[\"response_url\"]"), "response_url"));
        assertNull(json.topLevelString(bytes("not json"), "response_url"));
    }

    @Test
    public void aNameWrittenWithEscapesIsStillFound() {
        JsonBodies.Found found = json.topLevelString(bytes("{\"a\":1,\"ocn\\u005fsignature\":\"sig\"}"), "ocn_signature");
        assertEquals("sig", found.value());
    }

    @Test
    public void onlyBodiesThatMayHoldTheFieldAreParsed() {
        assertFalse(JsonBodies.mayHoldField(bytes("{\"data\":{\"ocn_signatures\":1}}"), "ocn_signature"));
        assertFalse(JsonBodies.mayHoldField(bytes("{\"ocn_signatur"), "ocn_signature"));
        assertTrue(JsonBodies.mayHoldField(bytes("{\"x\":1,\"ocn_signature\""), "ocn_signature"));
        assertTrue(JsonBodies.mayHoldField(bytes("{\"url\":\"http:\\/\\/a\"}"), "ocn_signature"));
    }
}
