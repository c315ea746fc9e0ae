package org.ocn.node.plugins.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

public class AuditLogTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void appendsOneJsonLinePerEventAndReadsTheLastOnes() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("ocn/plugins-audit.log");
        AuditLog log = new AuditLog(file, new ObjectMapper(),
                Clock.fixed(Instant.parse("2026-11-24T10:00:00.123456Z"), ZoneOffset.UTC));
        assertEquals(List.of(), log.last(10));
        log.record(AuditLog.ADMIN_API, "install", "org.example.echo", "1.0.0", "upload (10 bytes)", "ok", "ACTIVE");
        log.record(AuditLog.SHELL, "update", "org.example.echo", "1.0.1", "file:/x.jar", "failed", "boom");
        log.record(AuditLog.DEPLOY_FOLDER, "uninstall", "org.example.echo", null, null, "ok", null);

        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size());
        assertEquals("{\"time\":\"2026-11-24T10:00:00.123Z\",\"actor\":\"admin API\",\"action\":\"install\","
                + "\"plugin\":\"org.example.echo\",\"version\":\"1.0.0\",\"source\":\"upload (10 bytes)\","
                + "\"result\":\"ok\",\"detail\":\"ACTIVE\"}", lines.get(0));

        List<JsonNode> last = log.last(2);
        assertEquals(2, last.size());
        assertEquals("shell", last.get(0).get("actor").asText());
        assertEquals("deploy folder", last.get(1).get("actor").asText());
        assertTrue(last.get(1).get("version").isNull());

        Files.writeString(file, "{\"cut short", java.nio.file.StandardOpenOption.APPEND);
        assertEquals(3, log.last(10).size());
    }

    @Test
    public void aChangeThatWasDoneIsOneEventPerPluginItLeft() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("plugins-audit.log");
        AuditLog log = new AuditLog(file, new ObjectMapper(),
                Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC));
        log.recordDone(AuditLog.ADMIN_API, "install", "it-features", null, "upload (5 bytes)", List.of(
                new Plugin("org.example.a", "1.0.0", "ACTIVE", null, List.of(), List.of(), 50),
                new Plugin("org.example.b", "1.0.0", "FAILED", "missing requirement x", List.of(), List.of(), 51)));
        log.recordDone(AuditLog.SHELL, "install", "it-empty", null, "file:/x.xml", List.of());

        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size());
        assertEquals("{\"time\":\"2026-11-24T10:00:00Z\",\"actor\":\"admin API\",\"action\":\"install\","
                + "\"plugin\":\"org.example.a\",\"version\":\"1.0.0\",\"source\":\"upload (5 bytes)\","
                + "\"result\":\"ok\",\"detail\":\"ACTIVE\"}", lines.get(0));
        assertTrue(lines.get(1), lines.get(1).contains("\"plugin\":\"org.example.b\"")
                && lines.get(1).contains("\"result\":\"failed\",\"detail\":\"missing requirement x\""));
        assertTrue(lines.get(2), lines.get(2).contains("\"plugin\":\"it-empty\",\"version\":null,"
                + "\"source\":\"file:/x.xml\",\"result\":\"ok\",\"detail\":\"no bundle installed\""));
    }
}
