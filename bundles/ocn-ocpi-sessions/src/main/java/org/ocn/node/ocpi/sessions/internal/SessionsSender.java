package org.ocn.node.ocpi.sessions.internal;

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
 * The sessions module's Sender interface (OCPI 2.2.1 and 2.2; bodies pass unchanged between versions). Registered with
 * ranking 0, so that a plugin with a higher ranking overrides it.
 */
@Component(name = "ocn.ocpi.sessions.sender", service = OcpiModuleHandler.class,
        property = "service.ranking:Integer=0")
@OcpiModule(module = "sessions", role = InterfaceRole.SENDER)
public class SessionsSender implements OcpiModuleHandler {

    @Override
    public CompletionStage<OcpiReply> handle(OcpiRequest request, OcpiRouting routing) {
        List<String> path = request.pathSegments();
        if (request.method().equals("GET")) {
            if (!path.isEmpty()) {
                return done(OcpiReply.invalidPath(request, "'' (the list; single sessions are on the Receiver interface)"));
            }
            return routing.forward(request).thenApply(reply -> routing.proxyPagination(request, reply));
        }
        if (request.method().equals("PUT")) {
            if (path.size() != 2 || !path.get(1).equals("charging_preferences")) {
                return done(OcpiReply.invalidPath(request, "/{session_id}/charging_preferences"));
            }
            return routing.forward(request);
        }
        return done(OcpiReply.methodNotAllowed(request, "GET, PUT"));
    }

    private static CompletionStage<OcpiReply> done(OcpiReply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
