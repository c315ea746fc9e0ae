package org.ocn.node.plugins.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.ocn.node.plugins.internal.PluginException.Reason;
import org.osgi.framework.Version;

/**
 * What a plugin file is, read from its content (never from a file name or a content type): an OSGi bundle (a jar
 * whose manifest has a {@code Bundle-SymbolicName}), a Karaf features repository (XML whose root element is
 * {@code features}), or a KAR (a zip with a {@code repository/} folder, as Karaf's kar tooling makes them).
 *
 * @param kind    the kind
 * @param name    bundles: the symbolic name; features: the repository name; KARs: the name of the first features
 *                repository inside (which names the KAR)
 * @param version bundles: the version; otherwise {@code null}
 */
public record Artifact(Kind kind, String name, String version) {

    /** The kinds of plugin artifacts. */
    public enum Kind { BUNDLE, FEATURES, KAR }

    /** @return what the file is; {@link Reason#BAD_REQUEST} when it is none of the three */
    public static Artifact inspect(Path file) throws PluginException {
        try {
            if (Files.size(file) == 0) {
                throw bad("the artifact is empty");
            }
            byte[] head = new byte[2];
            try (InputStream in = Files.newInputStream(file)) {
                in.readNBytes(head, 0, 2);
            }
            if (head[0] == 'P' && head[1] == 'K') {
                return inspectZip(file);
            }
            String repository = featuresRepositoryName(file);
            if (repository == null) {
                throw bad("not a bundle, a features XML or a KAR: neither a jar/zip nor XML with a <features> root");
            }
            return new Artifact(Kind.FEATURES, repository, null);
        } catch (IOException e) {
            throw new PluginException(Reason.FAILED, "the artifact could not be read: " + e.getMessage(), e);
        }
    }

    private static Artifact inspectZip(Path file) throws PluginException, IOException {
        try (JarFile jar = new JarFile(file.toFile(), false)) {
            Manifest manifest = jar.getManifest();
            String symbolicName = manifest == null ? null
                    : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            if (symbolicName != null) {
                return bundle(manifest.getMainAttributes(), symbolicName);
            }
            for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (entry.getName().startsWith("repository/") && entry.getName().endsWith(".xml") && !entry.isDirectory()) {
                    String repository = featuresRepositoryName(jar, entry);
                    if (repository != null) {
                        return new Artifact(Kind.KAR, repository, null);
                    }
                }
            }
            throw bad("a jar or zip that is neither an OSGi bundle (no Bundle-SymbolicName in its manifest) nor a KAR"
                    + " (no features XML under repository/)");
        } catch (ZipException e) {
            throw bad("a damaged jar or zip: " + e.getMessage());
        }
    }

    private static Artifact bundle(Attributes main, String symbolicNameHeader) throws PluginException {
        String symbolicName = symbolicNameHeader.split(";", 2)[0].trim();
        if (symbolicName.isEmpty()) {
            throw bad("the bundle's Bundle-SymbolicName is empty");
        }
        String version = main.getValue("Bundle-Version");
        try {
            version = Version.parseVersion(version == null ? null : version.trim()).toString();
        } catch (IllegalArgumentException e) {
            throw bad("the bundle's Bundle-Version '" + version + "' is not an OSGi version: " + e.getMessage());
        }
        return new Artifact(Kind.BUNDLE, symbolicName, version);
    }

    private static String featuresRepositoryName(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return featuresRepositoryName(in, entry.getName());
        }
    }

    private static String featuresRepositoryName(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return featuresRepositoryName(in, file.getFileName().toString());
        }
    }

    /**
     * @return the {@code name} of a features repository (the file name, less {@code .xml}, when it has none), or
     *         {@code null} when the stream is not XML with a {@code features} root element
     */
    static String featuresRepositoryName(InputStream in, String fallbackName) {
        // the JDK's own parser, whatever spec locators the container has
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        // only the root element is read: no DTDs, no external entities
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            try {
                while (xml.hasNext()) {
                    if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                        if (!xml.getLocalName().equals("features")) {
                            return null;
                        }
                        String name = xml.getAttributeValue(null, "name");
                        if (name == null || name.isBlank()) {
                            name = fallbackName.replaceAll("(?i)\\.xml$", "");
                        }
                        return name.trim();
                    }
                }
                return null;
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            return null;
        }
    }

    private static PluginException bad(String message) {
        return new PluginException(Reason.BAD_REQUEST, message);
    }
}
