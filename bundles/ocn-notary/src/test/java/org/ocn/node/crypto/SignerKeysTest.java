package org.ocn.node.crypto;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.junit.Test;

/** Signing without recovery and verifying against remembered keys give what ECDSASigner and recovery give. */
public class SignerKeysTest {

    private static final String KEY = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    @Test
    public void signaturesAreThoseOfEcdsaSignerWithTheRecoveryIdThatRecoversTheKey() {
        EthereumKey key = EthereumKey.fromPrivateKey(KEY);
        BigInteger d = new BigInteger(KEY.substring(2), 16);
        for (int i = 0; i < 200; i++) {
            byte[] hash = Ethereum.keccak256(("message " + i).getBytes(StandardCharsets.UTF_8));
            ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
            signer.init(true, new ECPrivateKeyParameters(d, Ethereum.CURVE));
            BigInteger[] rs = signer.generateSignature(hash);
            BigInteger s = rs[1].compareTo(Ethereum.HALF_ORDER) > 0 ? Ethereum.CURVE.getN().subtract(rs[1]) : rs[1];
            EcSignature signature = key.signHash(hash);
            assertEquals(rs[0], new BigInteger(1, signature.r()));
            assertEquals(s, new BigInteger(1, signature.s()));
            BigInteger recovered = Ethereum.recover(signature.v() - 27, rs[0], s, hash);
            assertEquals(key.address(), Ethereum.address(recovered));
        }
    }

    @Test
    public void verifyingAgainstAKeyAgreesWithRecoveryForEveryRecoveryId() {
        EthereumKey key = EthereumKey.fromPrivateKey(KEY);
        Random random = new Random(1);
        for (int i = 0; i < 50; i++) {
            byte[] hash = Ethereum.keccak256(("m" + i).getBytes(StandardCharsets.UTF_8));
            EcSignature signature = key.signHash(hash);
            BigInteger r = new BigInteger(1, signature.r());
            BigInteger s = new BigInteger(1, signature.s());
            BigInteger publicKey = Ethereum.recover(signature.v() - 27, r, s, hash);
            byte[] other = hash.clone();
            other[random.nextInt(32)] ^= 1;
            for (int recId = 0; recId < 4; recId++) {
                for (byte[] h : new byte[][] {hash, other}) {
                    BigInteger byRecovery = Ethereum.recover(recId, r, s, h);
                    assertEquals(publicKey.equals(byRecovery),
                            Ethereum.verify(recId, r, s, h, Ethereum.combTable(publicKey)));
                }
            }
        }
    }

    @Test
    public void signersAreRecognisedTheFirstTimeAndThen() {
        EthereumKey key = EthereumKey.fromPrivateKey(KEY);
        EthereumKey stranger = EthereumKey.fromPrivateKey("0x" + "11".repeat(32));
        SignerKeys keys = new SignerKeys(2);
        for (int i = 0; i < 5; i++) {
            byte[] message = ("0xhash" + i).getBytes(StandardCharsets.UTF_8);
            EcSignature signature = key.signPrefixedMessage(message);
            assertTrue(keys.signedBy(message, signature, key.address()));
            assertTrue(keys.signedBy(message, signature, key.address().toLowerCase()));
            assertFalse(keys.signedBy(message, signature, stranger.address()));
            assertFalse(keys.signedBy("other".getBytes(StandardCharsets.UTF_8), signature, key.address()));
            assertFalse(keys.signedBy(message, new EcSignature(signature.r(), signature.s(), 55 - signature.v()),
                    key.address()));
            assertEquals(Ethereum.recoverPrefixedMessageSigner(message, signature).get(), key.address());
        }
        assertEquals(1, keys.size());
        byte[] message = "x".getBytes(StandardCharsets.UTF_8);
        assertTrue(keys.signedBy(message, stranger.signPrefixedMessage(message), stranger.address()));
        assertTrue(keys.signedBy(message, key.signPrefixedMessage(message), key.address()));
        assertTrue(keys.size() <= 2);
    }
}
