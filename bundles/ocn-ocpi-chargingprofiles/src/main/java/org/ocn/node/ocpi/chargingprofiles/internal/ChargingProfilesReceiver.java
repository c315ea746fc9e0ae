package org.ocn.node.ocpi.chargingprofiles.internal;

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
 * The chargingprofiles module's Receiver interface (OCPI 2.2.1 and 2.2; bodies pass unchanged between versions). Registered with
 * ranking 0, so that a plugin with a higher ranking overrides it.
 */
@Component(name = "ocn.ocpi.chargingprofiles.receiver", service = OcpiModuleHandler.class,
        property = "service.ranking:Integer=0")
@OcpiModule(module = "chargingprofiles", role = InterfaceRole.RECEIVER)
public class ChargingProfilesReceiver implements OcpiModuleHandler {

    @Override
    public CompletionStage<OcpiReply> handle(OcpiRequest request, OcpiRouting routing) {
        if (!List.of("GET", "PUT", "DELETE").contains(request.method())) {
            return done(OcpiReply.methodNotAllowed(request, "GET, PUT, DELETE"));
        }
        if (request.pathSegments().size() != 1) {
            return done(OcpiReply.invalidPath(request, "/{session_id}"));
        }
        String resultPath = "/ocpi/sender/" + request.version().text() + "/chargingprofiles/result";
        // PUT carries response_url in the SetChargingProfile body, GET and DELETE in the query
        boolean inQuery = !request.method().equals("PUT");
        return routing.forward(routing.proxyResponseUrl(request, inQuery, resultPath));
    }

    private static CompletionStage<OcpiReply> done(OcpiReply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
