package org.ocn.node.plugins.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ArtifactTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void aJarWithABundleSymbolicNameIsABundle() throws Exception {
        Path jar = tmp.newFile("x.bin").toPath();
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("Bundle-SymbolicName", "org.example.echo;singleton:=true");
        m.getMainAttributes().putValue("Bundle-Version", "1.2");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        assertEquals(new Artifact(Artifact.Kind.BUNDLE, "org.example.echo", "1.2.0"), Artifact.inspect(jar));

        m.getMainAttributes().putValue("Bundle-Version", "one");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        assertRefused(jar, "is not an OSGi version");
    }

    @Test
    public void xmlWithAFeaturesRootIsAFeaturesRepository() throws Exception {
        Path xml = tmp.newFile("echo-features.xml").toPath();
        Files.writeString(xml, "<?xml version=\"1.0\"?>\n<features name=\"echo-repo\" "
                + "xmlns=\"http://karaf.apache.org/xmlns/features/v1.6.0\"><feature name=\"echo\"/></features>");
        assertEquals(new Artifact(Artifact.Kind.FEATURES, "echo-repo", null), Artifact.inspect(xml));
        Files.writeString(xml, "<features><feature name=\"echo\"/></features>");
        assertEquals("echo-features", Artifact.inspect(xml).name());
        Files.writeString(xml, "<project/>");
        assertRefused(xml, "not a bundle, a features XML or a KAR");
        Files.writeString(xml, "<!DOCTYPE features [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><features name=\"&x;\"/>");
        assertRefused(xml, "not a bundle, a features XML or a KAR");
    }

    @Test
    public void aZipWithFeaturesUnderRepositoryIsAKar() throws Exception {
        Path kar = tmp.newFile("x.kar").toPath();
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(kar))) {
            zip.putNextEntry(new ZipEntry("repository/org/example/echo/1.0/echo-1.0.jar"));
            zip.write(new byte[] {1, 2});
            zip.putNextEntry(new ZipEntry("repository/org/example/echo-features/1.0/echo-features-1.0-features.xml"));
            zip.write("<features name=\"echo-kar\"/>".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(new Artifact(Artifact.Kind.KAR, "echo-kar", null), Artifact.inspect(kar));
    }

    @Test
    public void anythingElseIsRefusedWithTheReason() throws Exception {
        Path file = tmp.newFile("x").toPath();
        assertRefused(file, "empty");
        Files.writeString(file, "hello");
        assertRefused(file, "not a bundle, a features XML or a KAR");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write(new byte[] {1});
        }
        assertRefused(file, "neither an OSGi bundle");
        Files.write(file, new byte[] {'P', 'K', 3, 4, 0, 0});
        assertRefused(file, "damaged");
        assertNull(Artifact.featuresRepositoryName(new java.io.ByteArrayInputStream(new byte[0]), "x.xml"));
    }

    private static void assertRefused(Path file, String reason) {
        try {
            Artifact.inspect(file);
            fail();
        } catch (PluginException e) {
            assertEquals(PluginException.Reason.BAD_REQUEST, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains(reason));
        }
    }
}
