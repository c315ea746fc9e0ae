package org.ocn.node.plugins.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PluginFolderTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void filePathsOfLocationsAreNormalized() {
        assertEquals(Path.of("/tmp/deploy/x.jar"), PluginFolder.filePath("file:/tmp/deploy/../deploy/x.jar").orElseThrow());
        assertEquals(Path.of("/tmp/deploy/x.jar"), PluginFolder.filePath("file:///tmp/deploy/x.jar").orElseThrow());
        assertEquals(Optional.empty(), PluginFolder.filePath("mvn:org.example/echo/1.0"));
        assertEquals(Optional.empty(), PluginFolder.filePath(null));
        assertTrue(PluginFolder.isUnder("file:/tmp/deploy/../deploy/x.jar", Path.of("/tmp/deploy")));
        assertFalse(PluginFolder.isUnder("file:/tmp/deploy/../elsewhere/x.jar", Path.of("/tmp/deploy")));
        assertFalse(PluginFolder.isUnder("mvn:org.example/echo/1.0", Path.of("/tmp/deploy")));
    }

    @Test
    public void namesBecomeFileNamesThatStayInTheFolder() {
        assertEquals("org.example.echo_1_", PluginFolder.safeFileName("org.example.echo/1/"));
        assertEquals("_hidden", PluginFolder.safeFileName("..hidden"));
        assertEquals("_.._etc_passwd", PluginFolder.safeFileName("/../etc/passwd"));
    }

    @Test
    public void anArtifactIsKeptUnderItsNameReplacingTheOldOne() throws Exception {
        PluginFolder folder = new PluginFolder(tmp.newFolder("plugins").toPath());
        Path incoming = tmp.newFile("artifact-1.part").toPath();
        Files.writeString(incoming, "v1");
        Path kept = folder.keep(incoming, "org.example.echo.jar");
        assertEquals(folder.file("org.example.echo.jar"), kept);
        assertEquals("v1", Files.readString(kept));
        assertFalse("moved, not copied", Files.exists(incoming));
        assertTrue(folder.holds(kept));
        assertFalse(folder.holds(incoming));

        Path next = tmp.newFile("artifact-2.part").toPath();
        Files.writeString(next, "v2");
        folder.keep(next, "org.example.echo.jar");
        assertEquals("v2", Files.readString(kept));
    }

    @Test
    public void anArtifactThatCannotBeKeptIsAFailureOfTheNode() throws Exception {
        PluginFolder folder = new PluginFolder(tmp.getRoot().toPath().resolve("absent"));
        try {
            folder.keep(tmp.newFile("artifact.part").toPath(), "x.jar");
            fail();
        } catch (PluginException e) {
            assertEquals(PluginException.Reason.FAILED, e.reason());
            assertTrue(e.getMessage(), e.getMessage().startsWith("could not keep the artifact as "));
        }
    }
}
