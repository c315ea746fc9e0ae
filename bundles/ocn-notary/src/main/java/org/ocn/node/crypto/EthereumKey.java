package org.ocn.node.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/** A secp256k1 private key and its address. Immutable; never prints the key. */
public final class EthereumKey {

    private static final FixedPointCombMultiplier MULTIPLIER = new FixedPointCombMultiplier();

    private final BigInteger privateKey;
    private final BigInteger publicKey;
    private final String address;

    private EthereumKey(BigInteger privateKey) {
        if (privateKey.signum() <= 0 || privateKey.compareTo(Ethereum.CURVE.getN()) >= 0) {
            throw new IllegalArgumentException("not a secp256k1 private key");
        }
        this.privateKey = privateKey;
        byte[] encoded = MULTIPLIER.multiply(Ethereum.CURVE.getG(), privateKey).getEncoded(false);
        this.publicKey = new BigInteger(1, java.util.Arrays.copyOfRange(encoded, 1, encoded.length));
        this.address = Ethereum.address(publicKey);
    }

    /** @param hex 64 hex digits, with or without {@code 0x} */
    public static EthereumKey fromPrivateKey(String hex) {
        String h = hex.startsWith("0x") ? hex.substring(2) : hex;
        return new EthereumKey(new BigInteger(1, HexFormat.of().parseHex(h)));
    }

    /** @return a new random key */
    public static EthereumKey random(SecureRandom random) {
        while (true) {
            BigInteger k = new BigInteger(256, random);
            if (k.signum() > 0 && k.compareTo(Ethereum.CURVE.getN()) < 0) {
                return new EthereumKey(k);
            }
        }
    }

    /** @return the EIP-55 checksummed address, with {@code 0x} */
    public String address() {
        return address;
    }

    /** @return the private key as 64 lower-case hex digits, for keeping it; handle with care */
    public String privateKeyHex() {
        return HexFormat.of().formatHex(Ethereum.toBytes(privateKey, 32));
    }

    /** @return the EIP-191 ("personal_sign") signature of the message, as web3j's {@code Sign.signPrefixedMessage} */
    public EcSignature signPrefixedMessage(byte[] message) {
        return signHash(Ethereum.prefixedMessageHash(message));
    }

    /**
     * @return the signature of a 32-byte hash: deterministic (RFC 6979), canonical (low s), with its recovery byte.
     *         The ECDSA of BouncyCastle's {@code ECDSASigner} (same k, r and s), written out so that the recovery id
     *         comes from the point {@code R = kG} itself: no public key recovery to find it.
     */
    public EcSignature signHash(byte[] hash) {
        BigInteger n = Ethereum.CURVE.getN();
        BigInteger e = new BigInteger(1, hash); // a 32-byte hash is never longer than n: no truncation
        HMacDSAKCalculator kCalculator = new HMacDSAKCalculator(new SHA256Digest());
        kCalculator.init(n, privateKey, hash);
        while (true) {
            BigInteger k = kCalculator.nextK();
            ECPoint rPoint = MULTIPLIER.multiply(Ethereum.CURVE.getG(), k).normalize();
            BigInteger x = rPoint.getAffineXCoord().toBigInteger();
            BigInteger r = x.mod(n);
            if (r.signum() == 0) {
                continue;
            }
            BigInteger s = BigIntegers.modOddInverse(n, k).multiply(e.add(privateKey.multiply(r))).mod(n);
            if (s.signum() == 0) {
                continue;
            }
            int recId = (rPoint.getAffineYCoord().testBitZero() ? 1 : 0) | (x.compareTo(n) >= 0 ? 2 : 0);
            if (s.compareTo(Ethereum.HALF_ORDER) > 0) {
                s = n.subtract(s); // -s: the signature of -R, whose y has the other parity
                recId ^= 1;
            }
            return new EcSignature(Ethereum.toBytes(r, 32), Ethereum.toBytes(s, 32), recId + 27);
        }
    }

    @Override
    public String toString() {
        return "EthereumKey[" + address + "]";
    }
}
