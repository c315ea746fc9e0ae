/**
 * The platforms connected to this node and the parties (roles) they host: the {@link PartyDirectory} service.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.2.0")
package org.ocn.node.parties;
