package org.ocn.node.notary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.ocn.node.crypto.EcSignature;
import org.ocn.node.crypto.Ethereum;
import org.ocn.node.crypto.EthereumKey;
import org.ocn.node.crypto.SignerKeys;
import org.ocn.node.notary.internal.Brotli;
import org.ocn.node.notary.internal.ValueWalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Signs and verifies OCN signatures as the reference notary (olisystems/ocn-notary 1.0) does:
 * <ol>
 * <li>walk the values to sign (see {@link ValuesToSign}) and keep the JsonPath of every scalar in {@code fields};</li>
 * <li>{@code hash} is {@code 0x} and the Keccak-256 of the concatenated values;</li>
 * <li>{@code rsv} is the EIP-191 signature of the hash's 66 characters, {@code signatory} the signer;</li>
 * <li>a node that changes a signed value stashes the earlier signature with the original values
 * ({@link #resign}) and signs the changed values itself;</li>
 * <li>serialized as JSON, Brotli-compressed, Base64.</li>
 * </ol>
 * Verification reads, for each field, the value at that path (matched case-insensitively, as the reference lower-cases
 * paths) from the values received, so values are taken as received (decisions §16). Thread-safe; hold one.
 */
public final class Notary {

    private static final Set<String> RESPONSE_SIGNATURE = Set.of("ocn_signature");

    private final ValueWalk walk = new ValueWalk();
    private final ObjectMapper mapper = new ObjectMapper();
    private final SignerKeys signers = new SignerKeys();

    /** @return the signature of the values by the key */
    public OcnSignature sign(ValuesToSign values, EthereumKey key) {
        return sign(values, key, List.of());
    }

    /**
     * A node changed signed values: stashes the earlier signature with the original values and signs the new values.
     *
     * @param previous        the signature the values came with
     * @param rewrittenFields the original values of what changed, by JsonPath, for example
     *                        {@code $['body']['response_url']}
     * @param changed         the values as they now are
     */
    public OcnSignature resign(OcnSignature previous, Map<String, String> rewrittenFields, ValuesToSign changed,
                               EthereumKey key) {
        List<Rewrite> rewrites = new ArrayList<>(previous.rewrites());
        rewrites.add(new Rewrite(rewrittenFields, previous.hash(), previous.rsv(), previous.signatory()));
        return sign(changed, key, rewrites);
    }

    private OcnSignature sign(ValuesToSign values, EthereumKey key, List<Rewrite> rewrites) {
        List<ValueWalk.Entry> entries = walk.walk(values, RESPONSE_SIGNATURE);
        StringBuilder message = new StringBuilder();
        List<String> fields = new ArrayList<>(entries.size());
        for (ValueWalk.Entry e : entries) {
            fields.add(e.path());
            message.append(e.text());
        }
        String hash = Ethereum.sha3String(message.toString());
        EcSignature rsv = key.signPrefixedMessage(hash.getBytes(StandardCharsets.UTF_8));
        return new OcnSignature(fields, hash, "0x" + rsv.toHex(), key.address(), rewrites);
    }

    /**
     * What a node changed in signed values, as the rewrite of a re-signature records it. Changed and added values
     * can be stashed; a removed one cannot (verification recomputes earlier hashes over the fields of the last
     * signature, which no longer name it), so a node must not remove signed values.
     *
     * @return the JsonPath of every value that differs between the two, with its value in {@code before} ({@code null}
     *         for a value {@code after} added), in walk order
     */
    public Map<String, String> changedValues(ValuesToSign before, ValuesToSign after) {
        Map<String, String> was = new LinkedHashMap<>();
        walk.walk(before, RESPONSE_SIGNATURE).forEach(e -> was.put(e.path(), e.text()));
        Map<String, String> is = new LinkedHashMap<>();
        walk.walk(after, RESPONSE_SIGNATURE).forEach(e -> is.put(e.path(), e.text()));
        Map<String, String> changed = new LinkedHashMap<>();
        was.forEach((path, value) -> {
            if (!value.equals(is.get(path))) {
                changed.put(path, value);
            }
        });
        is.keySet().stream().filter(path -> !was.containsKey(path)).forEach(path -> changed.put(path, null));
        return changed;
    }

    /** @return whether the signature holds for the values, with its rewrites */
    public Verification verify(ValuesToSign values, OcnSignature signature) {
        Map<String, String> received = new HashMap<>();
        try {
            for (ValueWalk.Entry e : walk.walk(values, RESPONSE_SIGNATURE)) {
                received.put(e.path().toLowerCase(Locale.ROOT), e.text());
            }
        } catch (IllegalArgumentException e) {
            return Verification.failed("Request has been modified.");
        }
        if (!hashOf(signature.fields(), received).equalsIgnoreCase(signature.hash())) {
            return Verification.failed("Request has been modified.");
        }
        if (!signedBy(signature.hash(), signature.rsv(), signature.signatory())) {
            return Verification.failed("Signatories do not match.");
        }
        Map<String, String> current = received;
        List<Rewrite> rewrites = signature.rewrites();
        for (int i = rewrites.size() - 1, index = 0; i >= 0; i--, index++) {
            Rewrite rewrite = rewrites.get(i);
            Map<String, String> original = new HashMap<>(current);
            rewrite.rewrittenFields().forEach((path, value) -> {
                if (value == null) {
                    original.remove(path.toLowerCase(Locale.ROOT));
                } else {
                    original.put(path.toLowerCase(Locale.ROOT), value);
                }
            });
            if (!hashOf(signature.fields(), original).equalsIgnoreCase(rewrite.hash())) {
                return Verification.failed("Rewrite " + index + ": stashed values do not match original.");
            }
            if (!signedBy(rewrite.hash(), rewrite.rsv(), rewrite.signatory())) {
                return Verification.failed("Rewrite " + index + ": signatory of stashed rewrite incorrect.");
            }
            current = original;
        }
        return Verification.ok(Ethereum.checksum(signature.signatory()));
    }

    private static String hashOf(List<String> fields, Map<String, String> values) {
        StringBuilder message = new StringBuilder();
        for (String field : fields) {
            String v = values.get(field.toLowerCase(Locale.ROOT));
            if (v != null) {
                message.append(v);
            }
        }
        return Ethereum.sha3String(message.toString());
    }

    /** @return whether {@code rsv} is the signature of the hash's text by that address (its key remembered) */
    private boolean signedBy(String hash, String rsv, String signatory) {
        try {
            return signers.signedBy(hash.getBytes(StandardCharsets.UTF_8), EcSignature.fromHex(rsv), signatory);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** @return the signature as the header or field carries it: JSON, Brotli, Base64 */
    public String serialize(OcnSignature signature) {
        ObjectNode o = mapper.createObjectNode();
        ArrayNode fields = o.putArray("fields");
        signature.fields().forEach(fields::add);
        o.put("hash", signature.hash());
        o.put("rsv", signature.rsv());
        o.put("signatory", signature.signatory());
        ArrayNode rewrites = o.putArray("rewrites");
        for (Rewrite r : signature.rewrites()) {
            ObjectNode rn = rewrites.addObject();
            ObjectNode fieldsNode = rn.putObject("rewrittenFields");
            r.rewrittenFields().forEach(fieldsNode::put);
            rn.put("hash", r.hash());
            rn.put("rsv", r.rsv());
            rn.put("signatory", r.signatory());
        }
        try {
            return Base64.getEncoder().encodeToString(Brotli.encode(mapper.writeValueAsBytes(o)));
        } catch (IOException e) {
            throw new IllegalStateException("a tree of plain nodes always serializes", e);
        }
    }

    /**
     * Reads a serialized signature: Base64 of Brotli (or GZIP) compressed JSON.
     *
     * @throws IllegalArgumentException with the reason when it is not one
     */
    public OcnSignature deserialize(String serialized) {
        JsonNode json;
        try {
            json = mapper.readTree(Brotli.decode(Base64.getDecoder().decode(serialized.trim())));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an OCN signature (Base64 of Brotli or GZIP compressed JSON): "
                    + e.getMessage(), e);
        }
        if (json == null || !json.isObject() || !json.path("fields").isArray() || !json.path("hash").isTextual()
                || !json.path("rsv").isTextual() || !json.path("signatory").isTextual()) {
            throw new IllegalArgumentException("not an OCN signature: fields, hash, rsv and signatory are required");
        }
        List<String> fields = new ArrayList<>();
        json.get("fields").forEach(f -> fields.add(f.asText()));
        List<Rewrite> rewrites = new ArrayList<>();
        for (JsonNode r : json.path("rewrites")) {
            Map<String, String> rewritten = new LinkedHashMap<>();
            r.path("rewrittenFields").fields().forEachRemaining(e -> rewritten.put(e.getKey(),
                    e.getValue().isNull() ? null : e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
            rewrites.add(new Rewrite(rewritten, r.path("hash").asText(), r.path("rsv").asText(),
                    r.path("signatory").asText()));
        }
        return new OcnSignature(fields, json.get("hash").asText(), json.get("rsv").asText(),
                json.get("signatory").asText(), rewrites);
    }
}
