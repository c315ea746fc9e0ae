package org.ocn.node.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The node's log file ({@code data/log/karaf.log}), read from a mark on: what FileInstall did with a file in
 * {@code deploy/} or {@code etc/} is logged there, at INFO.
 */
final class NodeLog {

    private final Path file;

    NodeLog(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** @return the current end of the log: later calls read what was written after it */
    long mark() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the lines written since the mark */
    List<String> linesSince(long mark) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= mark) {
                return List.of();
            }
            byte[] bytes = new byte[(int) (length - mark)];
            in.seek(mark);
            in.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            // the last line may still be being written
            int end = text.lastIndexOf('\n');
            return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    /**
     * @return the first line since the mark that matches, with the line after it (where the reason of an error
     *         goes), or empty
     */
    Optional<String> find(long mark, Predicate<String> line) {
        List<String> lines = linesSince(mark);
        for (int i = 0; i < lines.size(); i++) {
            if (line.test(lines.get(i))) {
                return Optional.of(i + 1 < lines.size() ? lines.get(i) + "\n" + lines.get(i + 1) : lines.get(i));
            }
        }
        return Optional.empty();
    }
}
