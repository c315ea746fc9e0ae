package org.ocn.node.spi.health;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A whiteboard service reporting the state of one part of the node.
 *
 * <p>Contract: register it with the service property {@value #NAME} (a short lower-case name such as {@code store});
 * {@code GET /health} calls {@link #check()} on every registered indicator and answers 200 when all are up, 503
 * naming those that are down. The node also knows which names it cannot serve without (configuration
 * {@code ocn.health}, key {@code required}); a required name with no registered indicator counts as down. A plugin
 * may register indicators of its own; they are reported, and count only when listed as required.
 */
@ConsumerType
public interface HealthIndicator {

    /** The service property carrying the indicator's name. */
    String NAME = "ocn.health.name";

    /**
     * @return the current state; must answer quickly (within a few milliseconds) and must not throw: a thrown
     *         exception is reported as down with its message
     */
    HealthState check();
}
