package org.ocn.node.plugins.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

import org.ocn.node.plugins.internal.PluginException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <dataDir>/ocn/plugins}: where the artifacts installed here are kept, under the name that is their bundle
 * location or repository URI, so that a restart, {@code bundle:update} and Karaf read them from there.
 */
final class PluginFolder {

    private static final Logger LOG = LoggerFactory.getLogger(PluginFolder.class);

    private final Path folder;

    PluginFolder(Path folder) {
        this.folder = folder;
    }

    Path path() {
        return folder;
    }

    /** @return whether the file is one this folder keeps */
    boolean holds(Path file) {
        return file.startsWith(folder);
    }

    /** @return the file kept under that name, whether or not it exists */
    Path file(String fileName) {
        return folder.resolve(fileName);
    }

    /** Moves an incoming artifact to the file it is kept as (a bundle's location, a repository's URI). */
    Path keep(Path artifact, String fileName) throws PluginException {
        Path kept = file(fileName);
        try {
            Files.move(artifact, kept, StandardCopyOption.REPLACE_EXISTING);
            return kept;
        } catch (IOException e) {
            throw new PluginException(Reason.FAILED, "could not keep the artifact as " + kept + ": " + e.getMessage(), e);
        }
    }

    /** @return a name (symbolic name, repository name) as a file name that stays in its folder */
    static String safeFileName(String name) {
        return name.replaceAll("[^A-Za-z0-9_.\\-]", "_").replaceAll("^\\.+", "_");
    }

    /** @return the file a {@code file:} location or URI names, normalized */
    static Optional<Path> filePath(String location) {
        if (location == null || !location.toLowerCase(Locale.ROOT).startsWith("file:")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(URI.create(location)).toAbsolutePath().normalize());
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            return Optional.empty();
        }
    }

    /** @return whether a {@code file:} location names a file in that folder */
    static boolean isUnder(String location, Path folder) {
        return filePath(location).filter(p -> p.startsWith(folder)).isPresent();
    }

    /** Deletes a file if it is there; a failure is only logged (what is left is harmless, and is said so). */
    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", file, e.toString());
        }
    }
}
