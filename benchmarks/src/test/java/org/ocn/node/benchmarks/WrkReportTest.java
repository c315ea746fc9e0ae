package org.ocn.node.benchmarks;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.Test;

public class WrkReportTest {

    private static String output(String name) throws IOException {
        try (InputStream in = WrkReportTest.class.getResourceAsStream("/wrk/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    public void theExactLineWinsOverTheRoundedSummary() throws IOException {
        // wrk 4.1.0's output with the benchmark's done() line, against a small static file
        WrkReport r = WrkReport.parse(output("exact.txt"));
        assertTrue(r.exact());
        assertEquals(835, r.requests());
        assertEquals(1.100198, r.seconds(), 1e-9);
        assertEquals(158650, r.bytes(), 0);
        assertEquals(835 / 1.100198, r.requestsPerSecond(), 1e-6);
        assertEquals(4.428, r.latency(50), 1e-9);
        assertEquals(23.599, r.latency(99), 1e-9);
        assertEquals(31.073, r.latency(99.9), 1e-9);
        assertEquals(31.073, r.maxLatencyMs(), 1e-9);
        assertEquals(0, r.socketErrors());
        assertEquals(835, r.good());
    }

    @Test
    public void theHumanSummaryAloneParses() throws IOException {
        String exact = output("exact.txt");
        WrkReport r = WrkReport.parse(exact.substring(0, exact.indexOf(WrkReport.EXACT_PREFIX)));
        assertFalse(r.exact());
        assertEquals(835, r.requests());
        assertEquals(1.10, r.seconds(), 1e-9);
        assertEquals(154.93 * 1024, r.bytes(), 1e-6);
        assertEquals(758.95, r.requestsPerSecond(), 1e-9);
        assertEquals(4.43, r.latency(50), 1e-9);
        assertEquals(6.39, r.latency(75), 1e-9);
        assertEquals(8.73, r.latency(90), 1e-9);
        assertEquals(23.60, r.latency(99), 1e-9);
        assertTrue("no 99.9 in the summary", Double.isNaN(r.latency(99.9)));
        assertEquals(31.07, r.maxLatencyMs(), 1e-9);
    }

    @Test
    public void unitsAndErrorsOfTheSummary() throws IOException {
        WrkReport r = WrkReport.parse(output("human-errors.txt"));
        assertEquals(61234, r.requests());
        assertEquals(3.0, r.seconds(), 1e-9);
        assertEquals(5.41 * 1024 * 1024 * 1024, r.bytes(), 1);
        assertEquals(20411.33, r.requestsPerSecond(), 1e-9);
        assertEquals(0.612, r.latency(50), 1e-9);
        assertEquals(1.21, r.latency(90), 1e-9);
        assertEquals(2.5, r.latency(99), 1e-9);
        assertEquals(1200, r.maxLatencyMs(), 1e-9);
        assertEquals(6, r.socketErrors());
        assertEquals(7, r.badStatus());
        assertEquals(61227, r.good());
    }

    @Test
    public void errorsOfTheExactLine() {
        WrkReport r = WrkReport.parse("ocn-bench: requests=100 duration_us=2000000 bytes=1000 connect=1 read=2 "
                + "write=3 timeout=4 status=5 p50_us=100 p99_us=250.5 max_us=900\n");
        assertEquals(10, r.socketErrors());
        assertEquals(5, r.badStatus());
        assertEquals(50, r.requestsPerSecond(), 1e-9);
        assertEquals(0.2505, r.latency(99), 1e-12);
    }

    @Test
    public void noSummaryIsAnErrorWithWhatWrkSaid() throws IOException {
        try {
            WrkReport.parse(output("refused.txt"));
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("unable to connect"));
        }
        try {
            WrkReport.parse("ocn-bench: requests=12\n");
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("incomplete"));
        }
    }

    @Test
    public void timesInEveryUnitWrkUses() {
        assertEquals(512, WrkReport.micros("512.00", "us"), 0);
        assertEquals(1230, WrkReport.micros("1.23", "ms"), 1e-9);
        assertEquals(2e6, WrkReport.micros("2.00", "s"), 0);
        assertEquals(90e6, WrkReport.micros("1.50", "m"), 0);
        assertEquals(3600e6, WrkReport.micros("1", "h"), 0);
    }

    @Test
    public void answersOfTheWrongSizeAreFlagged() {
        // 1000-byte bodies with about 100 bytes of headers: fine
        WrkReport ok = WrkReport.parse("ocn-bench: requests=10 duration_us=1000000 bytes=11000 connect=0 read=0 write=0 "
                + "timeout=0 status=0 p50_us=1 max_us=1");
        assertNull(Wrk.sizeProblem(ok, 1000));
        assertNull(Wrk.errors(ok));
        // error envelopes of 150 bytes where 1000 were expected
        WrkReport small = WrkReport.parse("ocn-bench: requests=10 duration_us=1000000 bytes=2500 connect=0 read=0 "
                + "write=0 timeout=0 status=0 p50_us=1 max_us=1");
        assertTrue(Wrk.sizeProblem(small, 1000).contains("250 bytes on average"));
        // a 92 KB page where a 1 KB location was expected
        WrkReport large = WrkReport.parse("ocn-bench: requests=10 duration_us=1000000 bytes=920000 connect=0 read=0 "
                + "write=0 timeout=0 status=0 p50_us=1 max_us=1");
        assertTrue(Wrk.sizeProblem(large, 1000) != null);
        WrkReport bad = WrkReport.parse("ocn-bench: requests=10 duration_us=1000000 bytes=11000 connect=0 read=1 "
                + "write=0 timeout=0 status=2 p50_us=1 max_us=1");
        assertEquals("2 answers with an HTTP status other than 2xx or 3xx", Wrk.errors(bad));
    }
}
