package org.ocn.node.crypto;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A secp256k1 signature as Ethereum writes it.
 *
 * @param r the 32 bytes of r
 * @param s the 32 bytes of s (canonical: in the lower half of the curve order)
 * @param v the recovery byte, 27 or 28
 */
public record EcSignature(byte[] r, byte[] s, int v) {

    public EcSignature {
        if (r.length != 32 || s.length != 32) {
            throw new IllegalArgumentException("r and s must be 32 bytes each");
        }
        r = r.clone();
        s = s.clone();
    }

    @Override
    public byte[] r() {
        return r.clone();
    }

    @Override
    public byte[] s() {
        return s.clone();
    }

    /** @return {@code r ‖ s ‖ v} in hex (130 digits), without {@code 0x} */
    public String toHex() {
        return HexFormat.of().formatHex(r) + HexFormat.of().formatHex(s) + String.format("%02x", v);
    }

    /**
     * Reads {@code r ‖ s ‖ v} in hex, with or without {@code 0x} (the reference node writes {@code rsv} with it and
     * the {@code OCN-Signature} of node-to-node messages without). A {@code v} of 0 or 1 is taken as 27 or 28.
     *
     * @throws IllegalArgumentException if it is not 65 bytes of hex
     */
    public static EcSignature fromHex(String hex) {
        String h = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (h.length() != 130) {
            throw new IllegalArgumentException("a signature is 65 bytes (130 hex digits), not " + h.length() + " digits");
        }
        byte[] all = HexFormat.of().parseHex(h);
        int v = all[64] & 0xff;
        return new EcSignature(Arrays.copyOfRange(all, 0, 32), Arrays.copyOfRange(all, 32, 64), v < 27 ? v + 27 : v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EcSignature other && Arrays.equals(r, other.r) && Arrays.equals(s, other.s) && v == other.v;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(r) + Arrays.hashCode(s)) + v;
    }

    @Override
    public String toString() {
        return "0x" + toHex();
    }
}
