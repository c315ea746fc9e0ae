package org.ocn.node.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A plugin jar as OSGi sees it: its symbolic name and version, read from its manifest.
 *
 * @param jar           the file
 * @param symbolicName  {@code Bundle-SymbolicName}, without directives
 * @param version       {@code Bundle-Version} ({@code 0.0.0} when absent, as OSGi reads it)
 */
record PluginBundle(Path jar, String symbolicName, String version) {

    /** @return the bundle in this jar; an {@link IllegalArgumentException} when it is not a bundle */
    static PluginBundle read(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("No plugin jar at " + jar.toAbsolutePath()
                    + " (run the tests after the package phase: mvn verify)");
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String name = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(jar + " is not an OSGi bundle (its manifest has no "
                        + "Bundle-SymbolicName): build it with ocn-plugin-parent, which runs bnd");
            }
            String version = manifest.getMainAttributes().getValue("Bundle-Version");
            return new PluginBundle(jar.toAbsolutePath(), name.split(";")[0].trim(),
                    version == null ? "0.0.0" : version.trim());
        } catch (IOException e) {
            throw new UncheckedIOException(jar + " cannot be read as a jar", e);
        }
    }

    /** @return the name the jar has in the node's {@code deploy/} folder */
    String fileName() {
        return jar.getFileName().toString();
    }
}
