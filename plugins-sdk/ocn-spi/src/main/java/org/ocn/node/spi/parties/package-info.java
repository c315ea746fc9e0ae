/**
 * A read-only view of the parties a node knows: connected to it, to other nodes of the network, planned, and the
 * services it runs.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.ocn.node.spi.parties;
