/**
 * Observers of the traffic a node routes: an {@link org.ocn.node.spi.listeners.OcpiMessageListener} registered with
 * {@link org.ocn.node.spi.listeners.OcpiListener @OcpiListener} sees every request of the modules, interfaces and
 * methods it asks for, with the answer its sender got (a CDR tap, statistics, audit), and may enrich a request before
 * it is forwarded.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.ocn.node.spi.listeners;
