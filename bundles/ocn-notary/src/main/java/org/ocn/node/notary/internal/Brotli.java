package org.ocn.node.notary.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

import org.brotli.dec.BrotliInputStream;

/**
 * The compressions of serialized signatures. Reading: Brotli (notary 1.0, the reference node v1 and JS clients) and
 * GZIP (reference node v2, recognised by its magic bytes). Writing: Brotli made of uncompressed meta-blocks, a valid
 * Brotli stream (RFC 7932 §9.2) that every decoder reads, with no native encoder needed (decisions §17).
 */
public final class Brotli {

    private static final int MAX_BLOCK = 1 << 16;
    private static final int MAX_DECODED = 1 << 20;

    private Brotli() {
    }

    /** @return the bytes as a Brotli stream of uncompressed meta-blocks */
    public static byte[] encode(byte[] data) {
        BitWriter out = new BitWriter(data.length + data.length / MAX_BLOCK * 4 + 8);
        out.bits(0, 1); // WBITS = 16
        for (int offset = 0; offset < data.length; offset += MAX_BLOCK) {
            int length = Math.min(MAX_BLOCK, data.length - offset);
            out.bits(0, 1);            // ISLAST = 0
            out.bits(0, 2);            // MNIBBLES = 4
            out.bits(length - 1, 16);  // MLEN - 1
            out.bits(1, 1);            // ISUNCOMPRESSED = 1
            out.align();
            out.bytes(data, offset, length);
        }
        out.bits(1, 1); // ISLAST
        out.bits(1, 1); // ISLASTEMPTY
        out.align();
        return out.toByteArray();
    }

    /** @return the decompressed bytes of a Brotli or GZIP stream, at most 1 MiB */
    public static byte[] decode(byte[] compressed) throws IOException {
        boolean gzip = compressed.length > 2 && (compressed[0] & 0xff) == 0x1f && (compressed[1] & 0xff) == 0x8b;
        try (InputStream in = gzip ? new GZIPInputStream(new ByteArrayInputStream(compressed))
                : new BrotliInputStream(new ByteArrayInputStream(compressed))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 4);
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_DECODED) {
                    throw new IOException("the signature decompresses to more than " + MAX_DECODED + " bytes");
                }
            }
            return out.toByteArray();
        }
    }

    /** Bits, least significant first, as Brotli wants them. */
    private static final class BitWriter {
        private final ByteArrayOutputStream out;
        private int current;
        private int used;

        BitWriter(int size) {
            out = new ByteArrayOutputStream(size);
        }

        void bits(int value, int count) {
            for (int i = 0; i < count; i++) {
                current |= ((value >>> i) & 1) << used;
                if (++used == 8) {
                    out.write(current);
                    current = 0;
                    used = 0;
                }
            }
        }

        void align() {
            if (used > 0) {
                out.write(current);
                current = 0;
                used = 0;
            }
        }

        void bytes(byte[] data, int offset, int length) {
            out.write(data, offset, length);
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
