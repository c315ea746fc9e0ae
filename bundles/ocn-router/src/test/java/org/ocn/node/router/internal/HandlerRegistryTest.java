package org.ocn.node.router.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;
import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.VersionNumber;
import org.ocn.node.spi.routing.OcpiModuleHandler;
import org.osgi.framework.Constants;

/** Selection by ranking, and the wait for a module's next handler while a plugin is swapped (decisions §19). */
public class HandlerRegistryTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final HandlerRegistry registry = new HandlerRegistry(timer, Duration.ofMillis(400));
    private long nextId = 1;

    @After
    public void stop() {
        timer.shutdownNow();
    }

    private Map<String, Object> properties(String module, int ranking) {
        Map<String, Object> p = new HashMap<>();
        p.put(OcpiModuleHandler.MODULE, module);
        p.put(OcpiModuleHandler.ROLE, "RECEIVER");
        p.put(OcpiModuleHandler.VERSION, new String[] {"2.2.1"});
        p.put(Constants.SERVICE_RANKING, ranking);
        p.put(Constants.SERVICE_ID, nextId++);
        return p;
    }

    private static OcpiModuleHandler handler() {
        return (request, routing) -> CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Optional<OcpiModuleHandler>> await(String module) {
        return registry.await(module, InterfaceRole.RECEIVER, VersionNumber.V2_2_1).toCompletableFuture();
    }

    @Test
    public void theBestRankedHandlerServesAndTheBuiltInComesBack() {
        OcpiModuleHandler builtIn = handler();
        OcpiModuleHandler plugin = handler();
        registry.add(builtIn, properties("tariffs", 0));
        Map<String, Object> pluginProperties = properties("tariffs", 10);
        registry.add(plugin, pluginProperties);
        assertSame(plugin, registry.select("tariffs", InterfaceRole.RECEIVER, VersionNumber.V2_2_1).orElseThrow());
        registry.remove(pluginProperties);
        assertSame(builtIn, registry.select("tariffs", InterfaceRole.RECEIVER, VersionNumber.V2_2_1).orElseThrow());
    }

    @Test
    public void aRequestWaitsForTheNextHandlerOfAModuleWithinTheGracePeriod() throws Exception {
        // a grace period no pause of a busy machine reaches: the request is still waiting when v2 comes
        HandlerRegistry patient = new HandlerRegistry(timer, Duration.ofMinutes(5));
        Map<String, Object> v1 = properties("echo", 0);
        patient.add(handler(), v1);
        patient.remove(v1);
        CompletableFuture<Optional<OcpiModuleHandler>> waiting = patient.await("echo", InterfaceRole.RECEIVER,
                VersionNumber.V2_2_1).toCompletableFuture();
        assertFalse("waits while the plugin is away", waiting.isDone());
        assertEquals(1, patient.waiting());
        OcpiModuleHandler v2 = handler();
        patient.add(v2, properties("echo", 0));
        assertSame(v2, waiting.get(1, TimeUnit.SECONDS).orElseThrow());
        assertEquals(0, patient.waiting());
    }

    @Test
    public void aStandardModuleWithoutHandlerWaitsTheGracePeriodThenNothing() throws Exception {
        long start = System.nanoTime();
        Optional<OcpiModuleHandler> none = await("locations").get(2, TimeUnit.SECONDS);
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(none.isEmpty());
        assertTrue("waited " + waitedMs + " ms", waitedMs >= 350 && waitedMs < 1500);
        assertEquals(0, registry.waiting());
    }

    @Test
    public void aCustomModuleThatNeverHadAHandlerDoesNotWait() {
        CompletableFuture<Optional<OcpiModuleHandler>> now = await("never-seen");
        assertTrue(now.isDone());
        assertTrue(now.join().isEmpty());
    }
}
