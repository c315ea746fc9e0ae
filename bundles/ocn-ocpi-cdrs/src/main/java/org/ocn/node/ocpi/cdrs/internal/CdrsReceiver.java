package org.ocn.node.ocpi.cdrs.internal;

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
 * The cdrs module's Receiver interface (OCPI 2.2.1 and 2.2; bodies pass unchanged between versions). Registered with
 * ranking 0, so that a plugin with a higher ranking overrides it.
 */
@Component(name = "ocn.ocpi.cdrs.receiver", service = OcpiModuleHandler.class,
        property = "service.ranking:Integer=0")
@OcpiModule(module = "cdrs", role = InterfaceRole.RECEIVER)
public class CdrsReceiver implements OcpiModuleHandler {

    @Override
    public CompletionStage<OcpiReply> handle(OcpiRequest request, OcpiRouting routing) {
        if (request.method().equals("POST")) {
            String nodePath = "/ocpi/receiver/" + request.version().text() + "/cdrs";
            return InterfaceRules.check(request, "POST, GET", "", "(POST the CDR to the endpoint itself)")
                    .map(InterfaceRules::reply)
                    .orElseGet(() -> routing.forward(request).thenApply(reply -> routing.proxyLocation(request, reply, nodePath)));
        }
        return InterfaceRules.check(request, "POST, GET", "/{id}", "of a Location the node handed out")
                .map(InterfaceRules::reply)
                .orElseGet(() -> routing.forwardToProxy(request, OcpiRouting.ProxyKind.LOCATION, request.pathSegments().get(0))
                        .orElseGet(() -> InterfaceRules.reply(OcpiReply.proxyNotFound())));
    }
}
