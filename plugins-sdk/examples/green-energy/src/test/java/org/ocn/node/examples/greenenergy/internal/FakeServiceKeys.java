package org.ocn.node.examples.greenenergy.internal;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.HexFormat;

import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.spi.services.ServiceKeys;

/**
 * Keys for unit tests: one real key pair (Ed25519, which the JDK has; the node uses secp256k1 with EIP-191), so that a
 * signature holds only for the exact bytes signed and only against this key's "address". Knows one service.
 */
final class FakeServiceKeys implements ServiceKeys {

    private final PartyId service;
    private final KeyPair keys;
    private final String address;
    private volatile boolean refuse;

    FakeServiceKeys(PartyId service) throws GeneralSecurityException {
        this.service = service;
        this.keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(keys.getPublic().getEncoded());
        this.address = "0x" + HexFormat.of().formatHex(digest, 0, 20);
    }

    /** From now on (or no longer), signing fails as it does for a service the node does not run. */
    void refuse(boolean refuse) {
        this.refuse = refuse;
    }

    @Override
    public String address(PartyId party) {
        check(party);
        return address;
    }

    @Override
    public String sign(PartyId party, byte[] message) {
        check(party);
        if (refuse) {
            throw new IllegalArgumentException("no service " + party + " registered by this bundle");
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(keys.getPrivate());
            s.update(message);
            return "0x" + HexFormat.of().formatHex(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean verify(byte[] message, String signature, String signer) {
        if (!signer.equalsIgnoreCase(address) || !signature.startsWith("0x")) {
            return false;
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(keys.getPublic());
            s.update(message);
            return s.verify(HexFormat.of().parseHex(signature.substring(2)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private void check(PartyId party) {
        if (!party.equals(service)) {
            throw new IllegalArgumentException("no service " + party + " runs here");
        }
    }
}
