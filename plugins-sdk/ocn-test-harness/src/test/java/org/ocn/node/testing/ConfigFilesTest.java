package org.ocn.node.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.Test;

public class ConfigFilesTest {

    @Test
    public void valuesAreEscapedSoThatTheyReadBackAsTheyWere() throws Exception {
        Map<String, Object> values = Map.of("greeting", " Grüezi: \"wohl\" = #1\n", "limit", 5, "enabled", true,
                "path", "C:\\data");

        Properties read = new Properties();
        read.load(new StringReader(ConfigFiles.render("ocn.plugin.x", values)));

        assertEquals(" Grüezi: \"wohl\" = #1\n", read.getProperty("greeting"));
        assertEquals("5", read.getProperty("limit"));
        assertEquals("true", read.getProperty("enabled"));
        assertEquals("C:\\data", read.getProperty("path"));
        assertTrue("ASCII only: FileInstall reads .cfg files as ISO-8859-1",
                ConfigFiles.render("p", values).chars().allMatch(c -> c < 0x7f));
    }

    @Test
    public void aValueIsOneString() {
        try {
            ConfigFiles.render("ocn.plugin.x", Map.of("modules", List.of("a", "b")));
            fail("lists have no .cfg form");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("modules"));
        }
    }

    @Test
    public void aPidIsAFileNameInEtc() {
        for (String pid : new String[] {"", "../x", "a/b", ".hidden"}) {
            try {
                ConfigFiles.file(Path.of("etc"), pid);
                fail(pid);
            } catch (IllegalArgumentException expected) {
                // refused
            }
        }
        assertEquals(Path.of("etc", "my.factory-one.cfg"), ConfigFiles.file(Path.of("etc"), "my.factory-one"));
    }

    @Test
    public void writingTheSameConfigurationAgainChangesNothing() throws Exception {
        Path etc = Files.createTempDirectory("etc");
        assertTrue(ConfigFiles.write(etc, "ocn.plugin.x", Map.of("a", "1")));
        assertFalse(ConfigFiles.write(etc, "ocn.plugin.x", Map.of("a", "1")));
        assertTrue(ConfigFiles.write(etc, "ocn.plugin.x", Map.of("a", "2")));
        try (var files = Files.list(etc)) {
            assertEquals("no temporary file left", 1, files.count());
        }
    }
}
