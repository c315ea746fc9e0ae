package org.ocn.node.settings.internal;

/**
 * One configuration key the node knows.
 *
 * @param key          the key, as in {@code etc/ocn-node.properties}
 * @param kind         how its value is checked and typed
 * @param defaultValue the default, possibly referring to other keys as {@code ${key}}; {@code null} when computed
 *                     at start (data folder, generated secrets)
 * @param inUse        whether a bundle reads it yet; keys not in use are accepted and documented as coming
 */
record Setting(String key, Kind kind, String defaultValue, boolean inUse) {

    enum Kind {
        PORT, BOOLEAN, POSITIVE_LONG, TEXT, HOST, HTTP_URL, COUNTRY_CODE, PARTY_ID, PATH, SECRET, PRIVATE_KEY
    }

    /** @return the environment variable naming this key: upper case, dots as underscores */
    String environmentName() {
        return key.replace('.', '_').toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * @return the environment variable with camel case split by underscores ({@code OCN_NODE_PRIVATE_KEY}), the form
     *         the reference node v2 documents; equal to {@link #environmentName()} for keys without camel case
     */
    String splitEnvironmentName() {
        StringBuilder sb = new StringBuilder();
        for (char c : key.toCharArray()) {
            if (c == '.') {
                sb.append('_');
            } else if (Character.isUpperCase(c)) {
                sb.append('_').append(c);
            } else {
                sb.append(Character.toUpperCase(c));
            }
        }
        return sb.toString();
    }
}
