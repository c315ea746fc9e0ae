package org.ocn.node.settings;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Secrets the node keeps in its data folder (generated keys): written so that no one but the owner can read them and
 * no reader ever sees half a file.
 */
public final class PrivateFiles {

    private PrivateFiles() {
    }

    /**
     * Writes the text and a line end into the file: first into a file of its own beside it, readable by the owner
     * only, forced to disk, then moved into place (atomically where the file system can). Creates the folder when
     * it is missing.
     */
    public static void write(Path file, String text) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path tmp = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
        try {
            restrict(tmp, "rw-------");
            Files.writeString(tmp, text + "\n", StandardCharsets.US_ASCII);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Sets the POSIX permissions of a file or folder, for example {@code rwx------}; does nothing on a file system
     * without them (the data folder's own protection applies there).
     */
    public static void restrict(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }
}
