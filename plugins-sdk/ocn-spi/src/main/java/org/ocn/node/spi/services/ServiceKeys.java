package org.ocn.node.spi.services;

import org.ocn.node.api.ocpi.PartyId;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The keys the node keeps for the services running on it: the key whose address lists a service in the registry, so
 * that what a service signs can be checked by anyone against its registry address. A bundle-scoped OSGi service: a
 * bundle signs only with the keys of the services it registered itself.
 */
@ProviderType
public interface ServiceKeys {

    /**
     * @return the Ethereum address (checksummed, {@code 0x...}) of a service running on this node
     * @throws IllegalArgumentException when no service with that identity runs here
     */
    String address(PartyId service);

    /**
     * Signs a message with a service's key as Ethereum's {@code personal_sign} does (EIP-191: the prefix
     * {@code "\u0019Ethereum Signed Message:\n"} and the message length, then Keccak-256, then secp256k1).
     *
     * @return the signature as {@code 0x} and 130 hex characters ({@code r}, {@code s}, {@code v})
     * @throws IllegalArgumentException when no service with that identity was registered by the calling bundle
     */
    String sign(PartyId service, byte[] message);

    /** @return whether the EIP-191 signature of the message was made by the key of that address */
    boolean verify(byte[] message, String signature, String address);
}
