package org.ocn.node.ocpi.tokens.internal;

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
 * The tokens module's Receiver interface (OCPI 2.2.1 and 2.2; bodies pass unchanged between versions). Registered with
 * ranking 0, so that a plugin with a higher ranking overrides it.
 */
@Component(name = "ocn.ocpi.tokens.receiver", service = OcpiModuleHandler.class,
        property = "service.ranking:Integer=0")
@OcpiModule(module = "tokens", role = InterfaceRole.RECEIVER)
public class TokensReceiver implements OcpiModuleHandler {

    @Override
    public CompletionStage<OcpiReply> handle(OcpiRequest request, OcpiRouting routing) {
        if (!List.of("GET", "PUT", "PATCH").contains(request.method())) {
            return done(OcpiReply.methodNotAllowed(request, "GET, PUT, PATCH"));
        }
        if (request.pathSegments().size() != 3) {
            return done(OcpiReply.invalidPath(request, "/{country_code}/{party_id}/{token_uid}[?type={token_type}]"));
        }
        return routing.forward(request);
    }

    private static CompletionStage<OcpiReply> done(OcpiReply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
