package org.ocn.node.ocpi.cdrs.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.spi.routing.OcpiModule;
import org.ocn.node.spi.routing.OcpiModuleHandler;
import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;
import org.ocn.node.spi.routing.OcpiRouting;
import org.osgi.service.component.annotations.Component;

/**
 * The cdrs module's Receiver interface (OCPI 2.2.1 and 2.2; bodies pass unchanged between versions). Registered with
 * ranking 0, so that a plugin with a higher ranking overrides it.
 */
@Component(name = "ocn.ocpi.cdrs.receiver", service = OcpiModuleHandler.class,
        property = "service.ranking:Integer=0")
@OcpiModule(module = "cdrs", role = InterfaceRole.RECEIVER)
public class CdrsReceiver implements OcpiModuleHandler {

    @Override
    public CompletionStage<OcpiReply> handle(OcpiRequest request, OcpiRouting routing) {
        List<String> path = request.pathSegments();
        if (request.method().equals("POST")) {
            if (!path.isEmpty()) {
                return done(OcpiReply.invalidPath(request, "'' (POST the CDR to the endpoint itself)"));
            }
            String nodePath = "/ocpi/receiver/" + request.version().text() + "/cdrs";
            return routing.forward(request).thenApply(reply -> routing.proxyLocation(request, reply, nodePath));
        }
        if (request.method().equals("GET")) {
            if (path.size() != 1) {
                return done(OcpiReply.invalidPath(request, "/{id} of a Location the node handed out"));
            }
            return routing.forwardToProxy(request, OcpiRouting.ProxyKind.LOCATION, path.get(0))
                    .orElseGet(() -> done(OcpiReply.proxyNotFound()));
        }
        return done(OcpiReply.methodNotAllowed(request, "POST, GET"));
    }

    private static CompletionStage<OcpiReply> done(OcpiReply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
