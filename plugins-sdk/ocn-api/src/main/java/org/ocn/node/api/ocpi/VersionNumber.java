package org.ocn.node.api.ocpi;

import java.util.Optional;

/** The OCPI version numbers ({@code VersionNumber}), oldest first. */
public enum VersionNumber {
    V2_0("2.0"),
    V2_1("2.1"),
    V2_1_1("2.1.1"),
    V2_2("2.2"),
    V2_2_1("2.2.1");

    private final String text;

    VersionNumber(String text) {
        this.text = text;
    }

    /** @return the version as written on the wire, for example {@code 2.2.1} */
    public String text() {
        return text;
    }

    /** @return the version written {@code text}, if it is a known one */
    public static Optional<VersionNumber> parse(String text) {
        for (VersionNumber v : values()) {
            if (v.text.equals(text)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return text;
    }
}
