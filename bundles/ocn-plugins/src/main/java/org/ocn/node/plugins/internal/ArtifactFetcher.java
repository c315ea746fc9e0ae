package org.ocn.node.plugins.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.ocn.node.plugins.internal.PluginException.Reason;

/**
 * Brings plugin artifacts into {@code <dataDir>/ocn/plugins/incoming/}, never into memory and never past
 * {@link #MAX_ARTIFACT_BYTES}: uploads are streamed here; shell sources (a file path, a URL, a
 * Maven coordinate) and the admin API's {@code {"maven": ...}} are fetched here. Maven coordinates are looked up in
 * the repositories of {@code ocn.node.plugins.repositories} with {@link MavenRepositories} (the bundle README says why
 * not with Pax URL).
 */
final class ArtifactFetcher {

    /** The largest plugin artifact accepted: 50 MB. */
    static final long MAX_ARTIFACT_BYTES = 50L * 1024 * 1024;

    private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.\\-]*:/.*");

    private final Path incomingFolder;
    private volatile MavenRepositories maven;

    /** Creates the incoming folder, emptied of what an interrupted upload left behind. */
    ArtifactFetcher(Path incomingFolder, String repositories) throws IOException {
        this.incomingFolder = incomingFolder;
        Files.createDirectories(incomingFolder);
        try (var leftovers = Files.list(incomingFolder)) {
            for (Path p : leftovers.toList()) {
                Files.deleteIfExists(p);
            }
        }
        repositories(repositories);
    }

    /** Follows {@code ocn.node.plugins.repositories}: the next fetch uses these (comma-separated URLs). */
    void repositories(String repositories) {
        this.maven = new MavenRepositories(repositories, MAX_ARTIFACT_BYTES);
    }

    private Path newIncomingFile() throws IOException {
        // again each time: an operator may have cleaned the data folder while the node runs
        Files.createDirectories(incomingFolder);
        return Files.createTempFile(incomingFolder, "artifact-", ".part");
    }

    /**
     * Streams an uploaded artifact into the incoming folder.
     *
     * @param declaredLength the length the uploader announced, or -1
     */
    FetchedArtifact receive(InputStream body, long declaredLength) throws IOException, PluginException {
        if (declaredLength > MAX_ARTIFACT_BYTES) {
            throw new PluginException(Reason.TOO_LARGE, "the artifact is larger than " + MAX_ARTIFACT_BYTES + " bytes");
        }
        Path file = newIncomingFile();
        try (InputStream in = body) {
            String sha1 = Transfers.copy(in, file, MAX_ARTIFACT_BYTES);
            return new FetchedArtifact(file, "upload (" + Files.size(file) + " bytes, SHA-1 " + sha1 + ")");
        } catch (IOException | PluginException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /**
     * Fetches what a shell user names: a Maven coordinate ({@code g:a:v} or {@code mvn:g/a/v}), from the
     * configured repositories; a URL ({@code file:}, {@code http:}, {@code https:}); or a file path.
     */
    FetchedArtifact fetch(String source) throws PluginException {
        String s = source.trim();
        if (s.startsWith("mvn:") || (!URL.matcher(s).matches() && s.contains(":"))) {
            return fetchMaven(s);
        }
        Path target = incoming();
        try {
            if (URL.matcher(s).matches()) {
                if (!maven.fetch(URI.create(s), target)) {
                    throw new PluginException(Reason.BAD_REQUEST, "nothing at " + s);
                }
            } else {
                try (InputStream in = Files.newInputStream(Path.of(s))) {
                    Transfers.copy(in, target, MAX_ARTIFACT_BYTES);
                }
            }
            return new FetchedArtifact(target, s);
        } catch (IOException | IllegalArgumentException e) {
            PluginFolder.delete(target);
            throw new PluginException(Reason.BAD_REQUEST, "could not read " + s + ": " + e.getMessage(), e);
        } catch (PluginException e) {
            PluginFolder.delete(target);
            throw e;
        }
    }

    /** Downloads a Maven artifact from the repositories of {@code ocn.node.plugins.repositories}. */
    FetchedArtifact fetchMaven(String coordinate) throws PluginException {
        MavenCoordinate parsed = MavenCoordinate.parse(coordinate);
        Path target = incoming();
        try {
            URI from = maven.download(parsed, target);
            return new FetchedArtifact(target, "maven " + parsed + " (" + from + ")");
        } catch (PluginException e) {
            PluginFolder.delete(target);
            throw e;
        }
    }

    private Path incoming() throws PluginException {
        try {
            return newIncomingFile();
        } catch (IOException e) {
            throw new PluginException(Reason.FAILED, "no room for the artifact in " + incomingFolder + ": "
                    + e.getMessage(), e);
        }
    }
}
