package org.ocn.node.router.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.ocn.node.api.ocpi.OcpiStatus;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.crypto.Ethereum;
import org.ocn.node.crypto.EthereumKey;
import org.ocn.node.notary.Notary;
import org.ocn.node.notary.OcnSignature;
import org.ocn.node.notary.ValuesToSign;
import org.ocn.node.notary.Verification;
import org.ocn.node.registry.NetworkRegistry;
import org.ocn.node.registry.PartyListing;
import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;

/**
 * The node's use of the OCN notary (decisions §15-17, ocn-protocol.md §2.10).
 *
 * <p>Requests: a signature that is present is always checked, so that a forged one is never passed on; one is
 * required when {@code ocn.node.signatures} is on or the recipient's OcnRules ask for it. A valid signature must come
 * from the sending party's registry address or from its node's operator (who re-signs what it rewrites). Responses:
 * an {@code ocn_signature} that is present is checked the same way against the responding party; one is required when
 * {@code ocn.node.signatures} is on. Whenever the node changes a signed value ({@code response_url}, {@code Link},
 * {@code Location}, the recipient of a service copy) it stashes the original in a rewrite and signs with its own key.
 *
 * <p>In local mode the registry knows no party addresses: a signature is then checked for integrity only.
 */
final class Signatures {

    static final String RESPONSE_FIELD = "ocn_signature";

    private final Notary notary = new Notary();
    private final EthereumKey nodeKey;
    private final boolean enforced;
    private final Supplier<NetworkRegistry> registry;
    private final JsonBodies json;

    Signatures(EthereumKey nodeKey, boolean enforced, Supplier<NetworkRegistry> registry, JsonBodies json) {
        this.nodeKey = nodeKey;
        this.enforced = enforced;
        this.registry = registry;
        this.json = json;
    }

    /** @return whether every message must be signed ({@code ocn.node.signatures}) */
    boolean enforced() {
        return enforced;
    }

    /** @return what a request's signature covers: the correlation id, the routing headers, the query, the body */
    static ValuesToSign requestValues(OcpiRequest request) {
        return new ValuesToSign(request.headers(), queryParameters(request.query()), request.body());
    }

