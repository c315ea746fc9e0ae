package org.ocn.node.notary;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.junit.Test;
import org.ocn.node.crypto.EthereumKey;
import org.ocn.node.notary.internal.Brotli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The notary against the public compatibility vector of the reference notary (test resource notary-compat.json):
 * decode its Brotli signature, verify it, and reproduce its hashes and signatures byte for byte.
 */
public class NotaryCompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Notary notary = new Notary();
    private final JsonNode vector = load();

    private static JsonNode load() {
        try (InputStream in = NotaryCompatibilityTest.class.getResourceAsStream("/notary-compat.json")) {
            return JSON.readTree(in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private EthereumKey key(String who) {
        return EthereumKey.fromPrivateKey(vector.at("/keys/" + who + "/privateKey").asText());
    }

    private ValuesToSign original() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        vector.at("/originalRequest/headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        return new ValuesToSign(headers, Map.of(), JSON.writeValueAsBytes(vector.at("/originalRequest/body")));
    }

    private ValuesToSign rewritten() throws Exception {
        ObjectNode body = vector.at("/originalRequest/body").deepCopy();
        body.put("response_url", vector.get("rewrittenRequestBody_response_url").asText());
        return original().withBody(JSON.writeValueAsBytes(body));
    }

    @Test
    public void keysHaveTheVectorsAddresses() {
        assertEquals(vector.at("/keys/user/address").asText(), key("user").address());
        assertEquals(vector.at("/keys/node/address").asText(), key("node").address());
    }

    @Test
    public void decodesTheReferenceSignature() {
        OcnSignature s = notary.deserialize(vector.get("signature").asText());
        JsonNode d = vector.get("decoded");
        List<String> fields = JSON.convertValue(d.get("fields"), List.class);
        assertEquals(fields, s.fields());
        assertEquals(d.get("hash").asText(), s.hash());
        assertEquals(d.get("rsv").asText(), s.rsv());
        assertEquals(d.get("signatory").asText(), s.signatory());
        assertEquals(1, s.rewrites().size());
        Rewrite r = s.rewrites().get(0);
        assertEquals(d.at("/rewrites/0/hash").asText(), r.hash());
        assertEquals(d.at("/rewrites/0/rsv").asText(), r.rsv());
        assertEquals(d.at("/rewrites/0/signatory").asText(), r.signatory());
        assertEquals(vector.at("/originalRequest/body/response_url").asText(),
                r.rewrittenFields().get("$['body']['response_url']"));
    }

    @Test
    public void verifiesTheReferenceSignatureAndRejectsChanges() throws Exception {
        OcnSignature s = notary.deserialize(vector.get("signature").asText());
        Verification ok = notary.verify(rewritten(), s);
        assertTrue(ok.error(), ok.valid());
        assertEquals(vector.at("/keys/node/address").asText(), ok.signatory());

        ObjectNode body = JSON.readValue(rewritten().body(), ObjectNode.class);
        body.put("location_id", "other");
        Verification changed = notary.verify(rewritten().withBody(JSON.writeValueAsBytes(body)), s);
        assertFalse(changed.valid());
        assertEquals("Request has been modified.", changed.error());

        Verification header = notary.verify(rewritten().withHeader("OCPI-to-party-id", "YYY"), s);
        assertEquals("Request has been modified.", header.error());

        // the original values under the outer signature: the stashed rewrite no longer explains them
        Verification stale = notary.verify(original(), s);
        assertFalse(stale.valid());
    }

    @Test
    public void reproducesTheReferenceHashesAndSignatures() throws Exception {
        OcnSignature user = notary.sign(original(), key("user"));
        assertEquals(vector.at("/expect/userSignsOriginal/hash").asText(), user.hash());
        assertEquals(vector.at("/expect/userSignsOriginal/rsv").asText(), user.rsv());

        OcnSignature node = notary.resign(user, Map.of("$['body']['response_url']",
                vector.at("/originalRequest/body/response_url").asText()), rewritten(), key("node"));
        assertEquals(vector.at("/expect/nodeSignsAfterResponseUrlRewrite/hash").asText(), node.hash());
        assertEquals(vector.at("/expect/nodeSignsAfterResponseUrlRewrite/rsv").asText(), node.rsv());
        assertEquals(vector.at("/decoded/fields").size(), node.fields().size());
        assertTrue(notary.verify(rewritten(), node).valid());

        OcnSignature second = notary.resign(node, Map.of("$['headers']['ocpi-from-party-id']", "SNC"),
                rewritten().withHeader("ocpi-from-party-id", "ABC"), key("node"));
        assertEquals(vector.at("/expect/nodeSignsAfterSecondRewrite_fromPartyId_ABC/hash").asText(), second.hash());
        assertEquals(vector.at("/expect/nodeSignsAfterSecondRewrite_fromPartyId_ABC/rsv").asText(), second.rsv());
        Verification v = notary.verify(rewritten().withHeader("ocpi-from-party-id", "ABC"), second);
        assertTrue(v.error(), v.valid());
    }

    @Test
    public void serializesToBrotliThatReadsBackAndAcceptsGzip() throws Exception {
        OcnSignature user = notary.sign(original(), key("user"));
        String serialized = notary.serialize(user);
        assertEquals(user, notary.deserialize(serialized));

        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(Brotli.decode(Base64.getDecoder().decode(serialized)));
        }
        String gzip = Base64.getEncoder().encodeToString(gz.toByteArray());
        assertTrue(gzip.startsWith("H4sI"));
        assertEquals(user, notary.deserialize(gzip));
    }

    @Test
    public void brotliOfManyBlocksAndOfNothingDecodes() throws Exception {
        byte[] big = new byte[200_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        assertEquals(new String(big, StandardCharsets.US_ASCII),
                new String(Brotli.decode(Brotli.encode(big)), StandardCharsets.US_ASCII));
        assertEquals(0, Brotli.decode(Brotli.encode(new byte[0])).length);
    }

    @Test(expected = IllegalArgumentException.class)
    public void garbageIsNoSignature() {
        notary.deserialize("bm90IGEgc2lnbmF0dXJl");
    }

    @Test
    public void responseSignaturesLeaveTheirOwnFieldOut() throws Exception {
        byte[] response = "{\"status_code\":1000,\"data\":[{\"id\":\"LOC1\",\"lat\":52.10}],\"timestamp\":\"2026-01-01T00:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8);
        ValuesToSign values = new ValuesToSign(Map.of("X-Total-Count", "1", "Link", "<http://n/p/1>; rel=\"next\""),
                Map.of(), response);
        OcnSignature s = notary.sign(values, key("node"));
        assertEquals(List.of("$['headers']['x-total-count']", "$['headers']['link']", "$['body']['status_code']",
                "$['body']['data'][0]['id']", "$['body']['data'][0]['lat']", "$['body']['timestamp']"), s.fields());
        String withSignature = new String(response, StandardCharsets.UTF_8).replace("}\0", "")
                .replaceFirst("\\}$", ",\"ocn_signature\":\"" + notary.serialize(s) + "\"}");
        assertTrue(notary.verify(values.withBody(withSignature.getBytes(StandardCharsets.UTF_8)), s).valid());
    }
}
