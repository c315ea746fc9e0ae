package org.ocn.node.spi.services;

import java.util.concurrent.CompletionStage;

import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A service offered to the parties of the network from this node, registered with
 * {@link OcnServiceIdentity @OcnServiceIdentity} (see {@link ServiceDescriptor} for its service properties).
 *
 * <p>While it is registered the node lists it in its services registry ({@code GET /ocn/services}, hubclientinfo; on
 * a network also in the OCN Registry and the Permissions contract, with a key the node keeps for it) and routes to it
 * every request whose {@code OCPI-to-*} is its party, from parties of this node and of other nodes, after the usual
 * checks (sender's token, routing headers, signatures). When it is unregistered it is delisted; requests for it then
 * get 4001 like those for any party the network does not know.
 *
 * <p>Two services with the same party: the one with the highest {@code service.ranking} (then lowest
 * {@code service.id}) is used.
 */
@ConsumerType
public interface OcnService {

    /**
     * Answers a request addressed to the service. The request's module is the one in its path (for custom modules:
     * {@code /ocpi/custom/{sender|receiver}/{module}/...}).
     *
     * @return the answer for the sender; a stage completed exceptionally is answered as a server error (3000)
     */
    CompletionStage<OcpiReply> handle(OcpiRequest request);

    /**
     * A copy of a request that a party which agreed to this service sent, when the service's permissions cover the
     * request's module and interface. Addressed to the service ({@code OCPI-to-*} rewritten; the original recipient
     * is in the rewrite of its signature, when signed). Called after the original was answered, on a node thread: hand
     * slow work to a thread of your own. The default ignores it.
     */
    default void copied(OcpiRequest request) {
    }
}
