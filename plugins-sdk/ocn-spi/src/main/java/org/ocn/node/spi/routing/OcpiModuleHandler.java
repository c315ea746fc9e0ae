package org.ocn.node.spi.routing;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An OCPI module, as the router calls it: a service registered with {@link OcpiModule @OcpiModule} (service
 * properties {@value #MODULE}, {@value #ROLE} and {@value #VERSION}).
 *
 * <p><b>Selection.</b> For a request to {@code /ocpi/{role}/{version}/{module}/...} (custom modules:
 * {@code /ocpi/custom/{role}/{module}/...}) the router uses the handler registered for that module identifier, interface
 * role and version with the highest {@code service.ranking}, then the lowest {@code service.id}. A plugin therefore
 * overrides a built-in module by registering the same properties with a ranking above 0 (the built-in modules
 * register with ranking 0), and removing the plugin brings the built-in back. The node advertises, in each
 * version's details, exactly the modules and interfaces that have a handler.
 *
 * <p><b>Before the handler is called</b> the router has authenticated the sender (its platform's token C), checked
 * that the {@code OCPI-from-*} party belongs to that platform, checked the routing headers, resolved the recipient
 * ({@code OCPI-to-*}) to a connected party with an endpoint for this module and interface, and answered the node's
 * own proxy URLs (pagination links) itself.
 *
 * <p><b>In flight.</b> A request keeps the handler it was given to until its reply completes, even if the handler's
 * service is unregistered meanwhile; a handler must therefore finish the requests it has started (it may stop taking
 * work in its component's {@code @Deactivate} only after those complete). New requests go to the next best handler,
 * or wait for one as the node's configuration says.
 */
@ConsumerType
public interface OcpiModuleHandler {

    /** Service property: the module identifier, for example {@code locations}. */
    String MODULE = "ocpi.module";

    /** Service property: the interface role, {@code SENDER} or {@code RECEIVER}. */
    String ROLE = "ocpi.role";

    /** Service property: the OCPI versions served, for example {@code 2.2.1} and {@code 2.2}. */
    String VERSION = "ocpi.version";

    /**
     * Handles one request.
     *
     * @param request the request, as received
     * @param routing what the router offers: forwarding to the recipient and the node's proxies
     * @return the reply for the sender; a stage completed exceptionally is answered as a server error (3000)
     */
    CompletionStage<OcpiReply> handle(OcpiRequest request, OcpiRouting routing);
}
