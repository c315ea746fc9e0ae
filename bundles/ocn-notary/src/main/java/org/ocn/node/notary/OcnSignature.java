package org.ocn.node.notary;

import java.util.List;

/**
 * An OCN signature, as carried (serialized) in the {@code OCN-Signature} header or the {@code ocn_signature} field.
 *
 * @param fields    the JsonPaths of the values signed, in order
 * @param hash      {@code 0x} and the Keccak-256 of the concatenated values
 * @param rsv       {@code 0x} and the EIP-191 signature of the hash's text
 * @param signatory the signer's address
 * @param rewrites  earlier signatures, oldest first, with the values changed since
 */
public record OcnSignature(List<String> fields, String hash, String rsv, String signatory, List<Rewrite> rewrites) {

    public OcnSignature {
        fields = List.copyOf(fields);
        rewrites = List.copyOf(rewrites);
    }
}
