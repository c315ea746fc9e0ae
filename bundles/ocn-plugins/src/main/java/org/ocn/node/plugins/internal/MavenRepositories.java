package org.ocn.node.plugins.internal;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ocn.node.plugins.internal.PluginException.Reason;

/**
 * Fetches plugin artifacts from the Maven repositories of {@code ocn.node.plugins.repositories}, in order, with the
 * JDK alone: {@code https:}, {@code http:} and {@code file:} repositories, snapshots through their
 * {@code maven-metadata.xml}, and the published SHA-1 checked when there is one. Karaf's own Maven resolver stays
 * offline (the node's bundles come from {@code system/}); plugins are the only thing the node downloads.
 */
final class MavenRepositories {

    private static final Pattern SNAPSHOT_VERSION = Pattern.compile(
            "<snapshotVersion>(.*?)</snapshotVersion>", Pattern.DOTALL);
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int READ_TIMEOUT_MS = 60_000;

    private final List<URI> repositories;
    private final long limit;

    /**
     * @param repositories comma-separated repository URLs
     * @param limit        the largest artifact accepted, in bytes
     */
    MavenRepositories(String repositories, long limit) {
        List<URI> uris = new ArrayList<>();
        for (String r : repositories == null ? new String[0] : repositories.split(",")) {
            String url = r.trim();
            if (!url.isEmpty()) {
                uris.add(URI.create(url.endsWith("/") ? url : url + "/"));
            }
        }
        this.repositories = List.copyOf(uris);
        this.limit = limit;
    }

    List<URI> repositories() {
        return repositories;
    }

    /**
     * Downloads the artifact into {@code target}.
     *
     * @return the URL it came from
     * @throws PluginException {@link Reason#BAD_REQUEST} when no repository has it (the message lists where it was
     *                         looked for), {@link Reason#REPOSITORY_UNAVAILABLE} when a repository that may have it
     *                         could not be read, {@link Reason#TOO_LARGE} past the limit
     */
    URI download(MavenCoordinate coordinate, Path target) throws PluginException {
        if (repositories.isEmpty()) {
            throw new PluginException(Reason.BAD_REQUEST,
                    "no Maven repository is configured (ocn.node.plugins.repositories is empty)");
        }
        List<String> tried = new ArrayList<>();
        IOException unavailable = null;
        URI unavailableAt = null;
        for (URI repository : repositories) {
            URI folder = repository.resolve(coordinate.versionFolder());
            try {
                List<URI> candidates = new ArrayList<>();
                if (coordinate.snapshot()) {
                    String stored = snapshotValue(folder.resolve("maven-metadata.xml"), coordinate);
                    if (stored != null) {
                        candidates.add(folder.resolve(coordinate.fileName(stored)));
                    }
                }
                candidates.add(folder.resolve(coordinate.fileName(coordinate.version())));
                for (URI candidate : candidates) {
                    tried.add(candidate.toString());
                    if (fetch(candidate, target)) {
                        return candidate;
                    }
                }
            } catch (IOException e) {
                unavailable = e;
                unavailableAt = repository;
            }
        }
        if (unavailable != null) {
            throw new PluginException(Reason.REPOSITORY_UNAVAILABLE, "Maven repository " + unavailableAt
                    + " could not be read (" + unavailable.getMessage() + "); " + coordinate + " was not found at "
                    + String.join(", ", tried), unavailable);
        }
        throw new PluginException(Reason.BAD_REQUEST, "Maven artifact " + coordinate
                + " was not found in the configured repositories (" + String.join(", ", tried) + ")");
    }

    /**
     * Downloads one URL into {@code target}, checking the SHA-1 published beside it, if any.
     *
     * @return false when the URL does not exist (404 or no such file)
     */
    boolean fetch(URI url, Path target) throws IOException, PluginException {
        String sha1;
        try (InputStream in = open(url)) {
            if (in == null) {
                return false;
            }
            sha1 = Transfers.copy(in, target, limit);
        }
        String published = text(URI.create(url + ".sha1"));
        if (published != null && !published.isBlank()) {
            String expected = published.trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
            if (!expected.equals(sha1)) {
                Files.deleteIfExists(target);
                throw new PluginException(Reason.BAD_REQUEST, url + " does not match its published SHA-1 ("
                        + expected + "; downloaded " + sha1 + ")");
            }
        }
        return true;
    }

    /** @return the stored version of a snapshot artifact, from the version folder's metadata, or {@code null} */
    private String snapshotValue(URI metadata, MavenCoordinate coordinate) throws IOException {
        String xml = text(metadata);
        if (xml == null) {
            return null;
        }
        Matcher m = SNAPSHOT_VERSION.matcher(xml);
        while (m.find()) {
            String entry = m.group(1);
            String extension = element(entry, "extension");
            String classifier = element(entry, "classifier");
            boolean sameClassifier = coordinate.classifier() == null ? classifier == null
                    : coordinate.classifier().equals(classifier);
            if (coordinate.extension().equals(extension) && sameClassifier) {
                return element(entry, "value");
            }
        }
        return null;
    }

    private static String element(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">\\s*(.*?)\\s*</" + name + ">", Pattern.DOTALL).matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    /** @return a small text resource (metadata, checksums), or {@code null} when it does not exist */
    private String text(URI url) throws IOException {
        try (InputStream in = open(url)) {
            return in == null ? null : new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
        }
    }

    /** @return the resource's content, or {@code null} when it does not exist */
    private static InputStream open(URI url) throws IOException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            try {
                return Files.newInputStream(Path.of(url));
            } catch (NoSuchFileException e) {
                return null;
            }
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IOException("unsupported repository scheme '" + scheme + "' (http, https or file)");
        }
        URLConnection connection = url.toURL().openConnection();
        connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
        connection.setReadTimeout(READ_TIMEOUT_MS);
        HttpURLConnection http = (HttpURLConnection) connection;
        http.setInstanceFollowRedirects(true);
        int status = http.getResponseCode();
        if (status == HttpURLConnection.HTTP_NOT_FOUND || status == HttpURLConnection.HTTP_GONE) {
            http.disconnect();
            return null;
        }
        if (status / 100 != 2) {
            http.disconnect();
            throw new IOException("HTTP " + status + " for " + url);
        }
        try {
            return http.getInputStream();
        } catch (FileNotFoundException e) {
            return null;
        }
    }
}
