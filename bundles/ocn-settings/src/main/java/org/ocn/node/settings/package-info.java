/**
 * The node's configuration as components see it: ConfigAdmin PID {@value NodeConfiguration#PID}, published by the
 * settings bundle from {@code etc/ocn-node.properties}, the environment and the command line, and read through the
 * typed {@link NodeConfiguration}; {@link PrivateFiles} writes the secrets the node keeps in its data folder.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.2.0")
package org.ocn.node.settings;
