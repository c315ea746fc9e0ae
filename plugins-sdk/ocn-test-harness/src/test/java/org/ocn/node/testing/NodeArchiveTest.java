package org.ocn.node.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.After;
import org.junit.Test;

public class NodeArchiveTest {

    @After
    public void clearProperty() {
        System.clearProperty(NodeArchive.ARCHIVE_PROPERTY);
    }

    @Test
    public void theArchiveGivenWinsOverTheSystemProperty() throws Exception {
        Path given = Files.createTempFile("ocn-node", ".tar.gz");
        System.setProperty(NodeArchive.ARCHIVE_PROPERTY, "/nowhere/ocn-node.tar.gz");

        assertEquals(given.toAbsolutePath(), NodeArchive.locate(given));
    }

    @Test
    public void aSystemPropertyNamingNoFileFailsWithThePath() {
        System.setProperty(NodeArchive.ARCHIVE_PROPERTY, "/nowhere/ocn-node.tar.gz");
        try {
            NodeArchive.locate(null);
            fail("no such archive");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("/nowhere/ocn-node.tar.gz"));
        }
    }

    @Test
    public void theHarnessKnowsItsNodeRelease() {
        assertTrue(NodeArchive.harnessVersion(), NodeArchive.harnessVersion().matches("\\d+\\.\\d+\\.\\d+.*"));
    }
}
