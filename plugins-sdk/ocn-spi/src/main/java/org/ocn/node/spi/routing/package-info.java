/**
 * OCPI modules as the router sees them. A module is just a service implementing {@link OcpiModuleHandler}, registered
 * with {@link OcpiModule @OcpiModule(module = "sessions", role = SENDER)}: the router hands it every request for that
 * module and interface, and the handler forwards it through {@link OcpiRouting}, adding the module's own rules
 * (pagination, {@code Location} and {@code response_url} proxies). Requests and replies are plain values: bodies are
 * bytes, passed on unchanged unless a handler asks the router to change one value.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.2.0")
package org.ocn.node.spi.routing;
