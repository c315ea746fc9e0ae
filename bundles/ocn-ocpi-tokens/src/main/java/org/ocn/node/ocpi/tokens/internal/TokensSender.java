package org.ocn.node.ocpi.tokens.internal;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.spi.routing.InterfaceRules;
import org.ocn.node.spi.routing.OcpiModule;
import org.ocn.node.spi.routing.OcpiModuleHandler;
import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;
import org.ocn.node.spi.routing.OcpiRouting;
import org.osgi.service.component.annotations.Component;

/**
 * The tokens module's Sender interface (OCPI 2.2.1 and 2.2; bodies pass unchanged between versions). Registered with
 * ranking 0, so that a plugin with a higher ranking overrides it.
 */
@Component(name = "ocn.ocpi.tokens.sender", service = OcpiModuleHandler.class,
        property = "service.ranking:Integer=0")
@OcpiModule(module = "tokens", role = InterfaceRole.SENDER)
public class TokensSender implements OcpiModuleHandler {

    @Override
    public CompletionStage<OcpiReply> handle(OcpiRequest request, OcpiRouting routing) {
        if (request.method().equals("POST")) {
            List<String> path = request.pathSegments();
            return path.size() == 2 && path.get(1).equals("authorize") ? routing.forward(request)
                    : InterfaceRules.reply(OcpiReply.invalidPath(request, "/{token_uid}/authorize[?type={token_type}]"));
        }
        return InterfaceRules.check(request, "GET, POST", "", "(the list)")
                .map(InterfaceRules::reply).orElseGet(() -> routing.forwardPaginated(request));
    }
}
