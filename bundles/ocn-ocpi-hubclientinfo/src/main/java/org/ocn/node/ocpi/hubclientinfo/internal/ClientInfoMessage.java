package org.ocn.node.ocpi.hubclientinfo.internal;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.ocn.node.crypto.EcSignature;
import org.ocn.node.crypto.Ethereum;
import org.ocn.node.crypto.EthereumKey;
import org.ocn.node.ocpi.hubclientinfo.internal.ClientInfos.ClientInfo;
import org.ocn.node.registry.PartyListing;
import org.ocn.node.web.json.InvalidPayloadException;
import org.ocn.node.web.json.OcpiJson;

/**
 * The node-to-node client-info message of the reference node ({@code PUT {node}/ocn/client-info}): the body is the
 * ClientInfo object {@code {"party_id","country_code","role","status","last_updated"}}, and header
 * {@value #SIGNATURE_HEADER} carries the EIP-191 signature of the exact body bytes by the sending node's key, as
 * {@code r ‖ s ‖ v} in hex without {@code 0x}. The receiver recovers the signer and requires it to be the registry
 * operator of the party named in the body.
 */
final class ClientInfoMessage {

    /** The path of the interface on every node. */
    static final String PATH = "/ocn/client-info";

    static final String SIGNATURE_HEADER = "OCN-Signature";

    private ClientInfoMessage() {
    }

    /** @return the body to send */
    static byte[] body(ClientInfo info) {
        return info.toJson().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @return the value of {@value #SIGNATURE_HEADER} for the body */
    static String sign(byte[] body, EthereumKey key) {
        return key.signPrefixedMessage(body).toHex();
    }

    /**
     * Reads a received body.
     *
     * @throws InvalidPayloadException if it is not JSON
     * @throws IllegalArgumentException if it is JSON but not a valid ClientInfo (the message names the field)
     */
    static ClientInfo parse(OcpiJson json, byte[] body) throws InvalidPayloadException {
        return ClientInfo.fromJson(json.parse(body));
    }

    /**
     * Decides whether a received report may be believed: the party must be listed in the registry with a node
     * operator, and the body signed by that operator.
     *
     * @param info            the report
     * @param body            its bytes as received
     * @param signatureHeader the {@value #SIGNATURE_HEADER} header, or {@code null}
     * @param listing         the party's registry listing, if any
     * @return why it is refused, or empty when it is believed
     */
    static Optional<String> refusal(ClientInfo info, byte[] body, String signatureHeader, Optional<PartyListing> listing) {
        if (listing.isEmpty() || listing.get().operatorAddress() == null) {
            return Optional.of("Party " + info.party() + " is not listed in the registry with a node operator");
        }
        Optional<String> signer = signer(body, signatureHeader);
        if (signer.isEmpty()) {
            return Optional.of("OCN-Signature is missing or not a signature (r, s and v in hex)");
        }
        if (!Ethereum.sameAddress(signer.get(), listing.get().operatorAddress())) {
            return Optional.of("OCN-Signature does not come from the node operator of party " + info.party());
        }
        return Optional.empty();
    }

    /** @return the address that signed the body, if the header is a valid signature */
    static Optional<String> signer(byte[] body, String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            return Optional.empty();
        }
        try {
            return Ethereum.recoverPrefixedMessageSigner(body, EcSignature.fromHex(signatureHeader.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
