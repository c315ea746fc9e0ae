package org.ocn.node.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.ocn.node.testing.plugin.GreetingModule;

/**
 * Plugin jars for the harness's own tests, written the way bnd would write them for {@link GreetingModule}: a
 * manifest with the imports and the DS extender requirement, and a component descriptor registering the module.
 */
final class TestPlugins {

    private TestPlugins() {
    }

    /**
     * @param jar          where to write it
     * @param symbolicName its Bundle-SymbolicName
     * @param module       the custom module it serves (Receiver interface)
     * @param pid          the configuration PID of its component
     * @param greeting     the greeting when no configuration says otherwise
     */
    static Path greetingModule(Path jar, String symbolicName, String module, String pid, String greeting)
            throws IOException {
        Manifest manifest = manifest(symbolicName, "1.0.0");
        Attributes main = manifest.getMainAttributes();
        main.putValue("Import-Package", "org.ocn.node.api.ocpi;version=\"[0.1,1)\","
                + "org.ocn.node.spi.routing;version=\"[0.1,1)\"");
        main.putValue("Require-Capability", "osgi.extender;filter:=\"(&(osgi.extender=osgi.component)"
                + "(version>=1.4.0)(!(version>=2.0.0)))\"");
        main.putValue("Service-Component", "OSGI-INF/greeting.xml");
        String descriptor = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.4.0\" name=\"" + symbolicName
                + "\" configuration-pid=\"" + pid + "\" activate=\"activate\">\n"
                + "  <property name=\"greeting\" type=\"String\" value=\"" + greeting + "\"/>\n"
                + "  <property name=\"ocpi.module\" type=\"String\" value=\"" + module + "\"/>\n"
                + "  <property name=\"ocpi.role\" type=\"String\" value=\"RECEIVER\"/>\n"
                + "  <property name=\"ocpi.version\" type=\"String\">2.2.1\n2.2</property>\n"
                + "  <service><provide interface=\"org.ocn.node.spi.routing.OcpiModuleHandler\"/></service>\n"
                + "  <implementation class=\"" + GreetingModule.class.getName() + "\"/>\n"
                + "</scr:component>\n";
        String classFile = GreetingModule.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            add(out, "OSGI-INF/greeting.xml", descriptor.getBytes(StandardCharsets.UTF_8));
            try (var in = GreetingModule.class.getClassLoader().getResourceAsStream(classFile)) {
                add(out, classFile, in.readAllBytes());
            }
        }
        return jar;
    }

    /** @return a bundle that cannot resolve: it imports a package nobody exports */
    static Path unresolvable(Path jar, String symbolicName, String missingPackage) throws IOException {
        Manifest manifest = manifest(symbolicName, "1.0.0");
        manifest.getMainAttributes().putValue("Import-Package", missingPackage);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.flush();
        }
        return jar;
    }

    static Manifest manifest(String symbolicName, String version) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        return manifest;
    }

    private static void add(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content);
        out.closeEntry();
    }
}
