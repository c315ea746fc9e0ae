package org.ocn.node.api.ocpi;

import java.util.Objects;

/**
 * A business's details ({@code BusinessDetails}).
 *
 * @param name    the name, at most 100 characters ({@code name})
 * @param website the website, or {@code null} ({@code website})
 * @param logo    the logo, or {@code null} ({@code logo})
 */
public record BusinessDetails(String name, String website, Image logo) {

    public BusinessDetails {
        Objects.requireNonNull(name, "name");
    }

    /** @return details with a name only */
    public static BusinessDetails named(String name) {
        return new BusinessDetails(name, null, null);
    }
}
