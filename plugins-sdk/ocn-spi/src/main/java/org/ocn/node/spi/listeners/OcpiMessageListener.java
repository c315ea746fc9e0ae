package org.ocn.node.spi.listeners;

import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Sees the requests the node routes for its own parties (those whose sender is connected to this node), with the
 * answers their senders got. Registered with {@link OcpiListener @OcpiListener}; listeners are called in order of
 * {@code service.ranking} (highest first).
 *
 * <p>Listeners run on the node's request path: they must return quickly and must not throw (a listener that throws
 * is logged and skipped; the message goes on). Slow work belongs on a thread of the listener's own.
 */
@ConsumerType
public interface OcpiMessageListener {

    /** Service property: module identifiers seen (empty or absent: all). */
    String MODULE = "ocpi.listener.module";

    /** Service property: interface roles seen, {@code SENDER} and/or {@code RECEIVER} (empty or absent: both). */
    String ROLE = "ocpi.listener.role";

    /** Service property: HTTP methods seen (empty or absent: all). */
    String METHOD = "ocpi.listener.method";

    /**
     * May enrich a request before the node forwards it, by returning a changed request (other headers, query or
     * body). When the request is signed, the node keeps its signature verifiable: every signed value that changed is
     * stashed in a rewrite with its original value and the node signs the changed request. The default returns the
     * request unchanged.
     *
     * @return the request to forward
     */
    default OcpiRequest enrich(OcpiRequest request) {
        return request;
    }

    /**
     * A request was answered.
     *
     * @param request the request as forwarded (after every listener's enrichment)
     * @param reply   the answer its sender got: the recipient's, or the node's own error
     */
    void exchanged(OcpiRequest request, OcpiReply reply);
}
