/**
 * Services offered to every party of the network (settlement, smart charging, green-energy certification, ...) as
 * plugins of a node. A service is an {@link org.ocn.node.spi.services.OcnService} registered with
 * {@link org.ocn.node.spi.services.OcnServiceIdentity @OcnServiceIdentity}: it has an OCPI identity of its own that
 * parties address with the routing headers like any other party, it is listed in the node's services registry (and,
 * on a network, in the Permissions contract), and it receives copies of the messages of the parties that agreed to it,
 * per its {@link org.ocn.node.spi.services.ServicePermission permissions}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.ocn.node.spi.services;
