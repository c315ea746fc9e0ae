package org.ocn.node.services.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.services.RunningService;
import org.ocn.node.services.ServiceDirectoryListener;
import org.ocn.node.spi.services.OcnService;
import org.ocn.node.spi.services.ServicePermission;
import org.ocn.node.store.testing.TemporaryDerby;

/** Tracking OcnService registrations: descriptors, ranking, keys, listeners and waiting for a service to return. */
public class RunningServicesTest {

    private static final PartyId SRV = PartyId.of("CH", "SRV");

    @Rule
    public TemporaryDerby derby = new TemporaryDerby();

    @Rule
    public TemporaryFolder data = new TemporaryFolder();

    private RunningServices services;
    private final List<String> heard = new ArrayList<>();
    private long nextId = 1;

    /** Writes what it hears as "started CH/SRV Name" and "stopped CH/SRV Name". */
    private final ServiceDirectoryListener listener = new ServiceDirectoryListener() {
        @Override
        public void serviceStarted(RunningService service, Instant since) {
            heard.add("started " + service.descriptor().party() + " " + service.descriptor().name());
        }

        @Override
        public void serviceStopped(RunningService service, Instant at) {
            heard.add("stopped " + service.descriptor().party() + " " + service.descriptor().name());
        }
    };

    @Before
    public void activate() throws Exception {
        services = start();
    }

    private RunningServices start() throws Exception {
        return new RunningServices(TestConfig.node(Map.of("ocn_node_dataDir", data.getRoot().toString())),
                new LocalAgreements(derby.dataSource()));
    }

    @After
    public void deactivate() throws Exception {
        services.deactivate();
    }

    private static OcnService plugin() {
        return request -> CompletableFuture.completedFuture(null);
    }

    private Map<String, Object> properties(String party, String name, int ranking) {
        Map<String, Object> p = new HashMap<>();
        p.put("service.id", nextId++);
        p.put("service.ranking", ranking);
        p.put("service.bundleid", 42L);
        p.put("ocn.service.party", party);
        p.put("ocn.service.name", name);
        p.put("ocn.service.url", "https://" + name.toLowerCase() + ".example");
        p.put("ocn.service.permissions", new String[] {"FORWARD_MODULE_CDRS_RECEIVER", "FORWARD_ALL_SENDER"});
        p.put("ocn.service.modules", "settlement");
        return p;
    }

    @Test
    public void aServiceIsListedWithItsDescriptorAndTheAddressOfItsKey() throws Exception {
        OcnService plugin = plugin();
        services.bindService(plugin, properties("ch/srv", "Settlement", 0));
        RunningService running = services.find(SRV).orElseThrow();
        assertSame(plugin, running.service());
        assertEquals("Settlement", running.descriptor().name());
        assertEquals("https://settlement.example", running.descriptor().url());
        assertEquals(Set.of(ServicePermission.FORWARD_MODULE_CDRS_RECEIVER, ServicePermission.FORWARD_ALL_SENDER),
                running.descriptor().permissions());
        assertEquals(List.of("settlement"), running.descriptor().modules());
        assertEquals(new ServiceKeyFiles(data.getRoot().toPath()).existing(SRV).orElseThrow().address(), running.address());
        assertEquals(List.of(running), services.services());

        // after a restart of the node, the same identity has the same address
        services.deactivate();
        services = start();
        services.bindService(plugin(), properties("CH/SRV", "Settlement", 0));
        assertEquals(running.address(), services.find(SRV).orElseThrow().address());
        services.bindService(plugin(), properties("CH/GEC", "Green", 0));
        assertNotEquals(running.address(), services.find(PartyId.of("CH", "GEC")).orElseThrow().address());
    }

    @Test
    public void aServiceWithBadPropertiesIsIgnored() {
        Map<String, Object> noParty = properties("CH/SRV", "Settlement", 0);
        noParty.remove("ocn.service.party");
        Map<String, Object> badPermission = properties("CH/SRV", "Settlement", 0);
        badPermission.put("ocn.service.permissions", "FORWARD_EVERYTHING");
        Map<String, Object> badParty = properties("CH/SERVICE", "Settlement", 0);
        services.bindListener(listener);
        for (Map<String, Object> p : List.of(noParty, badPermission, badParty)) {
            services.bindService(plugin(), p);
            services.unbindService(plugin(), p);
        }
        assertEquals(List.of(), services.services());
        assertEquals(List.of(), heard);
    }

    @Test
    public void theBestRankedServiceOfAnIdentityCountsAndTheNextTakesOverWhenItGoes() {
        services.bindListener(listener);
        Map<String, Object> first = properties("CH/SRV", "First", 0);
        Map<String, Object> higher = properties("CH/SRV", "Higher", 10);
        Map<String, Object> later = properties("CH/SRV", "Later", 0);
        services.bindService(plugin(), first);
        services.bindService(plugin(), higher);
        services.bindService(plugin(), later);
        assertEquals("Higher", services.find(SRV).orElseThrow().descriptor().name());
        services.unbindService(plugin(), higher);
        assertEquals("same ranking: the lowest service id", "First", services.find(SRV).orElseThrow().descriptor().name());
        services.unbindService(plugin(), later);
        services.unbindService(plugin(), first);
        assertEquals(Optional.empty(), services.find(SRV));
        assertEquals(List.of("started CH/SRV First", "started CH/SRV Higher", "started CH/SRV First",
                "stopped CH/SRV First"), heard);
    }

