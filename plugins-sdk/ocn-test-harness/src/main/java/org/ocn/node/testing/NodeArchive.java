package org.ocn.node.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/** The node distribution archive ({@code ocn-node-<version>.tar.gz}): where it is, and unpacking it. */
final class NodeArchive {

    /** System property naming the archive; ocn-plugin-parent sets it for failsafe. */
    static final String ARCHIVE_PROPERTY = "ocn.node.archive";

    private NodeArchive() {
    }

    /**
     * Finds the archive: the one given, else {@value #ARCHIVE_PROPERTY}, else where ocn-plugin-parent copies it
     * ({@code target/ocn-node/ocn-node.tar.gz}), else the local Maven repository (the node's {@code mvn install} puts
     * it there), so that a test also runs from an IDE.
     */
    static Path locate(Path given) {
        if (given != null) {
            return existing(given, "the archive given to the builder");
        }
        String property = System.getProperty(ARCHIVE_PROPERTY);
        if (property != null && !property.isBlank()) {
            return existing(Path.of(property), "system property " + ARCHIVE_PROPERTY);
        }
        List<Path> tried = new ArrayList<>();
        tried.add(Path.of("target", "ocn-node", "ocn-node.tar.gz"));
        String version = harnessVersion();
        tried.add(localRepository().resolve(Path.of("org", "ocn", "node", "ocn-node", version,
                "ocn-node-" + version + ".tar.gz")));
        for (Path candidate : tried) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new IllegalStateException("No OCN node distribution archive: none at " + tried + ". Build the plugin with "
                + "ocn-plugin-parent (its integration tests get the node), pass -D" + ARCHIVE_PROPERTY
                + "=<path to ocn-node-" + version + ".tar.gz>, or install the node (mvn install in its repository)");
    }

    /** @return the node release this harness belongs to (and looks for by default) */
    static String harnessVersion() {
        try (InputStream in = NodeArchive.class.getResourceAsStream("harness.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("harness.properties is missing from the harness jar", e);
        }
    }

    static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /**
     * Unpacks the archive into an empty folder with {@code tar} (the node's launcher is a bash script, so the machine
     * has it) and returns the installation folder inside.
     */
    static Path unpack(Path archive, Path into) {
        try {
            Files.createDirectories(into);
            Process tar = new ProcessBuilder("tar", "xzf", archive.toAbsolutePath().toString())
                    .directory(into.toFile()).redirectErrorStream(true).start();
            String output = new String(tar.getInputStream().readAllBytes());
            if (tar.waitFor() != 0) {
                throw new IllegalStateException("tar xzf " + archive + " failed: " + output);
            }
            try (Stream<Path> entries = Files.list(into)) {
                List<Path> homes = entries.filter(p -> Files.isRegularFile(p.resolve("bin").resolve("ocn-node")))
                        .toList();
                if (homes.size() != 1) {
                    throw new IllegalStateException(archive + " is not an OCN node distribution: no single folder "
                            + "with bin/ocn-node in it");
                }
                return homes.get(0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("unpacking " + archive + " into " + into, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while unpacking " + archive, e);
        }
    }

    private static Path existing(Path archive, String origin) {
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("No OCN node distribution archive at " + archive.toAbsolutePath() + " ("
                    + origin + ")");
        }
        return archive.toAbsolutePath();
    }
}
