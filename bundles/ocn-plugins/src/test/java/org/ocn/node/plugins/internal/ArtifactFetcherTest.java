package org.ocn.node.plugins.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ArtifactFetcherTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path incoming;
    private Path repository;

    @Before
    public void repository() throws Exception {
        incoming = tmp.getRoot().toPath().resolve("plugins/incoming");
        repository = tmp.newFolder("repository").toPath();
        Path folder = Files.createDirectories(repository.resolve("org/example/echo/1.0.0"));
        Files.writeString(folder.resolve("echo-1.0.0.jar"), "the jar");
    }

    @Test
    public void whatAnInterruptedUploadLeftIsDeletedAtStart() throws Exception {
        Files.createDirectories(incoming);
        Files.writeString(incoming.resolve("artifact-1.part"), "half");
        new ArtifactFetcher(incoming, "");
        assertEquals(List.of(), incomingFiles());
    }

    @Test
    public void aShellSourceIsAFilePathAUrlOrAMavenCoordinate() throws Exception {
        ArtifactFetcher fetcher = new ArtifactFetcher(incoming, repository.toUri().toString());
        Path file = tmp.newFile("echo.jar").toPath();
        Files.writeString(file, "a file");

        FetchedArtifact fromPath = fetcher.fetch(" " + file + " ");
        assertEquals(file.toString(), fromPath.source());
        assertEquals("a file", Files.readString(fromPath.file()));
        assertTrue("the operator's file stays", Files.exists(file));
        assertTrue(fromPath.file().startsWith(incoming));

        FetchedArtifact fromUrl = fetcher.fetch(file.toUri().toString());
        assertEquals(file.toUri().toString(), fromUrl.source());
        assertEquals("a file", Files.readString(fromUrl.file()));

        // as a repository URL resolves it (java.net.URI drops the empty authority of file:///)
        String jar = repository.toUri().resolve("org/example/echo/1.0.0/echo-1.0.0.jar").toString();
        for (String coordinate : List.of("org.example:echo:1.0.0", "mvn:org.example/echo/1.0.0")) {
            FetchedArtifact fromMaven = fetcher.fetch(coordinate);
            assertEquals("maven org.example:echo:1.0.0 (" + jar + ")", fromMaven.source());
            assertEquals("the jar", Files.readString(fromMaven.file()));
        }
    }

    @Test
    public void whatCannotBeFetchedLeavesNothingBehind() throws Exception {
        ArtifactFetcher fetcher = new ArtifactFetcher(incoming, repository.toUri().toString());
        Path absent = tmp.getRoot().toPath().resolve("absent.jar");
        assertRefused(() -> fetcher.fetch(absent.toUri().toString()), PluginException.Reason.BAD_REQUEST,
                "nothing at " + absent.toUri());
        assertRefused(() -> fetcher.fetch(absent.toString()), PluginException.Reason.BAD_REQUEST,
                "could not read " + absent);
        assertRefused(() -> fetcher.fetch("org.example:absent:1.0.0"), PluginException.Reason.BAD_REQUEST,
                "was not found in the configured repositories");
        assertRefused(() -> fetcher.fetchMaven("not a coordinate"), PluginException.Reason.BAD_REQUEST,
                "is not a Maven coordinate");

        Path tampered = tmp.newFile("tampered.jar").toPath();
        Files.writeString(tampered, "tampered");
        Files.writeString(tmp.getRoot().toPath().resolve("tampered.jar.sha1"), "0000000000000000000000000000000000000000");
        assertRefused(() -> fetcher.fetch(tampered.toUri().toString()), PluginException.Reason.BAD_REQUEST,
                "does not match its published SHA-1");
        assertEquals(List.of(), incomingFiles());
    }

    @Test
    public void theRepositoriesSettingIsFollowed() throws Exception {
        ArtifactFetcher fetcher = new ArtifactFetcher(incoming, repository.toUri().toString());
        fetcher.fetchMaven("org.example:echo:1.0.0");
        fetcher.repositories(" ");
        assertRefused(() -> fetcher.fetchMaven("org.example:echo:1.0.0"), PluginException.Reason.BAD_REQUEST,
                "ocn.node.plugins.repositories is empty");
    }

    @Test
    public void anUploadIsStreamedToAFileWithItsSizeAndSha1() throws Exception {
        ArtifactFetcher fetcher = new ArtifactFetcher(incoming, "");
        byte[] body = "the jar".getBytes(StandardCharsets.UTF_8);
        FetchedArtifact upload = fetcher.receive(new ByteArrayInputStream(body), -1);
        assertEquals("upload (7 bytes, SHA-1 " + java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-1").digest(body)) + ")", upload.source());
        assertEquals("the jar", Files.readString(upload.file()));
        Files.delete(upload.file());

        assertRefused(() -> fetcher.receive(new ByteArrayInputStream(body), ArtifactFetcher.MAX_ARTIFACT_BYTES + 1),
                PluginException.Reason.TOO_LARGE, "larger than 52428800 bytes");
        assertEquals(List.of(), incomingFiles());
    }

    private List<Path> incomingFiles() throws Exception {
        try (var files = Files.list(incoming)) {
            return files.toList();
        }
    }

    private interface Fetch {
        Object run() throws Exception;
    }

    private static void assertRefused(Fetch fetch, PluginException.Reason reason, String message) throws Exception {
        try {
            fetch.run();
            fail("refused: " + message);
        } catch (PluginException e) {
            assertEquals(e.getMessage(), reason, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains(message));
        }
    }
}
