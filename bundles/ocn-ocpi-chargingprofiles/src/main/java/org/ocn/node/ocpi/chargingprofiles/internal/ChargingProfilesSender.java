package org.ocn.node.ocpi.chargingprofiles.internal;

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
 * The chargingprofiles module's Sender interface (OCPI 2.2.1 and 2.2; bodies pass unchanged between versions). Registered with
 * ranking 0, so that a plugin with a higher ranking overrides it.
 */
@Component(name = "ocn.ocpi.chargingprofiles.sender", service = OcpiModuleHandler.class,
        property = "service.ranking:Integer=0")
@OcpiModule(module = "chargingprofiles", role = InterfaceRole.SENDER)
public class ChargingProfilesSender implements OcpiModuleHandler {

    @Override
    public CompletionStage<OcpiReply> handle(OcpiRequest request, OcpiRouting routing) {
        List<String> path = request.pathSegments();
        if (request.method().equals("POST")) {
            return path.size() == 2 && path.get(0).equals("result")
                    ? routing.forwardToProxy(request, OcpiRouting.ProxyKind.RESPONSE_URL, path.get(1))
                            .orElseGet(() -> InterfaceRules.reply(OcpiReply.proxyNotFound()))
                    : InterfaceRules.reply(OcpiReply.invalidPath(request, "/result/{id} of a response_url the node handed out"));
        }
        return InterfaceRules.check(request, "POST, PUT", "/{session_id}")
                .map(InterfaceRules::reply).orElseGet(() -> routing.forward(request));
    }
}