    /** @return the decoded query parameters in order (the first of repeated names, as the reference reads them) */
    static Map<String, String> queryParameters(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(key, value);
        }
        return params;
    }

    /**
     * Checks a request's {@code OCN-Signature}.
     *
     * @param required whether the recipient's OcnRules ask for signed messages
     * @return empty when the request may pass, else the error to answer (HTTP 200, status 2001)
     */
    Optional<OcpiReply> checkRequest(OcpiRequest request, boolean required) {
        String header = request.header("ocn-signature");
        if (header == null || header.isBlank()) {
            if (enforced || required) {
                return Optional.of(OcpiReply.error(200, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                        "Missing required header OCN-Signature: " + (enforced ? "this node" : "the recipient "
                                + request.receiver()) + " only accepts signed messages"));
            }
            return Optional.empty();
        }
        OcnSignature signature;
        try {
            signature = notary.deserialize(header);
        } catch (IllegalArgumentException e) {
            return Optional.of(invalidRequest("OCN-Signature is " + e.getMessage()));
        }
        Verification v = notary.verify(requestValues(request), signature);
        if (!v.valid()) {
            return Optional.of(invalidRequest("Invalid OCN-Signature: " + v.error()));
        }
        if (!signedByPartyOrItsNode(request.sender(), v.signatory())) {
            return Optional.of(invalidRequest("Invalid OCN-Signature: signed by " + v.signatory() + ", who is neither "
                    + request.sender() + " nor the operator of its node"));
        }
        return Optional.empty();
    }

    private static OcpiReply invalidRequest(String message) {
        return OcpiReply.error(200, OcpiStatus.INVALID_OR_MISSING_PARAMETERS, message);
    }

    /**
     * Checks the {@code ocn_signature} of a recipient's answer, already found in its body.
     *
     * @param found the answer's top-level {@code ocn_signature}, or null when it has none
     * @return the reply as it was, or a 3000 error when its signature is missing (and required) or does not hold
     */
    OcpiReply checkResponse(OcpiRequest request, OcpiReply reply, JsonBodies.Found found) {
        if (found == null || found.value().isBlank()) {
            if (enforced) {
                return OcpiReply.error(200, OcpiStatus.SERVER_ERROR, "The answer of " + request.receiver()
                        + " carries no ocn_signature, and this node only passes on signed messages");
            }
            return reply;
        }
        OcnSignature signature;
        try {
            signature = notary.deserialize(found.value());
        } catch (IllegalArgumentException e) {
            return OcpiReply.error(200, OcpiStatus.SERVER_ERROR, "The ocn_signature in the answer of "
                    + request.receiver() + " is " + e.getMessage());
        }
        Verification v = notary.verify(responseValues(reply), signature);
        if (!v.valid()) {
            return OcpiReply.error(200, OcpiStatus.SERVER_ERROR, "The answer of " + request.receiver()
                    + " failed its signature check: " + v.error());
        }
        if (!signedByPartyOrItsNode(request.receiver(), v.signatory())) {
            return OcpiReply.error(200, OcpiStatus.SERVER_ERROR, "The answer of " + request.receiver()
                    + " is signed by " + v.signatory() + ", who is neither that party nor the operator of its node");
        }
        return reply;
    }

    /** @return what a response's signature covers: the pagination and location headers, and the body */
    static ValuesToSign responseValues(OcpiReply reply) {
        return new ValuesToSign(reply.headers(), Map.of(), reply.body());
    }

    private boolean signedByPartyOrItsNode(PartyId party, String signatory) {
        NetworkRegistry current = registry.get();
        Optional<PartyListing> listing = current == null ? Optional.empty() : current.findParty(party);
        if (listing.isEmpty()) {
            return false;
        }
        String partyAddress = listing.get().partyAddress();
        String operator = listing.get().operatorAddress();
        if (partyAddress == null && operator == null) {
            return true; // local mode: no keys to check against, the signature was checked for integrity
        }
        return partyAddress != null && Ethereum.sameAddress(partyAddress, signatory)
                || operator != null && Ethereum.sameAddress(operator, signatory);
    }

    /**
     * The node changed signed values of a request: stash the originals and sign the changed request.
     *
     * @param before    the request as signed
     * @param after     the request as it now is
     * @param originals the original values by JsonPath, for example {@code $['body']['response_url']}
     * @return {@code after}, carrying the node's signature when {@code before} was signed
     */
    OcpiRequest resign(OcpiRequest before, OcpiRequest after, Map<String, String> originals) {
        String header = before.header("ocn-signature");
        if (header == null || header.isBlank()) {
            return after;
        }
        OcnSignature previous = notary.deserialize(header);
        OcnSignature next = notary.resign(previous, originals, requestValues(after), nodeKey);
        Map<String, String> headers = new LinkedHashMap<>(after.headers());
        headers.put("ocn-signature", notary.serialize(next));
        return new OcpiRequest(after.method(), after.version(), after.module(), after.role(), after.path(),
                after.query(), headers, after.body(), after.sender(), after.receiver());
    }

    /**
     * A listener enriched a request: when the request is signed, stash what changed and sign the enriched request.
     *
     * @return the request to forward; empty when the enrichment removed a signed value, which no rewrite can carry
     */
    Optional<OcpiRequest> enriched(OcpiRequest before, OcpiRequest after) {
        String header = before.header("ocn-signature");
        if (header == null || header.isBlank()) {
            return Optional.of(after);
        }
        ValuesToSign was = requestValues(before);
        ValuesToSign is = requestValues(after);
        Map<String, String> changed = notary.changedValues(was, is);
        if (changed.isEmpty()) {
            return Optional.of(after);
        }
        // the reverse diff names, with null, the paths only the original has: the removed ones
        Map<String, String> present = notary.changedValues(is, was);
        for (Map.Entry<String, String> e : changed.entrySet()) {
            if (e.getValue() != null && present.containsKey(e.getKey()) && present.get(e.getKey()) == null) {
                return Optional.empty(); // a signed value was removed
            }
        }
        OcnSignature next = notary.resign(notary.deserialize(header), changed, is, nodeKey);
        Map<String, String> headers = new LinkedHashMap<>(after.headers());
        headers.put("ocn-signature", notary.serialize(next));
        return Optional.of(new OcpiRequest(after.method(), after.version(), after.module(), after.role(), after.path(),
                after.query(), headers, after.body(), after.sender(), after.receiver()));
    }

    /** @return the request signed by the node (requests the node or its services send), when signatures are required */
    OcpiRequest signAsNode(OcpiRequest request) {
        if (!enforced) {
            return request;
        }
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.put("ocn-signature", notary.serialize(notary.sign(requestValues(request), nodeKey)));
        return new OcpiRequest(request.method(), request.version(), request.module(), request.role(), request.path(),
                request.query(), headers, request.body(), request.sender(), request.receiver());
    }

    /**
     * The node changed a signed header of a response ({@code Link}, {@code Location}): stash the original and sign
     * the reply, whose body then carries the node's {@code ocn_signature} (only that value's bytes change).
     */
    OcpiReply resign(OcpiReply before, OcpiReply after, Map<String, String> originals) {
        if (originals.isEmpty()) {
            return after;
        }
        JsonBodies.Found signed = json.topLevelString(before.body(), RESPONSE_FIELD);
        JsonBodies.Found carried = json.topLevelString(after.body(), RESPONSE_FIELD);
        if (signed == null || signed.value().isBlank() || carried == null || !carried.value().equals(signed.value())) {
            return after; // not signed, or the node answers with a body of its own
        }
        OcnSignature previous = notary.deserialize(signed.value());
        OcnSignature next = notary.resign(previous, originals, responseValues(after), nodeKey);
        return new OcpiReply(after.status(), after.headers(),
                JsonBodies.replace(after.body(), carried, notary.serialize(next)));
    }

    /**
     * Signs an answer the node makes itself, when every message must be signed, so that senders that check answers
     * accept it.
     */
    OcpiReply signOwn(OcpiReply reply) {
        if (!enforced || json.topLevelString(reply.body(), RESPONSE_FIELD) != null) {
            return reply;
        }
        OcnSignature signature = notary.sign(responseValues(reply), nodeKey);
        return new OcpiReply(reply.status(), reply.headers(),
                JsonBodies.appendField(reply.body(), RESPONSE_FIELD, notary.serialize(signature)));
    }

    /** @return the JsonPaths of the signed headers that differ between two replies, with their original values */
    static Map<String, String> changedHeaders(OcpiReply before, OcpiReply after, List<String> names) {
        Map<String, String> originals = new LinkedHashMap<>();
        for (String name : names) {
            String was = before.header(name);
            String is = after.header(name);
            if (was != null && !was.equals(is)) {
                originals.put("$['headers']['" + name + "']", was);
            }
        }
        return originals;
    }
}
