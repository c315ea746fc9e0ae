package org.ocn.node.ocpi.commands.internal;

import java.util.List;
import java.util.Optional;
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
 * The commands module's Receiver interface (OCPI 2.2.1 and 2.2; bodies pass unchanged between versions). Registered with
 * ranking 0, so that a plugin with a higher ranking overrides it.
 */
@Component(name = "ocn.ocpi.commands.receiver", service = OcpiModuleHandler.class,
        property = "service.ranking:Integer=0")
@OcpiModule(module = "commands", role = InterfaceRole.RECEIVER)
public class CommandsReceiver implements OcpiModuleHandler {

    static final List<String> COMMANDS = List.of("CANCEL_RESERVATION", "RESERVE_NOW", "START_SESSION",
            "STOP_SESSION", "UNLOCK_CONNECTOR");

    @Override
    public CompletionStage<OcpiReply> handle(OcpiRequest request, OcpiRouting routing) {
        List<String> path = request.pathSegments();
        return InterfaceRules.check(request, "POST", "/{command}")
                .or(() -> COMMANDS.contains(path.get(0)) ? Optional.empty()
                        : Optional.of(OcpiReply.invalidPath(request, "/{command}, command one of " + COMMANDS)))
                .map(InterfaceRules::reply)
                .orElseGet(() -> routing.forward(routing.proxyResponseUrl(request, false,
                        "/ocpi/sender/" + request.version().text() + "/commands/" + path.get(0))));
    }
}
