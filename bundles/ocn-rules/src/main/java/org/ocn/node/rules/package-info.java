/**
 * The OcnRules of the parties connected to this node: the {@link OcnRules} service, which the router asks before it
 * delivers a message to a local recipient.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.ocn.node.rules;
