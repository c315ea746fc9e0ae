package org.ocn.node.spi.routing;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;
import org.ocn.node.api.ocpi.OcpiStatus;

public class OcpiReplyTest {

    /** An OCPI DateTime in UTC: seconds, or milliseconds, and Z. */
    private static final Pattern BODY_TIMESTAMP = Pattern.compile(
            "\"timestamp\":\"(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3})?Z)\"}$");

    @Test
    public void okWrapsTheDataTextAsItIs() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        OcpiReply reply = OcpiReply.ok("{\"message\":\"Grüezi\",\"n\":4.00}");
        Instant after = Instant.now();

        assertEquals(200, reply.status());
        assertEquals(Map.of(), reply.headers());
        String timestamp = timestampOf(reply);
        assertEquals("{\"data\":{\"message\":\"Grüezi\",\"n\":4.00},\"status_code\":1000,\"status_message\":\"Success\","
                + "\"timestamp\":\"" + timestamp + "\"}", text(reply));
        Instant at = Instant.parse(timestamp);
        assertFalse("timestamped now, not before the call", at.isBefore(before));
        assertFalse("timestamped now, not after the call", at.isAfter(after));
    }

    @Test
    public void okWrapsTheDataBytesAsTheyAre() {
        byte[] data = "[1, \"zwei\", {\"drei\": null}]".getBytes(StandardCharsets.UTF_8);
        OcpiReply reply = OcpiReply.ok(data);

        assertEquals(200, reply.status());
        assertEquals("{\"data\":[1, \"zwei\", {\"drei\": null}],\"status_code\":1000,\"status_message\":\"Success\","
                + "\"timestamp\":\"" + timestampOf(reply) + "\"}", text(reply));
    }

    @Test
    public void okOfTextAndOfBytesGiveTheSameEnvelope() {
        Instant at = Instant.parse("2026-11-24T06:11:47.123Z");
        assertArrayEquals(OcpiReply.successEnvelope("\"é\"".getBytes(StandardCharsets.UTF_8), at),
                ("{\"data\":\"é\",\"status_code\":1000,\"status_message\":\"Success\","
                        + "\"timestamp\":\"2026-11-24T06:11:47.123Z\"}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void okRefusesNoData() {
        assertThrows(IllegalArgumentException.class, () -> OcpiReply.ok(""));
        assertThrows(IllegalArgumentException.class, () -> OcpiReply.ok(" \n\t".getBytes(StandardCharsets.UTF_8)));
        assertThrows(NullPointerException.class, () -> OcpiReply.ok((String) null));
    }

    @Test
    public void okWithoutDataHasNoDataField() {
        OcpiReply reply = OcpiReply.okWithoutData();

        assertEquals(200, reply.status());
        assertEquals("{\"status_code\":1000,\"status_message\":\"Success\",\"timestamp\":\"" + timestampOf(reply)
                + "\"}", text(reply));
    }

    @Test
    public void okTakesHeaders() {
        OcpiReply reply = OcpiReply.ok("[]").withHeader("X-Total-Count", "0").withHeader("X-Limit", "10");

        assertEquals("0", reply.header("x-total-count"));
        assertEquals(Map.of("x-total-count", "0", "x-limit", "10"), reply.headers());
    }

    @Test
    public void errorsKeepTheirBytes() {
        OcpiReply reply = OcpiReply.error(404, OcpiStatus.UNKNOWN_LOCATION, "No \"CDR\" here\n");

        assertEquals(404, reply.status());
        assertEquals("{\"status_code\":2003,\"status_message\":\"No \\\"CDR\\\" here\\n\",\"timestamp\":\""
                + timestampOf(reply) + "\"}", text(reply));
        assertArrayEquals(("{\"status_code\":3000,\"status_message\":\"a\\u0001\",\"timestamp\":"
                        + "\"2026-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8),
                OcpiReply.envelope(null, OcpiStatus.SERVER_ERROR, "a\u0001", Instant.parse("2026-01-01T00:00:00Z")));
    }

    @Test
    public void timestampsAreUtcWithAtMostMilliseconds() {
        assertEquals("2026-11-24T06:11:47Z", OcpiReply.dateTime(Instant.parse("2026-11-24T06:11:47Z")));
        assertEquals("2026-11-24T06:11:47Z", OcpiReply.dateTime(Instant.parse("2026-11-24T06:11:47.000999Z")));
        assertEquals("2026-11-24T06:11:47.120Z", OcpiReply.dateTime(Instant.parse("2026-11-24T06:11:47.12Z")));
        assertEquals("2026-11-24T06:11:47.123Z", OcpiReply.dateTime(Instant.parse("2026-11-24T06:11:47.123456789Z")));
        assertEquals("2026-11-24T06:11:47.001Z", OcpiReply.dateTime(Instant.parse("2026-11-24T06:11:47.001Z")));
    }

    private static String text(OcpiReply reply) {
        return new String(reply.body(), StandardCharsets.UTF_8);
    }

    /** @return the envelope's timestamp, which must be its last field and an OCPI DateTime in UTC */
    private static String timestampOf(OcpiReply reply) {
        Matcher m = BODY_TIMESTAMP.matcher(text(reply));
        assertTrue("an OCPI DateTime in UTC at the end of " + text(reply), m.find());
        return m.group(1);
    }
}
