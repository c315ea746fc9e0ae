package org.ocn.node.benchmarks.plugin;

import java.util.concurrent.CompletionStage;

import org.ocn.node.spi.routing.OcpiModuleHandler;
import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;
import org.ocn.node.spi.routing.OcpiRouting;

/**
 * The custom module of the plugin the benchmark installs and updates under load ({@link
 * org.ocn.node.benchmarks.PluginJar}): it forwards every request to the recipient's endpoint, as a module plugin
 * that only adds a module would. Not loaded by the benchmark itself: its class file is copied into the plugin jar.
 */
public class ForwardingModule implements OcpiModuleHandler {

    @Override
    public CompletionStage<OcpiReply> handle(OcpiRequest request, OcpiRouting routing) {
        return routing.forward(request);
    }
}
