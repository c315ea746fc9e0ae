package org.ocn.node.registry.chain.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.Test;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.registry.chain.testing.LocalChain;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/** The Raw calls that publish a service, checked against the rules of registry.md §2.2 byte by byte. */
public class RawCallsTest {

    private static final Credentials SERVICE = Credentials.create(LocalChain.KEYS.get(4));
    private static final String OPERATOR = LocalChain.address(LocalChain.KEYS.get(1));

    private static byte[] hex(String h) {
        return Numeric.hexStringToByteArray(h);
    }

    private static byte[] word(int n) {
        return Numeric.toBytesPadded(BigInteger.valueOf(n), 32);
    }

    @Test
    public void setPartyPacksAddressesAs20BytesCodesRawAndEveryRoleAs32Bytes() {
        byte[] packed = RawCalls.setPartyParams(SERVICE.getAddress(), PartyId.of("CH", "SRV"), List.of(5), OPERATOR);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(hex(SERVICE.getAddress()));
        expected.writeBytes("CHSRV".getBytes(StandardCharsets.US_ASCII));
        expected.writeBytes(word(5));
        expected.writeBytes(hex(OPERATOR));
        assertArrayEquals(expected.toByteArray(), packed);
        assertEquals(20 + 2 + 3 + 32 + 20, packed.length);
    }

    @Test
    public void setServicePacksStringsWithoutLengthAndNoAddress() {
        byte[] packed = RawCalls.setServiceParams("Settlement", "https://stl.example", List.of(7, 8));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes("Settlementhttps://stl.example".getBytes(StandardCharsets.UTF_8));
        expected.writeBytes(word(7));
        expected.writeBytes(word(8));
        assertArrayEquals(expected.toByteArray(), packed);
        assertArrayEquals("an empty URL packs to nothing", "Settlement".getBytes(StandardCharsets.UTF_8),
                RawCalls.setServiceParams("Settlement", "", List.of()));
        assertArrayEquals(hex(SERVICE.getAddress()), RawCalls.deleteServiceParams(SERVICE.getAddress()));
    }

    @Test
    public void theSignatureIsEip191OverThe32BytesOfTheParamHashAndRecoversTheServicesAddress() throws Exception {
        byte[] packed = RawCalls.setServiceParams("Settlement", "https://stl.example", List.of(7, 8));
        Sign.SignatureData signature = RawCalls.sign(packed, SERVICE.getEcKeyPair());
        int v = Byte.toUnsignedInt(signature.getV()[0]);
        assertTrue("v is 27 or 28: " + v, v == 27 || v == 28);
        // the contract: ecrecover(keccak256("\x19Ethereum Signed Message:\n32" ‖ keccak256(packed)), v, r, s)
        byte[] paramHash = Hash.sha3(packed);
        ByteArrayOutputStream prefixed = new ByteArrayOutputStream();
        prefixed.writeBytes("\u0019Ethereum Signed Message:\n32".getBytes(StandardCharsets.US_ASCII));
        prefixed.writeBytes(paramHash);
        BigInteger key = Sign.recoverFromSignature(v - 27, new org.web3j.crypto.ECDSASignature(
                new BigInteger(1, signature.getR()), new BigInteger(1, signature.getS())), Hash.sha3(prefixed.toByteArray()));
        assertEquals(SERVICE.getAddress(), "0x" + Keys.getAddress(key));
    }

    @Test
    public void callsCarryTheContractsSelectorsThenTheSignature() {
        Sign.SignatureData signature = RawCalls.sign(new byte[] {1}, SERVICE.getEcKeyPair());
        String party = RawCalls.setPartyRaw(SERVICE.getAddress(), PartyId.of("CH", "SRV"), List.of(5), OPERATOR, signature);
        String service = RawCalls.setServiceRaw("Settlement", "", List.of(7), signature);
        String delete = RawCalls.deleteServiceRaw(SERVICE.getAddress(), signature);
        assertTrue(party, party.startsWith("0x492dbcc5"));
        assertTrue(service, service.startsWith("0x29cc2b23"));
        assertTrue(delete, delete.startsWith("0x5a9da7f1"));
        // deleteServiceRaw(address, uint8, bytes32, bytes32): four static words
        assertEquals(10 + 4 * 64, delete.length());
        assertEquals(Numeric.toHexStringNoPrefix(signature.getR()), delete.substring(10 + 2 * 64, 10 + 3 * 64));
        assertEquals(Byte.toUnsignedInt(signature.getV()[0]), Integer.parseInt(delete.substring(10 + 64, 10 + 2 * 64), 16));
    }
}
