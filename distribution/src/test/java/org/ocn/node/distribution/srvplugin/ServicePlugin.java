package org.ocn.node.distribution.srvplugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Builds the test plugin: a bundle holding {@link SrvService} and the Declarative Services descriptor that registers
 * it as an {@code OcnService} with {@code ocn.service.party=CH/SRV} and hands it the node's {@code ServiceKeys} (what
 * {@code @OcnServiceIdentity}, {@code @Reference} and bnd would generate for a real plugin).
 */
public final class ServicePlugin {

    public static final String SYMBOLIC_NAME = "org.ocn.node.it.srv";
    public static final String PARTY = "CH/SRV";
    public static final String NAME = "Test service";
    public static final String URL = "https://srv.example";
    public static final String MODULE = "srv-module";

    private static final String COMPONENT = "OSGI-INF/org.ocn.node.it.srv.xml";

    private ServicePlugin() {
    }

    /** Writes the plugin to {@code scratch}, then moves it to {@code jar}, so that the deploy folder never sees half a jar. */
    public static void write(Path jar, Path scratch) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", SYMBOLIC_NAME);
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Import-Package", "org.ocn.node.api.ocpi;version=\"[0.1,1)\","
                + "org.ocn.node.spi.routing;version=\"[0.1,1)\",org.ocn.node.spi.services;version=\"[0.1,1)\"");
        a.putValue("Service-Component", COMPONENT);
        Files.createDirectories(scratch);
        Path tmp = Files.createTempFile(scratch, "srv-plugin", ".part");
        String classFile = SrvService.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(tmp); JarOutputStream j = new JarOutputStream(out, m);
             InputStream bytes = SrvService.class.getClassLoader().getResourceAsStream(classFile)) {
            j.putNextEntry(new JarEntry(classFile));
            bytes.transferTo(j);
            j.closeEntry();
            j.putNextEntry(new JarEntry(COMPONENT));
            j.write(component().getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String component() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"org.ocn.node.it.srv\""
                + " immediate=\"true\">\n"
                + "  <implementation class=\"" + SrvService.class.getName() + "\"/>\n"
                + "  <service><provide interface=\"org.ocn.node.spi.services.OcnService\"/></service>\n"
                + "  <reference name=\"keys\" interface=\"org.ocn.node.spi.services.ServiceKeys\" field=\"keys\"/>\n"
                + "  <property name=\"ocn.service.party\" type=\"String\" value=\"" + PARTY + "\"/>\n"
                + "  <property name=\"ocn.service.name\" type=\"String\" value=\"" + NAME + "\"/>\n"
                + "  <property name=\"ocn.service.url\" type=\"String\" value=\"" + URL + "\"/>\n"
                + "  <property name=\"ocn.service.permissions\" type=\"String\">FORWARD_MODULE_CDRS_SENDER\n"
                + "FORWARD_MODULE_CDRS_RECEIVER</property>\n"
                + "  <property name=\"ocn.service.modules\" type=\"String\" value=\"" + MODULE + "\"/>\n"
                + "</scr:component>\n";
    }
}
