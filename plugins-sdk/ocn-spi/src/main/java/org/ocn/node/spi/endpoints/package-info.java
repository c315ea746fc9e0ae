/**
 * Advertising OCPI endpoints: a bundle that serves OCPI endpoints registers an {@link OcpiEndpointProvider}, and
 * the node lists those endpoints in its version details for as long as the service is registered.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.ocn.node.spi.endpoints;
