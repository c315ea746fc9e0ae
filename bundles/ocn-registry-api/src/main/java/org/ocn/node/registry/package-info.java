/**
 * The network registry as the node sees it: {@link NetworkRegistry} answers who the parties and nodes of the network
 * are and which parties may register at this node. The embedded {@code local} implementation is the default; the
 * on-chain implementation plugs in behind the same interface, and also registers a {@link
 * org.ocn.node.registry.RegistryPublisher} through which the node publishes its services on chain.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.3.0")
package org.ocn.node.registry;
