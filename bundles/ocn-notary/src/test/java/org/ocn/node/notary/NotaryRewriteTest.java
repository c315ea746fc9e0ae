package org.ocn.node.notary;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.Test;
import org.ocn.node.crypto.EthereumKey;

/** A node that changes, adds or removes signed values re-signs so that every earlier signer stays verifiable. */
public class NotaryRewriteTest {

    private final Notary notary = new Notary();
    private final EthereumKey party = EthereumKey.fromPrivateKey("0x" + "11".repeat(32));
    private final EthereumKey node = EthereumKey.fromPrivateKey("0x" + "22".repeat(32));

    private static ValuesToSign values(String body, String query) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-correlation-id", "c1");
        headers.put("ocpi-to-party-id", "CPO");
        Map<String, String> params = query == null ? Map.of() : Map.of("limit", query);
        return new ValuesToSign(headers, params, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void changedAndAddedValuesAreStashedAndTheChainVerifies() {
        ValuesToSign before = values("{\"a\":1,\"b\":\"x\"}", "10");
        OcnSignature signed = notary.sign(before, party);
        ValuesToSign after = values("{\"a\":2,\"b\":\"x\",\"c\":{\"d\":\"new\"}}", "10").withHeader("ocpi-to-party-id", "STL");

        Map<String, String> changed = notary.changedValues(before, after);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("$['headers']['ocpi-to-party-id']", "CPO");
        expected.put("$['body']['a']", "1");
        expected.put("$['body']['c']['d']", null);
        assertEquals(expected, changed);

        OcnSignature resigned = notary.resign(signed, changed, after, node);
        OcnSignature readBack = notary.deserialize(notary.serialize(resigned));
        Verification v = notary.verify(after, readBack);
        assertTrue(v.error(), v.valid());
        assertEquals(node.address(), v.signatory());
        assertTrue(notary.changedValues(after, after).isEmpty());

        // a removed value cannot be stashed: verification recomputes over the fields the last signer signed
        ValuesToSign removed = values("{\"a\":1}", "10");
        Map<String, String> removal = notary.changedValues(before, removed);
        assertEquals(Map.of("$['body']['b']", "x"), removal);
        assertFalse(notary.verify(removed, notary.resign(signed, removal, removed, node)).valid());

        // a stash that lies about the original does not verify
        Map<String, String> lie = new LinkedHashMap<>(changed);
        lie.put("$['body']['a']", "5");
        assertFalse(notary.verify(after, notary.resign(signed, lie, after, node)).valid());
    }
}