    @Test
    public void aListenerHearsOfTheServicesAlreadyRunningWithTheTimeTheyStarted() {
        Instant before = Instant.now();
        services.bindService(plugin(), properties("CH/SRV", "Settlement", 0));
        List<Instant> since = new ArrayList<>();
        services.bindListener(new ServiceDirectoryListener() {
            @Override
            public void serviceStarted(RunningService service, Instant at) {
                since.add(at);
            }

            @Override
            public void serviceStopped(RunningService service, Instant at) {
            }
        });
        assertEquals(1, since.size());
        assertFalse(since.get(0).isBefore(before));
        assertTrue(since.get(0).isBefore(Instant.now().plusMillis(1)));
    }

    @Test
    public void aChangedConfigurationIsAChangeOnlyWhenItChangesSomething() {
        services.bindListener(listener);
        OcnService plugin = plugin();
        Map<String, Object> p = properties("CH/SRV", "Settlement", 0);
        services.bindService(plugin, p);
        services.updatedService(plugin, new HashMap<>(p));
        assertEquals(List.of("started CH/SRV Settlement"), heard);
        Map<String, Object> renamed = new HashMap<>(p);
        renamed.put("ocn.service.name", "Settlement 2");
        services.updatedService(plugin, renamed);
        Map<String, Object> moved = new HashMap<>(renamed);
        moved.put("ocn.service.party", "CH/STL");
        services.updatedService(plugin, moved);
        assertEquals(List.of("started CH/SRV Settlement", "started CH/SRV Settlement 2", "stopped CH/SRV Settlement 2",
                "started CH/STL Settlement 2"), heard);
        assertEquals(List.of(PartyId.of("CH", "STL")), services.services().stream().map(s -> s.descriptor().party()).toList());
    }

    @Test
    public void awaitReturnWaitsForAServiceThatJustWentAwayWithoutHoldingAThread() throws Exception {
        assertEquals("never ran here: at once", Optional.empty(),
                services.awaitReturn(SRV, Duration.ofSeconds(5)).toCompletableFuture().getNow(null));

        Map<String, Object> v1 = properties("CH/SRV", "Settlement", 0);
        services.bindService(plugin(), v1);
        assertTrue("running: at once",
                services.awaitReturn(SRV, Duration.ofSeconds(5)).toCompletableFuture().getNow(null).isPresent());
        services.unbindService(plugin(), v1);

        // the plugin is being updated: the wait ends when the new version registers
        CompletableFuture<Optional<RunningService>> waiting = services.awaitReturn(SRV, Duration.ofSeconds(5))
                .toCompletableFuture();
        assertFalse(waiting.isDone());
        OcnService v2 = plugin();
        services.bindService(v2, properties("CH/SRV", "Settlement", 0));
        assertSame(v2, waiting.get(2, TimeUnit.SECONDS).orElseThrow().service());

        // it does not come back: the wait ends empty after the grace
        services.unbindService(v2, Map.of("service.id", nextId - 1));
        long start = System.nanoTime();
        Optional<RunningService> none = services.awaitReturn(SRV, Duration.ofMillis(300)).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(Optional.empty(), none);
        assertTrue("waited the grace: " + waited + " ms", waited >= 290 && waited < 2000);

        // gone longer ago than the grace: at once
        Thread.sleep(120);
        assertEquals(Optional.empty(), services.awaitReturn(SRV, Duration.ofMillis(100)).toCompletableFuture()
                .getNow(null));
    }

    @Test
    public void waitsEndEmptyWhenTheDirectoryStops() throws Exception {
        Map<String, Object> p = properties("CH/SRV", "Settlement", 0);
        services.bindService(plugin(), p);
        services.unbindService(plugin(), p);
        CompletableFuture<Optional<RunningService>> waiting = services.awaitReturn(SRV, Duration.ofSeconds(30))
                .toCompletableFuture();
        services.deactivate();
        assertEquals(Optional.empty(), waiting.get(1, TimeUnit.SECONDS));
    }

    @Test
    public void localAgreementsAreThoseOfTheStore() throws Exception {
        new LocalAgreements(derby.dataSource()).add(PartyId.of("DE", "MSP"), SRV);
        RunningServices restarted = start();
        try {
            assertEquals(List.of(SRV), restarted.localAgreementsOf(PartyId.of("DE", "MSP")));
            assertEquals(List.of(), restarted.localAgreementsOf(PartyId.of("DE", "XYZ")));
        } finally {
            restarted.deactivate();
        }
    }
}
