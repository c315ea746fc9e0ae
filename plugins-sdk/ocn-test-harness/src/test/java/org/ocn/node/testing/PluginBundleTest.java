package org.ocn.node.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.Test;

public class PluginBundleTest {

    @Test
    public void theSymbolicNameIsReadWithoutItsDirectives() throws Exception {
        Path dir = Files.createTempDirectory("plugins");
        Manifest manifest = TestPlugins.manifest("com.example.hello-plugin;singleton:=true", "1.2.0.SNAPSHOT");
        Path jar = dir.resolve("hello.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }

        PluginBundle bundle = PluginBundle.read(jar);

        assertEquals("com.example.hello-plugin", bundle.symbolicName());
        assertEquals("1.2.0.SNAPSHOT", bundle.version());
        assertEquals("hello.jar", bundle.fileName());
    }

    @Test
    public void aJarWithoutOsgiHeadersIsRefusedWithTheFix() throws Exception {
        Path jar = Files.createTempDirectory("plugins").resolve("plain.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), new Manifest())) {
            out.flush();
        }
        try {
            PluginBundle.read(jar);
            fail("not a bundle");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("ocn-plugin-parent"));
        }
    }

    @Test
    public void aMissingJarSaysWhenTestsMustRun() {
        try {
            PluginBundle.read(Path.of("target", "no-such.jar"));
            fail("no jar");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("mvn verify"));
        }
    }
}
