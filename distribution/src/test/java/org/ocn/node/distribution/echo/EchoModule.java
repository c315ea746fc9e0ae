package org.ocn.node.distribution.echo;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.ocn.node.spi.routing.OcpiModuleHandler;
import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;
import org.ocn.node.spi.routing.OcpiRouting;
import org.osgi.framework.BundleContext;

/**
 * The custom module of the test plugin that {@code PluginManagementIT} packs into a bundle jar at run time (with a
 * hand-written DS descriptor): it answers every request with the reply its bundle's {@code Echo-Reply} header
 * holds, so that two versions of the plugin answer differently. It runs a thread of its own (a ticker), started in
 * activate and stopped in deactivate, so that the test sees whether an uninstalled plugin leaves threads behind.
 * Not loaded by the test itself: only its class file is copied into the plugin jar.
 */
public class EchoModule implements OcpiModuleHandler {

    private volatile byte[] reply;
    private ScheduledExecutorService ticker;
    private final AtomicLong ticks = new AtomicLong();

    public void activate(BundleContext context) {
        String text = context.getBundle().getHeaders().get("Echo-Reply");
        reply = ("{\"status_code\":1000,\"data\":\"" + text + "\",\"timestamp\":\"2026-01-01T00:00:00Z\"}")
                .getBytes(StandardCharsets.UTF_8);
        ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "echo-plugin-ticker"));
        ticker.scheduleAtFixedRate(ticks::incrementAndGet, 0, 100, TimeUnit.MILLISECONDS);
    }

    public void deactivate() {
        ticker.shutdownNow();
    }

    @Override
    public CompletionStage<OcpiReply> handle(OcpiRequest request, OcpiRouting routing) {
        return CompletableFuture.completedFuture(new OcpiReply(200, Map.of(), reply));
    }
}
