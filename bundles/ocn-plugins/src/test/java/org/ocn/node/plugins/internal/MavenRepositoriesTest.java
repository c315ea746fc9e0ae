package org.ocn.node.plugins.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class MavenRepositoriesTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void looksInEachRepositoryInTurnAndChecksThePublishedSha1() throws Exception {
        Path empty = tmp.newFolder("empty").toPath();
        Path repo = tmp.newFolder("repo").toPath();
        byte[] jar = "the jar".getBytes(StandardCharsets.UTF_8);
        Path folder = Files.createDirectories(repo.resolve("org/example/echo/1.0.0"));
        Files.write(folder.resolve("echo-1.0.0.jar"), jar);
        Files.writeString(folder.resolve("echo-1.0.0.jar.sha1"), sha1(jar) + "  echo-1.0.0.jar\n");

        MavenRepositories repositories = new MavenRepositories(" " + empty.toUri() + " , " + repo.toUri(), 1000);
        assertEquals(2, repositories.repositories().size());
        Path target = tmp.getRoot().toPath().resolve("download");
        assertEquals(folder.resolve("echo-1.0.0.jar").toUri(),
                repositories.download(MavenCoordinate.parse("org.example:echo:1.0.0"), target));
        assertArrayEquals(jar, Files.readAllBytes(target));

        Files.writeString(folder.resolve("echo-1.0.0.jar.sha1"), "0000000000000000000000000000000000000000");
        try {
            repositories.download(MavenCoordinate.parse("org.example:echo:1.0.0"), target);
            fail();
        } catch (PluginException e) {
            assertEquals(PluginException.Reason.BAD_REQUEST, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains("does not match its published SHA-1"));
            assertFalse(Files.exists(target));
        }
    }

    @Test
    public void findsASnapshotThroughItsMetadata() throws Exception {
        Path repo = tmp.newFolder("repo").toPath();
        Path folder = Files.createDirectories(repo.resolve("org/example/echo/1.1.0-SNAPSHOT"));
        Files.writeString(folder.resolve("maven-metadata.xml"), "<metadata><versioning><snapshotVersions>"
                + "<snapshotVersion><extension>pom</extension><value>1.1.0-20260101.120000-1</value></snapshotVersion>"
                + "<snapshotVersion><extension>jar</extension><value>1.1.0-20260101.120000-2</value></snapshotVersion>"
                + "</snapshotVersions></versioning></metadata>");
        Files.writeString(folder.resolve("echo-1.1.0-20260101.120000-2.jar"), "timestamped");
        Path target = tmp.getRoot().toPath().resolve("download");
        new MavenRepositories(repo.toUri().toString(), 1000).download(MavenCoordinate.parse(
                "org.example:echo:1.1.0-SNAPSHOT"), target);
        assertEquals("timestamped", Files.readString(target));
    }

    @Test
    public void saysWhereItLookedWhenNoRepositoryHasIt() throws Exception {
        Path repo = tmp.newFolder("repo").toPath();
        try {
            new MavenRepositories(repo.toUri().toString(), 1000).download(MavenCoordinate.parse("org.example:echo:1.0.0"),
                    tmp.getRoot().toPath().resolve("download"));
            fail();
        } catch (PluginException e) {
            assertEquals(PluginException.Reason.BAD_REQUEST, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains("org/example/echo/1.0.0/echo-1.0.0.jar"));
        }
        try {
            new MavenRepositories("", 1000).download(MavenCoordinate.parse("org.example:echo:1.0.0"),
                    tmp.getRoot().toPath().resolve("download"));
            fail();
        } catch (PluginException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("ocn.node.plugins.repositories is empty"));
        }
    }

    @Test
    public void refusesAnArtifactLargerThanTheLimit() throws Exception {
        Path repo = tmp.newFolder("repo").toPath();
        Path folder = Files.createDirectories(repo.resolve("org/example/echo/1.0.0"));
        Files.write(folder.resolve("echo-1.0.0.jar"), new byte[2000]);
        Path target = tmp.getRoot().toPath().resolve("download");
        try {
            new MavenRepositories(repo.toUri().toString(), 1000).download(MavenCoordinate.parse("org.example:echo:1.0.0"),
                    target);
            fail();
        } catch (PluginException e) {
            assertEquals(PluginException.Reason.TOO_LARGE, e.reason());
            assertFalse(Files.exists(target));
        }
    }

    @Test
    public void aRepositoryThatCannotBeReadIsNamed() throws Exception {
        try {
            new MavenRepositories("ftp://example.invalid/repo", 1000).download(
                    MavenCoordinate.parse("org.example:echo:1.0.0"), tmp.getRoot().toPath().resolve("download"));
            fail();
        } catch (PluginException e) {
            assertEquals(PluginException.Reason.REPOSITORY_UNAVAILABLE, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains("ftp://example.invalid/repo/"));
        }
    }

    private static String sha1(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }
}
