package org.ocn.node.registry.chain.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.ocn.node.api.ocpi.PartyId;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes2;
import org.web3j.abi.datatypes.generated.Bytes3;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * The {@code *Raw} calls of the Registry and Permissions contracts that publish a service (registry.md §2.2): the
 * data owner signs {@code paramHash = keccak256(abi.encodePacked(params))} as an EIP-191 message of those 32 bytes
 * (v = 27/28), anyone sends the call with the signature; the contract recovers the signer with {@code ecrecover}.
 * Packed as Solidity 0.5 does: an address is 20 bytes, {@code bytes2}/{@code bytes3} raw, a string its UTF-8 bytes
 * without length, and every array element padded to 32 bytes. Stateless.
 */
final class RawCalls {

    private RawCalls() {
    }

    /** @return the packed parameters {@code setPartyRaw} hashes: {@code party, countryCode, partyId, roles[], operator} */
    static byte[] setPartyParams(String party, PartyId id, List<Integer> roles, String operator) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Numeric.hexStringToByteArray(party));
        out.writeBytes(id.countryCode().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(id.partyId().getBytes(StandardCharsets.US_ASCII));
        roles.forEach(r -> out.writeBytes(word(r)));
        out.writeBytes(Numeric.hexStringToByteArray(operator));
        return out.toByteArray();
    }

    /** @return the packed parameters {@code setServiceRaw} hashes: {@code name, url, permissions[]} (no address) */
    static byte[] setServiceParams(String name, String url, List<Integer> permissions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(name.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(url.getBytes(StandardCharsets.UTF_8));
        permissions.forEach(p -> out.writeBytes(word(p)));
        return out.toByteArray();
    }

    /** @return the packed parameters {@code deleteServiceRaw} hashes: {@code provider} */
    static byte[] deleteServiceParams(String provider) {
        return Numeric.hexStringToByteArray(provider);
    }

    /** @return the owner's signature of the packed parameters, as the contract checks it */
    static Sign.SignatureData sign(byte[] packed, ECKeyPair owner) {
        return Sign.signPrefixedMessage(Hash.sha3(packed), owner);
    }

    /** @return the call data of {@code setPartyRaw(party, cc, pid, roles, operator, v, r, s)} */
    static String setPartyRaw(String party, PartyId id, List<Integer> roles, String operator, Sign.SignatureData signature) {
        List<Uint8> r = new ArrayList<>();
        roles.forEach(x -> r.add(new Uint8(x)));
        return encode("setPartyRaw", signature, new Address(party),
                new Bytes2(id.countryCode().getBytes(StandardCharsets.US_ASCII)),
                new Bytes3(id.partyId().getBytes(StandardCharsets.US_ASCII)), new DynamicArray<>(Uint8.class, r),
                new Address(operator));
    }

    /** @return the call data of {@code setServiceRaw(name, url, permissions, v, r, s)} */
    static String setServiceRaw(String name, String url, List<Integer> permissions, Sign.SignatureData signature) {
        List<Uint256> p = new ArrayList<>();
        permissions.forEach(x -> p.add(new Uint256(x)));
        return encode("setServiceRaw", signature, new Utf8String(name), new Utf8String(url),
                new DynamicArray<>(Uint256.class, p));
    }

    /** @return the call data of {@code deleteServiceRaw(provider, v, r, s)} */
    static String deleteServiceRaw(String provider, Sign.SignatureData signature) {
        return encode("deleteServiceRaw", signature, new Address(provider));
    }

    @SuppressWarnings("rawtypes")
    private static String encode(String function, Sign.SignatureData signature, Type... params) {
        List<Type> inputs = new ArrayList<>(List.of(params));
        inputs.add(new Uint8(Byte.toUnsignedInt(signature.getV()[0])));
        inputs.add(new Bytes32(signature.getR()));
        inputs.add(new Bytes32(signature.getS()));
        return FunctionEncoder.encode(new Function(function, inputs, List.of()));
    }

    private static byte[] word(int value) {
        return Numeric.toBytesPadded(BigInteger.valueOf(value), 32);
    }
}
