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
 * The commands module's Sender interface (OCPI 2.2.1 and 2.2; bodies pass unchanged between versions). Registered with
 * ranking 0, so that a plugin with a higher ranking overrides it.
 */
@Component(name = "ocn.ocpi.commands.sender", service = OcpiModuleHandler.class,
        property = "service.ranking:Integer=0")
@OcpiModule(module = "commands", role = InterfaceRole.SENDER)
public class CommandsSender implements OcpiModuleHandler {

    @Override
    public CompletionStage<OcpiReply> handle(OcpiRequest request, OcpiRouting routing) {
        // results come back with the correlation id the CPO chose; the proxy id alone says where they go
        List<String> path = request.pathSegments();
        return InterfaceRules.check(request, "POST", "/{command}/{id}", "of a response_url the node handed out")
                .or(() -> CommandsReceiver.COMMANDS.contains(path.get(0)) ? Optional.empty()
                        : Optional.of(OcpiReply.invalidPath(request, "/{command}/{id}, command one of "
                        + CommandsReceiver.COMMANDS)))
                .map(InterfaceRules::reply)
                .orElseGet(() -> routing.forwardToProxy(request, OcpiRouting.ProxyKind.RESPONSE_URL, path.get(1))
                        .orElseGet(() -> InterfaceRules.reply(OcpiReply.proxyNotFound())));
    }
}
