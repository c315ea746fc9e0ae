package org.ocn.node.api.ocpi;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a versions list: {@code {"version": "2.2.1", "url": "..."}}. The version is kept as written, so that a
 * list naming versions this node does not know can still be read.
 *
 * @param version the version as written ({@code version})
 * @param url     the URL of that version's details ({@code url})
 */
public record Version(String version, String url) {

    public Version {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(url, "url");
    }

    /** @return the version number, if it is one this API knows */
    public Optional<VersionNumber> number() {
        return VersionNumber.parse(version);
    }
}
