package org.ocn.node.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Configurations as an operator gives them: a file {@code etc/<pid>.cfg} that the node's ConfigAdmin reads (Karaf's
 * FileInstall watches {@code etc/}). A PID with a dash, {@code <factory pid>-<name>.cfg}, is a factory configuration.
 */
final class ConfigFiles {

    private ConfigFiles() {
    }

    /** @return the file of a PID in the node's {@code etc/} folder */
    static Path file(Path etc, String pid) {
        if (pid == null || pid.isBlank() || pid.contains("/") || pid.contains("\\") || pid.startsWith(".")) {
            throw new IllegalArgumentException("not a configuration PID: '" + pid + "'");
        }
        return etc.resolve(pid + ".cfg");
    }

    /**
     * Writes the configuration (into a temporary file first, then moved into place, so that FileInstall never reads
     * half of it).
     *
     * @return whether the file changed (an unchanged file is not read again, so nothing would happen)
     */
    static boolean write(Path etc, String pid, Map<String, ?> properties) {
        Path target = file(etc, pid);
        byte[] content = render(pid, properties).getBytes(StandardCharsets.ISO_8859_1);
        try {
            if (Files.isRegularFile(target) && java.util.Arrays.equals(Files.readAllBytes(target), content)) {
                return false;
            }
            Path part = Files.createTempFile(etc, ".harness-", ".part");
            Files.write(part, content);
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + target, e);
        }
    }

    /**
     * @return the {@code .cfg} text: one {@code key = value} line per property, sorted, escaped as
     *         {@link java.util.Properties} escapes (non-ASCII as {@code \}{@code uXXXX})
     */
    static String render(String pid, Map<String, ?> properties) {
        StringBuilder text = new StringBuilder("# written by the OCN test harness: configuration ").append(pid)
                .append('\n');
        for (Map.Entry<String, ?> entry : new TreeMap<>(properties).entrySet()) {
            Object value = entry.getValue();
            if (value == null || value instanceof Collection || value.getClass().isArray()) {
                throw new IllegalArgumentException("configuration " + pid + ", key " + entry.getKey() + ": a .cfg "
                        + "value is a single string (or number or boolean), not " + value);
            }
            text.append(escape(entry.getKey(), true)).append(" = ").append(escape(String.valueOf(value), false))
                    .append('\n');
        }
        return text.toString();
    }

    private static String escape(String text, boolean key) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                case '=', ':', '#', '!' -> out.append('\\').append(c);
                case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
