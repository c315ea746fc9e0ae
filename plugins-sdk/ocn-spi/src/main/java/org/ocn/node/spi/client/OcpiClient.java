package org.ocn.node.spi.client;

import java.util.concurrent.CompletionStage;

import org.ocn.node.spi.routing.OcpiReply;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Sends OCPI requests into the network, as the node or as a service running on this node. The node routes them like
 * its parties' requests: to a party connected here, to the node another party is listed with, or to a service; with a
 * new {@code X-Request-ID} and {@code X-Correlation-ID}; signed by the node when {@code ocn.node.signatures} is on.
 * The recipient's OcnRules apply.
 */
@ProviderType
public interface OcpiClient {

    /**
     * @return the recipient's answer; the node's own errors complete normally as OCPI errors (4001 for a recipient
     *         the network does not know, 2001 for a sender that is neither the node nor a service running here, 4002
     *         and 4003 as for any forwarded request)
     */
    CompletionStage<OcpiReply> send(OutgoingRequest request);
}
