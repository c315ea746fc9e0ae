package org.ocn.node.benchmarks;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.eclipse.jetty.http.HttpFields;
import org.junit.Test;

public class WrkTest {

    @Test
    public void foundOnThePathOnlyWhenExecutable() throws Exception {
        Path empty = Files.createTempDirectory("no-wrk");
        Path dir = Files.createTempDirectory("wrk");
        Path wrk = Files.createFile(dir.resolve("wrk"));
        assertNull(Wrk.find(empty + File.pathSeparator + dir));
        Files.setPosixFilePermissions(wrk, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(wrk, Wrk.find(File.pathSeparator + empty + File.pathSeparator + dir));
        assertNull(Wrk.find(null));
        assertNull(Wrk.find(empty.toString()));
    }

    @Test
    public void wholeSecondsAndTheCommand() {
        assertEquals(1, Wrk.seconds(Duration.ZERO));
        assertEquals(1, Wrk.seconds(Duration.ofMillis(400)));
        assertEquals(3, Wrk.seconds(Duration.ofMillis(2600)));
        assertEquals(List.of("/usr/bin/wrk", "-t", "2", "-c", "16", "-d", "12s", "--timeout", "30s", "--latency", "-s",
                "/tmp/s.lua", "http://127.0.0.1:1/x"), Wrk.command(Path.of("/usr/bin/wrk"), 2, 16, 12,
                Path.of("/tmp/s.lua"), URI.create("http://127.0.0.1:1/x")));
    }

    /** wrk itself against the mock CPO, when it is installed: the script, the run and the parser together. */
    @Test
    public void saturatesTheMockCpoWhenInstalled() throws Exception {
        Path executable = Wrk.find(System.getenv("PATH"));
        // wrk is optional by design: the benchmark uses it when an operator installed it (Debian's wrk) and falls back
        // to its Java generator otherwise; the parser is tested on recorded wrk output whether or not wrk is here
        assumeTrue("wrk is not on the PATH: the live run is skipped (the benchmark then uses its Java generator)",
                executable != null);
        try (MockParty cpo = new MockParty(freePort(), "B-token", true, Benchmark.CPO_KEY)) {
            HttpFields headers = HttpFields.build().put("Authorization", "Token " + Http.base64("B-token"));
            long length = Payloads.smallLocation().length;
            Wrk wrk = new Wrk(executable, 1);
            assertTrue(wrk.describe(), wrk.describe().startsWith("wrk "));
            LoadGenerator.Outcome o = wrk.saturate(new LoadGenerator.Target("small", URI.create(cpo.locationsUrl()
                    + "/LOC00001"), headers, length), 2, Duration.ZERO, Duration.ofSeconds(1), () -> 0);
            assertNull(o.firstError(), o.firstError());
            assertTrue("" + o.requests(), o.requests() > 100);
            assertEquals(0, o.errors());
            assertTrue(o.percentiles().p99() > 0);
            assertTrue(o.generatorCpuNanos() >= 0);
            // the wrong token: 401s, counted as errors
            LoadGenerator.Outcome refused = wrk.saturate(new LoadGenerator.Target("refused",
                    URI.create(cpo.locationsUrl() + "/LOC00001"), HttpFields.build().put("Authorization", "Token x"),
                    length), 1, Duration.ZERO, Duration.ofSeconds(1), () -> 0);
            assertEquals(0, refused.requests());
            assertTrue(refused.errors() > 0);
        }
    }

    static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
