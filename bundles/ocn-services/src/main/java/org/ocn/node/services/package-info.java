/**
 * The services running on this node, as the rest of the node sees them: the router delivers requests and copies to
 * them, the registries list them, hubclientinfo shows them to the parties. Node-internal: plugins see services only
 * through {@code org.ocn.node.spi.services}. {@link org.ocn.node.services.ServiceDirectoryListener}s hear when services
 * start and stop.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.2.0")
package org.ocn.node.services;
