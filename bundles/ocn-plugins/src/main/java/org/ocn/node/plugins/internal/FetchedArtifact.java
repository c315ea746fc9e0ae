package org.ocn.node.plugins.internal;

import java.nio.file.Path;

/**
 * An artifact ready to be installed.
 *
 * @param file   where it is, in the incoming folder (the change that takes it deletes or keeps it)
 * @param source where it came from, as the audit log says it
 */
public record FetchedArtifact(Path file, String source) {
}
