package org.ocn.node.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The plugin the module-update phase installs and then updates under load: a bundle whose DS component registers
 * {@code plugin.ForwardingModule} as the custom module {@link MockParty#CUSTOM_MODULE} (Sender interface). Nothing
 * else provides that module, so while the plugin is updated the node has to hold its requests until the new
 * version is up (the grace period of {@code ocn.node.plugins.grace}).
 */
final class PluginJar {

    static final String SYMBOLIC_NAME = "org.ocn.node.benchmarks.forwarding";
    private static final String CLASS_FILE = "org/ocn/node/benchmarks/plugin/ForwardingModule.class";

    private PluginJar() {
    }

    static byte[] build(String version) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", SYMBOLIC_NAME);
        a.putValue("Bundle-Version", version);
        a.putValue("Import-Package", "org.ocn.node.spi.routing");
        a.putValue("Service-Component", "OSGI-INF/forwarding.xml");
        String component = "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"" + SYMBOLIC_NAME
                + "\" immediate=\"true\">"
                + "<implementation class=\"org.ocn.node.benchmarks.plugin.ForwardingModule\"/>"
                + "<service><provide interface=\"org.ocn.node.spi.routing.OcpiModuleHandler\"/></service>"
                + "<property name=\"ocpi.module\" value=\"" + MockParty.CUSTOM_MODULE + "\"/>"
                + "<property name=\"ocpi.role\" value=\"SENDER\"/>"
                + "<property name=\"ocpi.version\" type=\"String\">2.2.1\n2.2</property>"
                + "</scr:component>";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, m)) {
            jar.putNextEntry(new JarEntry("OSGI-INF/forwarding.xml"));
            jar.write(component.getBytes(StandardCharsets.UTF_8));
            jar.putNextEntry(new JarEntry(CLASS_FILE));
            try (InputStream in = PluginJar.class.getClassLoader().getResourceAsStream(CLASS_FILE)) {
                if (in == null) {
                    throw new IOException(CLASS_FILE + " is not on the class path");
                }
                in.transferTo(jar);
            }
        }
        return bytes.toByteArray();
    }
}
