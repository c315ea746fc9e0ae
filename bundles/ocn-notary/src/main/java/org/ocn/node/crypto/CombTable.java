package org.ocn.node.crypto;

import java.math.BigInteger;

import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECLookupTable;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The multiples of one fixed point that a comb multiplication adds (Lim-Lee): with {@code w} teeth and {@code d =
 * ceil(256 / w)} columns, entry {@code i} is the sum of {@code 2^(j*d) P} over the bits {@code j} set in {@code i}, in
 * affine coordinates. Then {@code kP} is the sum over the columns {@code c} of {@code 2^c} times the entry whose bit
 * {@code j} is bit {@code c + j*d} of {@code k}: {@code d} doublings and at most {@code d} additions, against about 128
 * doublings for a windowed multiplication with the GLV endomorphism. Two combs share their doublings in
 * {@link #sumOfTwoMultiplies}, which is what a signature check against a known key computes.
 *
 * <p>Variable time: for public values only (verification), never for a private key. Immutable, thread-safe.
 */
final class CombTable {

    private static final int SCALAR_BITS = 256;

    /** Entries 1 to {@code 2^teeth - 1} (entry 0 is the point at infinity), packed as the curve packs them. */
    private final ECLookupTable entries;
    private final ECPoint infinity;
    private final int teeth;
    private final int columns;

    /** @param teeth the bits of the scalar one entry covers; the table holds {@code 2^teeth} points */
    CombTable(ECPoint point, int teeth) {
        if (teeth < 2 || teeth > 10) {
            throw new IllegalArgumentException("teeth between 2 and 10");
        }
        this.teeth = teeth;
        this.columns = (SCALAR_BITS + teeth - 1) / teeth;
        ECCurve curve = point.getCurve();
        ECPoint[] powers = new ECPoint[teeth];
        powers[0] = point;
        for (int j = 1; j < teeth; j++) {
            powers[j] = powers[j - 1].timesPow2(columns);
        }
        ECPoint[] table = new ECPoint[1 << teeth];
        table[0] = curve.getInfinity();
        for (int i = 1; i < table.length; i++) {
            int low = Integer.numberOfTrailingZeros(i);
            table[i] = table[i & (i - 1)].add(powers[low]);
        }
        // affine entries make each addition a mixed one (Z = 1), the cheaper formula
        curve.normalizeAll(table, 1, table.length - 1, null);
        this.entries = curve.createCacheSafeLookupTable(table, 1, table.length - 1);
        this.infinity = curve.getInfinity();
    }

    /**
     * @return {@code a * this point + b * other's point}, not normalized, for scalars in {@code [0, 2^256)}
     */
    ECPoint sumOfTwoMultiplies(BigInteger a, CombTable other, BigInteger b) {
        int[] aWords = words(a);
        int[] bWords = words(b);
        ECPoint sum = infinity;
        for (int c = Math.max(columns, other.columns) - 1; c >= 0; c--) {
            sum = sum.twice();
            if (c < columns) {
                int index = index(aWords, c);
                if (index != 0) {
                    sum = sum.add(entries.lookupVar(index - 1));
                }
            }
            if (c < other.columns) {
                int index = other.index(bWords, c);
                if (index != 0) {
                    sum = sum.add(other.entries.lookupVar(index - 1));
                }
            }
        }
        return sum;
    }

    /** @return the entry of column {@code c}: bit {@code j} is bit {@code c + j * columns} of the scalar */
    private int index(int[] words, int c) {
        int index = 0;
        for (int j = teeth - 1; j >= 0; j--) {
            int bit = c + j * columns;
            index = (index << 1) | (bit < SCALAR_BITS ? (words[bit >>> 5] >>> (bit & 31)) & 1 : 0);
        }
        return index;
    }

    /** @return the scalar's 256 bits, least significant word first */
    private static int[] words(BigInteger k) {
        if (k.signum() < 0 || k.bitLength() > SCALAR_BITS) {
            throw new IllegalArgumentException("scalar out of range");
        }
        int[] words = new int[SCALAR_BITS / 32];
        byte[] bytes = k.toByteArray();
        for (int i = 0; i < bytes.length && i < 32; i++) {
            int b = bytes[bytes.length - 1 - i] & 0xff;
            words[i >>> 2] |= b << ((i & 3) * 8);
        }
        return words;
    }
}
