package org.ocn.node.distribution;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ocn.node.crypto.EthereumKey;
import org.ocn.node.notary.Notary;
import org.ocn.node.notary.OcnSignature;
import org.ocn.node.notary.ValuesToSign;
import org.ocn.node.notary.Verification;

import com.fasterxml.jackson.databind.JsonNode;

/** What a party's OCN client does with signatures: sign requests and answers, check what it receives. */
final class Notarized {

    private static final Notary NOTARY = new Notary();

    private Notarized() {
    }

    /** @return the OCN-Signature of a routed request ("CC/PID" parties; query without '?', or null) */
    static String request(String correlationId, String from, String to, String query, String body, String key) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-correlation-id", correlationId);
        headers.put("ocpi-from-country-code", from.split("/")[0]);
        headers.put("ocpi-from-party-id", from.split("/")[1]);
        headers.put("ocpi-to-country-code", to.split("/")[0]);
        headers.put("ocpi-to-party-id", to.split("/")[1]);
        ValuesToSign values = new ValuesToSign(headers, params(query), body == null ? null : utf8(body));
        return NOTARY.serialize(NOTARY.sign(values, EthereumKey.fromPrivateKey(key)));
    }

    /** @return the answer body with an ocn_signature over it and its signed headers */
    static String response(Map<String, String> headers, String body, String key) {
        OcnSignature s = NOTARY.sign(new ValuesToSign(headers, Map.of(), utf8(body)), EthereumKey.fromPrivateKey(key));
        int close = body.lastIndexOf('}');
        return body.substring(0, close) + ",\"ocn_signature\":\"" + NOTARY.serialize(s) + "\"" + body.substring(close);
    }

    /** @return the check of the OCN-Signature of a request a platform received */
    static Checked ofRequest(MockPlatform.Received r) {
        String header = r.header("ocn-signature");
        if (header == null) {
            return new Checked(null, null);
        }
        OcnSignature signature = NOTARY.deserialize(header);
        return new Checked(signature, NOTARY.verify(new ValuesToSign(r.headers(), params(r.query()), r.body()), signature));
    }

    /** @return the check of the ocn_signature of an answer a party received */
    static Checked ofResponse(Http.Answer a) {
        JsonNode signed = a.json().get("ocn_signature");
        if (signed == null) {
            return new Checked(null, null);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : ValuesToSign.SIGNED_HEADERS) {
            if (a.header(name) != null) {
                headers.put(name, a.header(name));
            }
        }
        OcnSignature signature = NOTARY.deserialize(signed.asText());
        return new Checked(signature, NOTARY.verify(new ValuesToSign(headers, Map.of(), utf8(a.body())), signature));
    }

    /** A signature and whether it holds; both null when there was none. */
    record Checked(OcnSignature signature, Verification verification) {

        boolean valid() {
            return verification != null && verification.valid();
        }

        /** @return the outermost signer, lower case */
        String signatory() {
            return signature == null ? null : signature.signatory().toLowerCase();
        }

        @Override
        public String toString() {
            return signature == null ? "unsigned" : "signed by " + signature.signatory() + ", rewrites "
                    + signature.rewrites() + ": " + verification;
        }
    }

    static Map<String, String> params(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.putIfAbsent(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
