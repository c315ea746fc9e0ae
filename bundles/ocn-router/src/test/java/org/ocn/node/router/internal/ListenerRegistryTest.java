package org.ocn.node.router.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;
import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.OcpiStatus;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.VersionNumber;
import org.ocn.node.spi.listeners.OcpiMessageListener;
import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;
import org.osgi.framework.Constants;

public class ListenerRegistryTest {

    private final AtomicLong now = new AtomicLong();
    private final ListenerRegistry registry = new ListenerRegistry(Duration.ofSeconds(5), now::get);
    private long nextServiceId = 1;

    /** Records the ids of the CDRs it was told about. */
    private static final class Tap implements OcpiMessageListener {
        final List<String> seen = new ArrayList<>();

        @Override
        public void exchanged(OcpiRequest request, OcpiReply reply) {
            seen.add(request.path());
        }
    }

    @Test
    public void listenersSeeOnlyWhatTheyAskedForBestRankedFirst() {
        Tap cdrs = new Tap();
        Tap all = new Tap();
        registry.add(cdrs, props("tap.cdrs", 0, "cdrs"));
        registry.add(all, props("tap.all", 10, null));
        List<ListenerRegistry.Interested> forCdr = registry.matching(cdr("1"));
        assertEquals(2, forCdr.size());
        assertTrue("higher ranking first", forCdr.get(0).listener() == all);
        List<ListenerRegistry.Interested> forLocation = registry.matching(request("locations", "L1"));
        assertEquals(1, forLocation.size());
        registry.tell(forCdr, cdr("1"), ok());
        assertEquals(List.of("1"), cdrs.seen);
        assertEquals(List.of("1"), all.seen);
    }

    @Test
    public void whatARemovedListenerWouldHaveSeenIsHandedToItsSuccessorInOrder() {
        Tap v1 = new Tap();
        registry.add(v1, props("settlement", 0, "cdrs"));
        // a request under way when the plugin is updated: matched by v1, answered after v1 went away
        List<ListenerRegistry.Interested> inFlight = registry.matching(cdr("1"));
        registry.remove(v1);
        registry.tell(inFlight, cdr("1"), ok());
        // requests routed while no version is registered
        registry.tell(registry.matching(cdr("2")), cdr("2"), ok());
        registry.tell(registry.matching(cdr("3")), cdr("3"), ok());
        assertEquals(3, registry.heldCount());
        assertEquals("nothing reaches the removed instance", List.of(), v1.seen);

        Tap v2 = new Tap();
        registry.add(v2, props("settlement", 0, "cdrs"));
        assertEquals(List.of("1", "2", "3"), v2.seen);
        assertEquals(0, registry.heldCount());
        registry.tell(registry.matching(cdr("4")), cdr("4"), ok());
        assertEquals(List.of("1", "2", "3", "4"), v2.seen);
        assertEquals(1, registry.size());
    }

    @Test
    public void aListenerThatDoesNotComeBackWithinTheGracePeriodIsGone() {
        Tap v1 = new Tap();
        registry.add(v1, props("settlement", 0, "cdrs"));
        registry.remove(v1);
        registry.tell(registry.matching(cdr("1")), cdr("1"), ok());
        assertEquals(1, registry.heldCount());
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        registry.tell(registry.matching(cdr("2")), cdr("2"), ok());
        assertEquals(0, registry.heldCount());
        assertEquals("no longer matched", 0, registry.matching(cdr("3")).size());

        Tap late = new Tap();
        registry.add(late, props("settlement", 0, "cdrs"));
        assertEquals("what was held expired with the grace period", List.of(), late.seen);
    }

    @Test
    public void aListenerWithoutAComponentNameIsNotWaitedFor() {
        Tap anonymous = new Tap();
        registry.add(anonymous, props(null, 0, "cdrs"));
        List<ListenerRegistry.Interested> inFlight = registry.matching(cdr("1"));
        registry.remove(anonymous);
        registry.tell(inFlight, cdr("1"), ok());
        assertEquals(0, registry.heldCount());
        assertEquals(List.of(), anonymous.seen);
        assertEquals(0, registry.matching(cdr("2")).size());
    }

    @Test
    public void whatIsHeldIsBounded() {
        Tap v1 = new Tap();
        registry.add(v1, props("settlement", 0, "cdrs"));
        registry.remove(v1);
        for (int i = 0; i < ListenerRegistry.MAX_HELD + 5; i++) {
            registry.tell(registry.matching(cdr(Integer.toString(i))), cdr(Integer.toString(i)), ok());
        }
        assertEquals(ListenerRegistry.MAX_HELD, registry.heldCount());
        Tap v2 = new Tap();
        registry.add(v2, props("settlement", 0, "cdrs"));
        assertEquals(ListenerRegistry.MAX_HELD, v2.seen.size());
        assertEquals("0", v2.seen.get(0));
    }

    private Map<String, Object> props(String componentName, int ranking, String module) {
        Map<String, Object> p = new HashMap<>();
        if (componentName != null) {
            p.put("component.name", componentName);
        }
        p.put(Constants.SERVICE_RANKING, ranking);
        p.put(Constants.SERVICE_ID, nextServiceId++);
        if (module != null) {
            p.put(OcpiMessageListener.MODULE, new String[] {module});
        }
        return p;
    }

    private static OcpiRequest cdr(String id) {
        return request("cdrs", id);
    }

    private static OcpiRequest request(String module, String path) {
        return new OcpiRequest("POST", VersionNumber.V2_2_1, module, InterfaceRole.RECEIVER, path, null,
                Map.of("x-request-id", "r", "x-correlation-id", "c"), new byte[0], PartyId.of("CH", "CPO"),
                PartyId.of("DE", "MSP"));
    }

    private static OcpiReply ok() {
        return OcpiReply.error(200, OcpiStatus.SUCCESS, "ok");
    }
}
