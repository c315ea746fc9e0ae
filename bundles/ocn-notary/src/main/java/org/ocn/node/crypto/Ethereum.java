package org.ocn.node.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9IntegerConverter;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.custom.sec.SecP256K1Curve;

/** Keccak-256, EIP-191 message hashes, signer recovery and EIP-55 addresses. Stateless. */
public final class Ethereum {

    private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
    static final ECDomainParameters CURVE = new ECDomainParameters(PARAMS.getCurve(), PARAMS.getG(), PARAMS.getN(),
            PARAMS.getH());
    static final BigInteger HALF_ORDER = PARAMS.getN().shiftRight(1);
    /** A signer key's comb, as large as G's: SignerKeys keeps one per signer it met. */
    private static final int KEY_COMB_TEETH = 8;

    private Ethereum() {
    }

    /** @return the Keccak-256 hash of the bytes (Ethereum's "sha3") */
    public static byte[] keccak256(byte[] input) {
        KeccakDigest digest = new KeccakDigest(256);
        digest.update(input, 0, input.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    /** @return {@code 0x} followed by the lower-case hex of the Keccak-256 of the string's UTF-8 bytes */
    public static String sha3String(String input) {
        return "0x" + HexFormat.of().formatHex(keccak256(input.getBytes(StandardCharsets.UTF_8)));
    }

    /** @return the hash EIP-191 ("personal_sign") signs: Keccak-256 of {@code "\u0019Ethereum Signed Message:\n" + length + message} */
    public static byte[] prefixedMessageHash(byte[] message) {
        byte[] prefix = ("\u0019Ethereum Signed Message:\n" + message.length).getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(prefix, prefix.length + message.length);
        System.arraycopy(message, 0, all, prefix.length, message.length);
        return keccak256(all);
    }

    /**
     * @return the EIP-55 checksummed address of whoever signed the EIP-191 prefixed message, or empty when the
     *         signature does not recover a key
     */
    public static Optional<String> recoverPrefixedMessageSigner(byte[] message, EcSignature signature) {
        int recId = signature.v() - 27;
        if (recId < 0 || recId > 3) {
            return Optional.empty();
        }
        BigInteger key = recover(recId, new BigInteger(1, signature.r()), new BigInteger(1, signature.s()),
                prefixedMessageHash(message));
        return key == null ? Optional.empty() : Optional.of(address(key));
    }

    /** Public key recovery (SEC 1 v2, 4.1.6), as web3j's {@code Sign.recoverFromSignature}. */
    static BigInteger recover(int recId, BigInteger r, BigInteger s, byte[] hash) {
        BigInteger n = CURVE.getN();
        if (r.signum() <= 0 || s.signum() <= 0 || r.compareTo(n) >= 0 || s.compareTo(n) >= 0) {
            return null;
        }
        BigInteger x = r.add(BigInteger.valueOf(recId / 2L).multiply(n));
        if (x.compareTo(SecP256K1Curve.q) >= 0) {
            return null;
        }
        X9IntegerConverter converter = new X9IntegerConverter();
        byte[] compressed = converter.integerToBytes(x, 1 + converter.getByteLength(CURVE.getCurve()));
        compressed[0] = (byte) ((recId & 1) == 1 ? 0x03 : 0x02);
        ECPoint rPoint;
        try {
            rPoint = CURVE.getCurve().decodePoint(compressed);
        } catch (IllegalArgumentException e) {
            return null;
        }
        // web3j also checks that n * R is the point at infinity: secp256k1's cofactor is 1, so every point on the
        // curve (decodePoint only returns those) has order n and that check always holds
        BigInteger e = new BigInteger(1, hash);
        BigInteger eInv = BigInteger.ZERO.subtract(e).mod(n);
        BigInteger rInv = r.modInverse(n);
        ECPoint q = affine(ECAlgorithms.sumOfTwoMultiplies(CURVE.getG(), rInv.multiply(eInv).mod(n), rPoint,
                rInv.multiply(s).mod(n)));
        byte[] encoded = q.getEncoded(false);
        return new BigInteger(1, Arrays.copyOfRange(encoded, 1, encoded.length));
    }

    /**
     * Checks a signature against a known public key, with the outcome of {@link #recover}: true exactly when
     * recovering with the signature's recovery id gives this key. Recovery computes {@code Q = r⁻¹(sR - eG)} with
     * {@code R} the curve point of x {@code r + (recId / 2) n} and y parity {@code recId & 1}; so {@code Q} is
     * recovered iff {@code R = s⁻¹(eG + rQ)}, which is what is checked here. Cheaper than a recovery: no square root
     * to decompress R, and both multiplications run on precomputed comb tables (of G, and of the key, kept by the
     * caller) that share their doublings.
     *
     * @param q the comb table of the public key, reused between calls
     */
    static boolean verify(int recId, BigInteger r, BigInteger s, byte[] hash, CombTable q) {
        BigInteger n = CURVE.getN();
        if (recId < 0 || recId > 3 || r.signum() <= 0 || s.signum() <= 0 || r.compareTo(n) >= 0 || s.compareTo(n) >= 0) {
            return false;
        }
        BigInteger x = r.add(BigInteger.valueOf(recId / 2L).multiply(n));
        if (x.compareTo(SecP256K1Curve.q) >= 0) {
            return false;
        }
        BigInteger sInv = org.bouncycastle.util.BigIntegers.modOddInverse(n, s);
        BigInteger e = new BigInteger(1, hash);
        ECPoint point = affine(GComb.TABLE.sumOfTwoMultiplies(e.multiply(sInv).mod(n), q, r.multiply(sInv).mod(n)));
        return !point.isInfinity() && point.getAffineXCoord().toBigInteger().equals(x)
                && point.getAffineYCoord().testBitZero() == ((recId & 1) == 1);
    }

    /** @return the comb table of a public key (the 64 bytes of x and y, as an unsigned integer), for {@link #verify} */
    static CombTable combTable(BigInteger publicKey) {
        return new CombTable(point(publicKey), KEY_COMB_TEETH);
    }

    /**
     * @return the point in affine coordinates. {@code ECPoint.normalize()} blinds the inversion with a random field
     *         element (drawn from a shared SecureRandom, whose lock threads queue on), which protects secrets; the
     *         points of a verification or a recovery are computed from public values only
     */
    private static ECPoint affine(ECPoint point) {
        ECPoint[] points = {point};
        point.getCurve().normalizeAll(points);
        return points[0];
    }

    /** @return the public key (the 64 bytes of x and y, as an unsigned integer) as a normalized curve point */
    static ECPoint point(BigInteger publicKey) {
        byte[] encoded = new byte[65];
        encoded[0] = 0x04;
        System.arraycopy(toBytes(publicKey, 64), 0, encoded, 1, 64);
        return affine(CURVE.getCurve().decodePoint(encoded));
    }

    /** @return the checksummed address of a public key (the 64 bytes of x and y, as an unsigned integer) */
    static String address(BigInteger publicKey) {
        byte[] raw = toBytes(publicKey, 64);
        byte[] hash = keccak256(raw);
        return checksum(HexFormat.of().formatHex(Arrays.copyOfRange(hash, 12, 32)));
    }

    /** @return the address in EIP-55 mixed case, with {@code 0x} */
    public static String checksum(String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        if (lower.startsWith("0x")) {
            lower = lower.substring(2);
        }
        String hash = HexFormat.of().formatHex(keccak256(lower.getBytes(StandardCharsets.US_ASCII)));
        StringBuilder out = new StringBuilder("0x");
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            out.append(Character.digit(hash.charAt(i), 16) >= 8 ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }

    /** @return whether two addresses are the same, whatever their case */
    public static boolean sameAddress(String a, String b) {
        return a != null && b != null && strip(a).equalsIgnoreCase(strip(b));
    }

    private static String strip(String address) {
        return address.startsWith("0x") || address.startsWith("0X") ? address.substring(2) : address;
    }

    static byte[] toBytes(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }

    /**
     * G's comb: 255 points (16 KB) for 32 doublings per verification. Immutable; built when the first signature is
     * checked (the holder class loads then), not when the node starts and only signs.
     */
    private static final class GComb {
        static final CombTable TABLE = new CombTable(CURVE.getG(), 8);
    }
}
