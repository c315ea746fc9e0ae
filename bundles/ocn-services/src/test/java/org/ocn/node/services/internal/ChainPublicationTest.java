package org.ocn.node.services.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.crypto.EthereumKey;
import org.ocn.node.registry.RegistryPublisher;
import org.ocn.node.services.RunningService;
import org.ocn.node.spi.services.ServiceDescriptor;
import org.ocn.node.spi.services.ServicePermission;

/** Chain mode: what the publication asks the registry to do when services start and stop, and when that fails. */
public class ChainPublicationTest {

    private static final PartyId SRV = PartyId.of("CH", "SRV");
    private static final long GRACE_MS = 300;

    @Rule
    public TemporaryFolder data = new TemporaryFolder();

    /** The calls made, as "publish CH/SRV Settlement [7, 8] <address>" and "unpublish <address>". */
    private final BlockingQueue<String> calls = new LinkedBlockingQueue<>();
    /** Failures to throw, one per call, before calls succeed. */
    private final List<RegistryPublisher.PublicationException> failures = new ArrayList<>();
    private ServiceKeyFiles keys;
    private EthereumKey key;
    private ChainPublication publication;

    private final RegistryPublisher publisher = new RegistryPublisher() {
        @Override
        public List<String> publishService(String serviceKey, PartyId party, String name, String url,
                                           List<Integer> permissions) throws PublicationException {
            calls.add("publish " + party + " " + name + " " + permissions + " "
                    + EthereumKey.fromPrivateKey(serviceKey).address());
            failIfAsked();
            return List.of("0x01");
        }

        @Override
        public List<String> unpublishService(String serviceKey) throws PublicationException {
            calls.add("unpublish " + EthereumKey.fromPrivateKey(serviceKey).address());
            failIfAsked();
            return List.of("0x02");
        }

        private void failIfAsked() throws PublicationException {
            synchronized (failures) {
                if (!failures.isEmpty()) {
                    throw failures.remove(0);
                }
            }
        }
    };

    @Before
    public void start() throws Exception {
        keys = new ServiceKeyFiles(data.getRoot().toPath());
        key = keys.keyOf(SRV);
        publication = new ChainPublication(keys, GRACE_MS);
        publication.bindPublisher(publisher);
    }

    @After
    public void stop() throws Exception {
        publication.deactivate();
    }

    private RunningService settlement() {
        return new RunningService(new ServiceDescriptor(SRV, "Settlement", "https://stl.example",
                Set.of(ServicePermission.FORWARD_MODULE_CDRS_SENDER, ServicePermission.FORWARD_MODULE_CDRS_RECEIVER),
                List.of()), request -> null, key.address());
    }

    private String next(long ms) throws InterruptedException {
        return calls.poll(ms, TimeUnit.MILLISECONDS);
    }

    @Test
    public void aStartedServiceIsPublishedWithItsKeyAndAStoppedOneUnpublishedAfterTheGrace() throws Exception {
        publication.serviceStarted(settlement(), Instant.now());
        assertEquals("publish CH/SRV Settlement [7, 8] " + key.address(), next(2000));
        long stopped = System.nanoTime();
        publication.serviceStopped(settlement(), Instant.now());
        assertEquals("unpublish " + key.address(), next(3000));
        assertTrue("not before the grace", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped) >= GRACE_MS - 10);
    }

    @Test
    public void aServiceBackWithinTheGraceIsNotUnpublished() throws Exception {
        publication.serviceStarted(settlement(), Instant.now());
        assertEquals("publish CH/SRV Settlement [7, 8] " + key.address(), next(2000));
        publication.serviceStopped(settlement(), Instant.now());
        publication.serviceStarted(settlement(), Instant.now());
        assertEquals("publish CH/SRV Settlement [7, 8] " + key.address(), next(2000));
        assertEquals(null, next(GRACE_MS * 3));
    }

    @Test
    public void aFailureThatMayPassIsRetriedAndARefusalIsNot() throws Exception {
        failures.add(new RegistryPublisher.PublicationException("chain unreachable", true, null));
        publication.serviceStarted(settlement(), Instant.now());
        assertEquals("publish CH/SRV Settlement [7, 8] " + key.address(), next(2000));
        long failed = System.nanoTime();
        assertEquals("retried", "publish CH/SRV Settlement [7, 8] " + key.address(),
                next(ChainPublication.FIRST_RETRY_MS + 2000));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - failed) >= ChainPublication.FIRST_RETRY_MS - 50);

        failures.add(new RegistryPublisher.PublicationException("Party with country_code/party_id already registered",
                false, null));
        publication.serviceStarted(settlement(), Instant.now());
        assertEquals("publish CH/SRV Settlement [7, 8] " + key.address(), next(2000));
        assertEquals("refused: not retried", null, next(ChainPublication.FIRST_RETRY_MS + 1000));
    }

    @Test
    public void servicesThatStartedBeforeThePublisherCameArePublishedWhenItComesAndNothingWhenItGoes()
            throws Exception {
        publication.unbindPublisher(publisher);
        publication.serviceStarted(settlement(), Instant.now());
        assertEquals("no publisher, nothing done", null, next(300));
        publication.bindPublisher(publisher);
        assertEquals("publish CH/SRV Settlement [7, 8] " + key.address(), next(2000));
        publication.unbindPublisher(publisher);
        publication.serviceStopped(settlement(), Instant.now());
        assertEquals(null, next(GRACE_MS * 3));
    }

    @Test
    public void retriesPauseLongerEachTimeUpToFiveMinutes() {
        assertEquals(2_000, ChainPublication.retryDelayMs(1));
        assertEquals(4_000, ChainPublication.retryDelayMs(2));
        assertEquals(256_000, ChainPublication.retryDelayMs(8));
        assertEquals(300_000, ChainPublication.retryDelayMs(9));
        assertEquals(300_000, ChainPublication.retryDelayMs(1000));
    }
}
