package org.ocn.node.api.ocpi;

import java.util.Objects;

/**
 * An image reference ({@code Image} in {@code types.asciidoc}), as used for a business's logo.
 *
 * @param url       where the image is ({@code url})
 * @param thumbnail a thumbnail URL, or {@code null} ({@code thumbnail})
 * @param category  the category, for example {@code OPERATOR} ({@code category})
 * @param type      the image type, for example {@code png} ({@code type})
 * @param width     width in pixels, or {@code null} ({@code width})
 * @param height    height in pixels, or {@code null} ({@code height})
 */
public record Image(String url, String thumbnail, String category, String type, Integer width, Integer height) {

    public Image {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(type, "type");
    }
}
