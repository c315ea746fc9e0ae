package org.ocn.node.plugins.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.ocn.node.plugins.internal.PluginException.Reason;

/** Copies artifacts to files with a size limit, so that nothing is held in memory and nothing fills the disk. */
final class Transfers {

    private Transfers() {
    }

    /**
     * Copies the stream into the file (replaced), at most {@code limit} bytes.
     *
     * @return the SHA-1 of what was written, in hex (Maven repositories publish it beside each artifact)
     * @throws PluginException {@link Reason#TOO_LARGE} past the limit (the file is then deleted)
     */
    static String copy(InputStream in, Path target, long limit) throws IOException, PluginException {
        MessageDigest sha1 = sha1();
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        boolean complete = false;
        try (OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                if (total > limit) {
                    throw new PluginException(Reason.TOO_LARGE, "the artifact is larger than " + limit + " bytes");
                }
                sha1.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
            complete = true;
        } finally {
            if (!complete) {
                Files.deleteIfExists(target);
            }
        }
        return HexFormat.of().formatHex(sha1.digest());
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
