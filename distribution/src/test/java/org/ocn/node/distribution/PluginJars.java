package org.ocn.node.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Plugin jars as an operator handles them: a new version of a built plugin, to update it with. */
final class PluginJars {

    private PluginJars() {
    }

    /** Writes a copy of the plugin jar whose manifest says {@code Bundle-Version: version}. */
    static void withVersion(Path jar, Path target, String version) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Manifest manifest;
            try (InputStream in = zip.getInputStream(zip.getEntry("META-INF/MANIFEST.MF"))) {
                manifest = new Manifest(in);
            }
            manifest.getMainAttributes().put(new Attributes.Name("Bundle-Version"), version);
            try (OutputStream out = Files.newOutputStream(target); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
                for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
                    ZipEntry e = entries.nextElement();
                    if (e.getName().equals("META-INF/MANIFEST.MF") || e.getName().equals("META-INF/")) {
                        continue;
                    }
                    jarOut.putNextEntry(new JarEntry(e.getName()));
                    try (InputStream in = zip.getInputStream(e)) {
                        in.transferTo(jarOut);
                    }
                    jarOut.closeEntry();
                }
            }
        }
    }
}
