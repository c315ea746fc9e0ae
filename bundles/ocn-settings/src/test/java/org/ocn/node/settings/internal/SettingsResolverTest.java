package org.ocn.node.settings.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.Test;

public class SettingsResolverTest {

    private final Map<String, String> file = new HashMap<>();
    private final Map<String, String> env = new HashMap<>();
    private final Map<String, String> cmd = new HashMap<>();
    private final Map<String, String> framework = new HashMap<>();

    private SettingsResolver.Resolution resolve() {
        return SettingsResolver.resolve(new SettingsResolver.Sources(file, env, cmd, framework::get,
                Path.of("/opt/ocn"), Path.of("/opt/ocn/data")));
    }

    @Test
    public void defaultsFollowTheReferenceNode() {
        SettingsResolver.Resolution r = resolve();
        assertTrue(r.errors().toString(), r.valid());
        assertEquals(8080, r.values().get("server.port"));
        assertEquals("http://localhost:8080", r.values().get("ocn.node.url"));
        assertEquals(false, r.values().get("ocn.node.signatures"));
        assertEquals(900000L, r.values().get("ocn.node.stillAliveRate"));
        assertEquals(3600000L, r.values().get("ocn.node.plannedPartySearchRate"));
        assertEquals("CH", r.values().get("ocn.node.countryCode"));
        assertEquals("OCN", r.values().get("ocn.node.partyId"));
        assertEquals("Open Charging Network Node", r.values().get("ocn.node.name"));
        assertEquals("/opt/ocn/data", r.values().get("ocn.node.dataDir"));
        assertEquals(8101, r.values().get("ocn.node.shellPort"));
        assertNull("unset secrets are generated later, not defaulted", r.values().get("ocn.node.apikey"));
        assertNull(r.values().get("ocn.node.privateKey"));
    }

    @Test
    public void commandLineWinsOverEnvironmentWhichWinsOverFile() {
        file.put("server.port", "1111");
        file.put("ocn.node.name", "From file");
        file.put("ocn.node.partyId", "FIL");
        env.put("SERVER_PORT", "2222");
        env.put("OCN_NODE_NAME", "From env");
        cmd.put("server.port", "3333");

        SettingsResolver.Resolution r = resolve();
        assertEquals(3333, r.values().get("server.port"));
        assertEquals("command line", r.origins().get("server.port"));
        assertEquals("From env", r.values().get("ocn.node.name"));
        assertEquals("environment OCN_NODE_NAME", r.origins().get("ocn.node.name"));
        assertEquals("FIL", r.values().get("ocn.node.partyId"));
        assertEquals("http://localhost:3333", r.values().get("ocn.node.url"));
        assertEquals("the shell port follows the HTTP port", 3354, r.values().get("ocn.node.shellPort"));
    }

    @Test
    public void environmentNamesMayBeUpperCaseOrSplitCamelCaseOrV2Aliases() {
        env.put("OCN_NODE_PRIVATEKEY", "0x" + "1".repeat(64));
        env.put("OCN_NODE_STILL_ALIVE_RATE", "60000");
        env.put("OCN_NODE_ADMIN_KEY", "secret-admin-key");
        env.put("OCN_NODE_ENABLE_SIGNING", "TRUE");

        SettingsResolver.Resolution r = resolve();
        assertTrue(r.errors().toString(), r.valid());
        assertEquals("1".repeat(64), r.values().get("ocn.node.privateKey"));
        assertEquals(60000L, r.values().get("ocn.node.stillAliveRate"));
        assertEquals("secret-admin-key", r.values().get("ocn.node.apikey"));
        assertEquals(true, r.values().get("ocn.node.signatures"));
    }

    @Test
    public void frameworkPropertiesCountAsCommandLine() {
        env.put("SERVER_PORT", "2222");
        framework.put("server.port", "4444");
        assertEquals(4444, resolve().values().get("server.port"));
    }

