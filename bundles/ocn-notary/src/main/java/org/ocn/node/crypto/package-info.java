/**
 * Ethereum keys as the OCN uses them: Keccak-256, secp256k1 signatures over EIP-191 prefixed messages (with public
 * key recovery), and EIP-55 checksummed addresses. Signatures are deterministic (RFC 6979) and canonical (low s),
 * byte for byte those of web3j, which the reference node uses.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.2.0")
package org.ocn.node.crypto;
