/**
 * Sending into the network: an {@link org.ocn.node.spi.client.OcpiClient} sends OCPI requests as the node itself or as
 * one of the services running on it, to any party of the network.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.ocn.node.spi.client;
