package org.ocn.node.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/** A secp256k1 private key and its address. Immutable; never prints the key. */
public final class EthereumKey {

    private final BigInteger privateKey;
    private final BigInteger publicKey;
    private final String address;

    private EthereumKey(BigInteger privateKey) {
        if (privateKey.signum() <= 0 || privateKey.compareTo(Ethereum.CURVE.getN()) >= 0) {
            throw new IllegalArgumentException("not a secp256k1 private key");
        }
        this.privateKey = privateKey;
        byte[] encoded = new FixedPointCombMultiplier().multiply(Ethereum.CURVE.getG(), privateKey).getEncoded(false);
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

    /** @return the signature of a 32-byte hash: deterministic (RFC 6979), canonical (low s), with its recovery byte */
    public EcSignature signHash(byte[] hash) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(privateKey, Ethereum.CURVE));
        BigInteger[] rs = signer.generateSignature(hash);
        BigInteger r = rs[0];
        BigInteger s = rs[1].compareTo(Ethereum.HALF_ORDER) > 0 ? Ethereum.CURVE.getN().subtract(rs[1]) : rs[1];
        for (int recId = 0; recId < 4; recId++) {
            BigInteger recovered = Ethereum.recover(recId, r, s, hash);
            if (publicKey.equals(recovered)) {
                return new EcSignature(Ethereum.toBytes(r, 32), Ethereum.toBytes(s, 32), recId + 27);
            }
        }
        throw new IllegalStateException("no recovery id matches the key: cannot happen for a valid signature");
    }

    @Override
    public String toString() {
        return "EthereumKey[" + address + "]";
    }
}
