package org.ocn.node.distribution;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Plugin jars the tests make: {@code echo.EchoModule} packed with a DS descriptor. The class file is read from the
 * test classes folder ({@code ocn.exam.classes} inside a Pax Exam container, {@code target/test-classes} otherwise).
 */
final class TestPlugins {

    private static final String ECHO_CLASS = "org/ocn/node/distribution/echo/EchoModule.class";

    private TestPlugins() {
    }

    /**
     * A plugin bundle: {@code EchoModule} registered by a hand-written DS descriptor as the custom module
     * {@code module} (RECEIVER, 2.2.1 and 2.2), answering {@code reply}, with the OCN service party {@code CH/ECO}.
     *
     * @param extraImport an Import-Package clause to add (one nothing provides makes the bundle unresolvable)
     */
    static byte[] echoJar(String symbolicName, String version, String module, String reply, String extraImport)
            throws IOException {
        return echoJar(symbolicName, version, module, reply, extraImport, 0);
    }

    /**
     * The same with a {@code service.ranking}: above 0, it overrides the built-in module of that name (RECEIVER
     * interface).
     */
    static byte[] echoJar(String symbolicName, String version, String module, String reply, String extraImport,
                          int ranking) throws IOException {
        Manifest m = ExamNode.bundleManifest(symbolicName, version);
        Attributes a = m.getMainAttributes();
        a.putValue("Import-Package", "org.ocn.node.spi.routing,org.osgi.framework"
                + (extraImport == null ? "" : "," + extraImport));
        a.putValue("Service-Component", "OSGI-INF/echo.xml");
        a.putValue("Echo-Reply", reply);
        String component = "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"" + symbolicName
                + "\" immediate=\"true\" activate=\"activate\" deactivate=\"deactivate\">"
                + "<implementation class=\"org.ocn.node.distribution.echo.EchoModule\"/>"
                + "<service><provide interface=\"org.ocn.node.spi.routing.OcpiModuleHandler\"/></service>"
                + "<property name=\"ocpi.module\" value=\"" + module + "\"/>"
                + "<property name=\"ocpi.role\" value=\"RECEIVER\"/>"
                + "<property name=\"ocpi.version\" type=\"String\">2.2.1\n2.2</property>"
                + "<property name=\"ocn.service.party\" value=\"CH/ECO\"/>"
                + "<property name=\"service.ranking\" type=\"Integer\" value=\"" + ranking + "\"/>"
                + "</scr:component>";
        return jar(m, "OSGI-INF/echo.xml", component.getBytes(StandardCharsets.UTF_8), ECHO_CLASS);
    }

    /** A plugin bundle whose activator throws: it resolves, and does not start. */
    static byte[] failingJar(String symbolicName) throws IOException {
        Manifest m = ExamNode.bundleManifest(symbolicName, "1.0.0");
        m.getMainAttributes().putValue("Import-Package", "org.osgi.framework");
        m.getMainAttributes().putValue("Bundle-Activator", "org.ocn.node.distribution.echo.FailingActivator");
        return jar(m, "README.txt", "fails".getBytes(StandardCharsets.UTF_8),
                "org/ocn/node/distribution/echo/FailingActivator.class");
    }

    private static byte[] jar(Manifest m, String resource, byte[] content, String classFile) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, m)) {
            jar.putNextEntry(new JarEntry(resource));
            jar.write(content);
            jar.putNextEntry(new JarEntry(classFile));
            try (InputStream in = Files.newInputStream(Path.of(System.getProperty("ocn.exam.classes",
                    "target/test-classes"), classFile))) {
                in.transferTo(jar);
            }
        }
        return bytes.toByteArray();
    }
}