    @Test
    public void jettyPortIsUsedWhenNoSourceNamesServerPort() {
        framework.put("org.osgi.service.http.port", "5555");
        SettingsResolver.Resolution r = resolve();
        assertEquals(5555, r.values().get("server.port"));
        assertEquals("http://localhost:5555", r.values().get("ocn.node.url"));
    }

    @Test
    public void unknownKeysAreReportedNotFatal() {
        file.put("ocn.node.aipkey", "typo");
        cmd.put("ocn.node.prot", "1");
        env.put("OCN_NODE_FOO", "x");
        env.put("HOME", "/root");
        SettingsResolver.Resolution r = resolve();
        assertTrue(r.valid());
        assertEquals(3, r.warnings().size());
        assertTrue(r.warnings().get(0), r.warnings().stream().anyMatch(w -> w.contains("ocn.node.aipkey")));
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("ocn.node.prot")));
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("OCN_NODE_FOO")));
    }

    @Test
    public void invalidValuesAreErrorsNamingKeyValueAndSource() {
        file.put("server.port", "eighty");
        cmd.put("ocn.node.signatures", "yes");
        env.put("OCN_NODE_URL", "localhost:8080");
        file.put("ocn.node.countryCode", "CHE");
        file.put("ocn.node.privateKey", "0x1234");
        SettingsResolver.Resolution r = resolve();
        assertFalse(r.valid());
        assertEquals(r.errors().toString(), 5, r.errors().size());
        assertTrue(r.errors().toString(), r.errors().contains(
                "server.port (etc/ocn-node.properties): 'eighty' is not a port number (1-65535)"));
        assertTrue(r.errors().toString(), r.errors().stream().anyMatch(e -> e.startsWith("ocn.node.signatures (command line)")));
        assertTrue(r.errors().toString(), r.errors().stream().anyMatch(e -> e.startsWith("ocn.node.url (environment OCN_NODE_URL)")));
    }

    @Test
    public void privateKeyOutOfCurveRangeIsRejected() {
        file.put("ocn.node.privateKey", "f".repeat(64));
        assertFalse(resolve().valid());
        file.put("ocn.node.privateKey", "0".repeat(64));
        assertFalse(resolve().valid());
    }

    @Test
    public void relativeDataDirResolvesAgainstInstallation() {
        file.put("ocn.node.dataDir", "node2");
        assertEquals("/opt/ocn/node2", resolve().values().get("ocn.node.dataDir"));
        cmd.put("ocn.node.dataDir", "/var/lib/ocn");
        assertEquals("/var/lib/ocn", resolve().values().get("ocn.node.dataDir"));
    }

    @Test
    public void urlLosesTrailingSlashAndMayReferToOtherKeys() {
        file.put("ocn.node.url", "https://node.example.com:${server.port}/");
        file.put("server.port", "8443");
        assertEquals("https://node.example.com:8443", resolve().values().get("ocn.node.url"));
        file.put("ocn.node.url", "http://x:${no.such.key}");
        assertFalse(resolve().valid());
    }

    @Test
    public void everyKeyIsDocumentedInTheShippedPropertiesFile() throws Exception {
        java.nio.file.Path shipped = java.nio.file.Path.of("../../distribution/src/main/resources/assembly/etc/ocn-node.properties");
        java.util.Set<String> documented = new java.util.TreeSet<>();
        for (String line : java.nio.file.Files.readAllLines(shipped)) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^#?([a-z][A-Za-z0-9.]+) =").matcher(line);
            if (m.find()) {
                documented.add(m.group(1));
            }
        }
        java.util.Set<String> known = new java.util.TreeSet<>();
        SettingsCatalogue.SETTINGS.forEach(s -> known.add(s.key()));
        assertEquals(known, documented);
    }

    @Test
    public void countryAndPartyAreUpperCased() {
        file.put("ocn.node.countryCode", "de");
        file.put("ocn.node.partyId", "ocn");
        assertEquals("DE", resolve().values().get("ocn.node.countryCode"));
        assertEquals("OCN", resolve().values().get("ocn.node.partyId"));
    }
}
