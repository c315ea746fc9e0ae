package org.ocn.node.ocpi.tariffs.internal;

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
 * The tariffs module's Sender interface (OCPI 2.2.1 and 2.2; bodies pass unchanged between versions). Registered with
 * ranking 0, so that a plugin with a higher ranking overrides it.
 */
@Component(name = "ocn.ocpi.tariffs.sender", service = OcpiModuleHandler.class,
        property = "service.ranking:Integer=0")
@OcpiModule(module = "tariffs", role = InterfaceRole.SENDER)
public class TariffsSender implements OcpiModuleHandler {

    @Override
    public CompletionStage<OcpiReply> handle(OcpiRequest request, OcpiRouting routing) {
        return InterfaceRules.check(request, "GET", "", "(the list)")
                .map(InterfaceRules::reply).orElseGet(() -> routing.forwardPaginated(request));
    }
}
