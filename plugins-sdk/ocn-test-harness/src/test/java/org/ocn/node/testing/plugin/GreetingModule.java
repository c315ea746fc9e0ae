package org.ocn.node.testing.plugin;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.ocn.node.spi.routing.InterfaceRules;
import org.ocn.node.spi.routing.OcpiModuleHandler;
import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;
import org.ocn.node.spi.routing.OcpiRouting;

/**
 * A custom module for the harness's own tests, packaged into plugin jars by {@code TestPlugins} with a hand-written
 * component descriptor: it answers every request itself with its configured greeting and the sender.
 */
public class GreetingModule implements OcpiModuleHandler {

    private volatile String greeting = "Hello";

    /** Called by Declarative Services with the component's properties (its configuration included). */
    public void activate(Map<String, Object> properties) {
        greeting = String.valueOf(properties.getOrDefault("greeting", "Hello"));
    }

    @Override
    public CompletionStage<OcpiReply> handle(OcpiRequest request, OcpiRouting routing) {
        String json = "{\"data\":{\"message\":\"" + greeting.replace("\"", "\\\"") + " " + request.sender()
                + "\",\"module\":\"" + request.module() + "\"},\"status_code\":1000,"
                + "\"timestamp\":\"2026-01-01T00:00:00Z\"}";
        return InterfaceRules.reply(new OcpiReply(200, Map.of(), json.getBytes(StandardCharsets.UTF_8)));
    }
}
