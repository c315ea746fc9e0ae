package org.ocn.node.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * ocn-bom and ocn-plugin-parent have no parent (a plugin must not inherit the node's build), so they repeat versions
 * the node's root pom manages: plugins must compile and test against what the node runs. This test fails the build
 * when the copies drift apart.
 */
public class SdkVersionsTest {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private final Path sdk = Path.of(System.getProperty("ocn.sdk.root", ".."));
    private final Pom root = Pom.read(sdk.resolve("../pom.xml"));
    private final Pom bom = Pom.read(sdk.resolve("ocn-bom/pom.xml"));
    private final Pom parent = Pom.read(sdk.resolve("ocn-plugin-parent/pom.xml"));

    @Test
    public void theBomManagesWhatTheNodeRunsAtTheNodesVersions() {
        Map<String, String> nodeVersions = root.managedVersions();
        Map<String, String> bomVersions = bom.managedVersions();
        assertFalse(bomVersions.isEmpty());
        bomVersions.forEach((artifact, version) -> {
            if (nodeVersions.containsKey(artifact)) {
                assertEquals(artifact + " in ocn-bom", nodeVersions.get(artifact), version);
            }
        });
        assertEquals(root.version(), bom.version());
        assertEquals(root.version(), bom.property("ocn.version"));
    }

    @Test
    public void theParentBuildsWithTheNodesToolsAndRelease() {
        assertEquals(root.version(), parent.version());
        assertEquals(root.version(), parent.property("ocn.version"));
        assertEquals(root.property("bnd.version"), parent.property("bnd.version"));
        assertEquals(root.property("maven.compiler.release"), parent.property("maven.compiler.release"));
        assertEquals(root.pluginVersion("maven-surefire-plugin"), parent.property("surefire.version"));
        assertEquals(root.pluginVersion("maven-failsafe-plugin"), parent.property("surefire.version"));
    }

    /** The parts of a pom this test compares, with {@code ${...}} resolved from its own properties. */
    private record Pom(Document document, Map<String, String> properties) {

        static Pom read(Path file) {
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                Document document = factory.newDocumentBuilder().parse(file.toFile());
                Map<String, String> properties = new HashMap<>();
                Element project = document.getDocumentElement();
                Element props = child(project, "properties");
                if (props != null) {
                    NodeList list = props.getChildNodes();
                    for (int i = 0; i < list.getLength(); i++) {
                        if (list.item(i) instanceof Element e) {
                            properties.put(e.getTagName(), e.getTextContent().trim());
                        }
                    }
                }
                properties.put("project.version", text(project, "version"));
                return new Pom(document, properties);
            } catch (Exception e) {
                throw new IllegalStateException("cannot read " + file, e);
            }
        }

        String version() {
            return text(document.getDocumentElement(), "version");
        }

        String property(String name) {
            return resolve(properties.get(name));
        }

        /** @return groupId:artifactId to version of the dependencyManagement section */
        Map<String, String> managedVersions() {
            Map<String, String> versions = new LinkedHashMap<>();
            Element management = child(document.getDocumentElement(), "dependencyManagement");
            NodeList dependencies = child(management, "dependencies").getElementsByTagName("dependency");
            for (int i = 0; i < dependencies.getLength(); i++) {
                Element dependency = (Element) dependencies.item(i);
                versions.put(text(dependency, "groupId") + ":" + text(dependency, "artifactId"),
                        resolve(text(dependency, "version")));
            }
            return versions;
        }

        String pluginVersion(String artifactId) {
            NodeList plugins = document.getElementsByTagName("plugin");
            for (int i = 0; i < plugins.getLength(); i++) {
                Element plugin = (Element) plugins.item(i);
                if (artifactId.equals(text(plugin, "artifactId")) && text(plugin, "version") != null) {
                    return resolve(text(plugin, "version"));
                }
            }
            throw new AssertionError("no version of " + artifactId);
        }

        private String resolve(String value) {
            if (value == null) {
                return null;
            }
            Matcher m = PROPERTY.matcher(value);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(resolve(properties.getOrDefault(m.group(1),
                        m.group()))));
            }
            return m.appendTail(out).toString();
        }

        private static Element child(Element parent, String name) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals(name)) {
                    return e;
                }
            }
            return null;
        }

        private static String text(Element parent, String name) {
            Element e = child(parent, name);
            return e == null ? null : e.getTextContent().trim();
        }
    }
}
