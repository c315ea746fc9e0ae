package org.ocn.node.router.internal;

import org.ocn.node.parties.Platform;
import org.ocn.node.services.RunningService;

/**
 * Where a request's recipient lives, resolved once per request ({@link Router#resolve}): a platform connected here, a
 * service running here, a party of another node, or nowhere known now (a service may be on its way back: its plugin
 * is being updated).
 */
sealed interface Destination {

    /** A platform registered at this node. */
    record Local(Platform platform) implements Destination {
    }

    /** A service running on this node. */
    record Service(RunningService service) implements Destination {
    }

    /** A party listed in the registry with another node, at that node's URL. */
    record Remote(String nodeUrl) implements Destination {
    }

    /** Not connected here, not a service here, not listed with another node. */
    record Unreached() implements Destination {
    }

    /** @return whether the recipient is this node's (a platform or a service here): its OcnRules apply here */
    default boolean here() {
        return this instanceof Local || this instanceof Service;
    }
}
