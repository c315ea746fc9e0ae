package org.ocn.node.plugins.internal;

import java.util.regex.Pattern;

import org.ocn.node.plugins.internal.PluginException.Reason;

/**
 * A Maven artifact: {@code groupId:artifactId[:extension[:classifier]]:version} (Maven's own notation, the default
 * extension is {@code jar}), or Karaf's {@code mvn:groupId/artifactId/version[/extension[/classifier]]}.
 */
public record MavenCoordinate(String groupId, String artifactId, String extension, String classifier,
                              String version) {

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.\\-]+");

    /** @return the coordinate; {@link Reason#BAD_REQUEST} with the expected notation when it is malformed */
    public static MavenCoordinate parse(String text) throws PluginException {
        String t = text == null ? "" : text.trim();
        String[] p;
        String group;
        String artifact;
        String extension = "jar";
        String classifier = null;
        String version;
        if (t.startsWith("mvn:")) {
            p = t.substring(4).split("/", -1);
            if (p.length < 3 || p.length > 5) {
                throw malformed(text);
            }
            group = p[0];
            artifact = p[1];
            version = p[2];
            if (p.length >= 4) {
                extension = p[3];
            }
            if (p.length == 5) {
                classifier = p[4];
            }
        } else {
            p = t.split(":", -1);
            if (p.length < 3 || p.length > 5) {
                throw malformed(text);
            }
            group = p[0];
            artifact = p[1];
            version = p[p.length - 1];
            if (p.length >= 4) {
                extension = p[2];
            }
            if (p.length == 5) {
                classifier = p[3];
            }
        }
        for (String part : new String[] {group, artifact, extension, version}) {
            if (!PART.matcher(part).matches() || part.startsWith(".")) {
                throw malformed(text);
            }
        }
        if (classifier != null && (classifier.isEmpty() || !PART.matcher(classifier).matches())) {
            throw malformed(text);
        }
        // Maven's packaging names for what is stored as a jar
        if (extension.equals("bundle")) {
            extension = "jar";
        }
        return new MavenCoordinate(group, artifact, extension, classifier, version);
    }

    private static PluginException malformed(String text) {
        return new PluginException(Reason.BAD_REQUEST, "'" + text + "' is not a Maven coordinate: expected"
                + " groupId:artifactId:version (or groupId:artifactId:extension[:classifier]:version, or"
                + " mvn:groupId/artifactId/version[/extension[/classifier]])");
    }

    public boolean snapshot() {
        return version.endsWith("-SNAPSHOT");
    }

    /** @return the folder of this version in a repository, for example {@code org/example/echo/1.0.0/} */
    public String versionFolder() {
        return groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/";
    }

    /** @return the file name for a version as stored ({@code 1.0.0}, or a snapshot's timestamped value) */
    public String fileName(String storedVersion) {
        return artifactId + "-" + storedVersion + (classifier == null ? "" : "-" + classifier) + "." + extension;
    }

    @Override
    public String toString() {
        return groupId + ":" + artifactId + ":" + (extension.equals("jar") && classifier == null ? ""
                : extension + ":" + (classifier == null ? "" : classifier + ":")) + version;
    }
}
