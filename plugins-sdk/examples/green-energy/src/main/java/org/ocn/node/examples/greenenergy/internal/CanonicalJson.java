package org.ocn.node.examples.greenenergy.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical JSON form certificates are signed in, so that the same certificate always has the same bytes:
 * <ul>
 *   <li>no whitespace between tokens;</li>
 *   <li>object members sorted by key (UTF-16 code units, as RFC 8785 does; every key here is ASCII);</li>
 *   <li>strings with {@code "} and {@code \} escaped, control characters as {@code \b \f \n \r \t} or
 *   a backslash, {@code u} and four lower-case hex digits, everything else as itself, encoded in UTF-8;</li>
 *   <li>numbers as exact decimals in plain notation without trailing zeros ({@code 5.507778}, {@code 15},
 *   {@code 0}), never an exponent: the values are decimals, not binary floating point;</li>
 *   <li>{@code true}, {@code false}, {@code null}.</li>
 * </ul>
 * Values are {@link Map}s with {@link String} keys, {@link List}s, {@link String}s, {@link BigDecimal}s,
 * {@link Integer}s and {@link Long}s, {@link Boolean}s and {@code null}.
 */
final class CanonicalJson {

    private CanonicalJson() {
    }

    /** @return the canonical form's UTF-8 bytes */
    static byte[] bytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    /** @return the canonical form */
    static String write(Object value) {
        StringBuilder out = new StringBuilder(512);
        append(out, value);
        return out.toString();
    }

    private static void append(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof BigDecimal d) {
            out.append(d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString());
        } else if (value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : sorted(map).entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                string(out, e.getKey());
                out.append(':');
                append(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                append(out, list.get(i));
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("no canonical JSON form for " + value.getClass().getName());
        }
    }

    private static Map<String, Object> sorted(Map<?, ?> map) {
        Map<String, Object> sorted = new TreeMap<>();
        map.forEach((k, v) -> {
            if (!(k instanceof String key)) {
                throw new IllegalArgumentException("object keys must be strings, not " + k);
            }
            sorted.put(key, v);
        });
        return sorted;
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
