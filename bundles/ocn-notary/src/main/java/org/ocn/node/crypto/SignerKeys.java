package org.ocn.node.crypto;

import java.math.BigInteger;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks that an address signed a message, remembering the public keys of the signers met: the first signature of an
 * address costs a public key recovery and the key's comb table (16 KB of precomputed multiples), the next ones a
 * verification against that table, about 1.7 times faster than a windowed one and without a recovery's square root.
 * The outcome is always that of {@link Ethereum#recoverPrefixedMessageSigner} compared with the address.
 *
 * <p>Thread-safe. At most {@code capacity} keys are kept (only keys that signed something, so a flood of signatures
 * costs recoveries, never memory); when full, the keys are forgotten and met again.
 */
public final class SignerKeys {

    private final int capacity;
    private final ConcurrentHashMap<String, CombTable> keys = new ConcurrentHashMap<>();

    /** Remembers up to 1024 signers (at most 16 MB of comb tables). */
    public SignerKeys() {
        this(1024);
    }

    /** @param capacity how many signers are remembered at most */
    public SignerKeys(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    /**
     * @param message   the message as signed (EIP-191 prefixed: "personal_sign")
     * @param address   the address expected to have signed it, in any case, with or without {@code 0x}
     * @return whether the signature recovers to that address
     */
    public boolean signedBy(byte[] message, EcSignature signature, String address) {
        if (address == null) {
            return false;
        }
        int recId = signature.v() - 27;
        if (recId < 0 || recId > 3) {
            return false;
        }
        String id = key(address);
        BigInteger r = new BigInteger(1, signature.r());
        BigInteger s = new BigInteger(1, signature.s());
        byte[] hash = Ethereum.prefixedMessageHash(message);
        CombTable known = keys.get(id);
        if (known != null) {
            return Ethereum.verify(recId, r, s, hash, known);
        }
        BigInteger recovered = Ethereum.recover(recId, r, s, hash);
        if (recovered == null || !Ethereum.sameAddress(Ethereum.address(recovered), address)) {
            return false;
        }
        if (keys.size() >= capacity) {
            keys.clear();
        }
        keys.putIfAbsent(id, Ethereum.combTable(recovered));
        return true;
    }

    /** @return how many signers are remembered */
    public int size() {
        return keys.size();
    }

    private static String key(String address) {
        String a = address.startsWith("0x") || address.startsWith("0X") ? address.substring(2) : address;
        return a.toLowerCase(Locale.ROOT);
    }
}
