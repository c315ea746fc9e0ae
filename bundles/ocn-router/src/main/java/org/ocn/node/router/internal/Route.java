package org.ocn.node.router.internal;

import java.util.Optional;

import org.ocn.node.spi.routing.OcpiRequest;

/**
 * A request resolved once, read by every later step: its recipient's {@link Destination}, and, when the recipient is
 * this node's, its OcnRules' verdict on the sender for the module and whether it wants signed messages.
 *
 * @param request            the request (sender, recipient, module, interface)
 * @param destination        where the recipient lives
 * @param refusal            why the recipient's OcnRules refuse the sender for the module, or null
 * @param signaturesRequired whether the recipient's OcnRules ask for signed messages
 */
record Route(OcpiRequest request, Destination destination, String refusal, boolean signaturesRequired) {

    /** @return the rules' refusal, if any */
    Optional<String> refused() {
        return Optional.ofNullable(refusal);
    }

    /** @return the same route for the request as changed on its way (enriched, proxied), to the same recipient */
    Route with(OcpiRequest changed) {
        return new Route(changed, destination, refusal, signaturesRequired);
    }
}
