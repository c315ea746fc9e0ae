/**
 * Health reporting: a component that the node needs in order to serve registers a {@link HealthIndicator}, and
 * {@code GET /health} reports every indicator's state.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.ocn.node.spi.health;
