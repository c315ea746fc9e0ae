package org.ocn.node.ocpi.hubclientinfo.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.After;
import org.junit.Test;
import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.ocpi.hubclientinfo.internal.ClientInfos.ClientInfo;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.services.RunningService;
import org.ocn.node.spi.services.ServiceDescriptor;
import org.ocn.node.parties.testing.InMemoryPartyDirectory;

/** The services of this node in the hubclientinfo list, and the pushes when they start and stop. */
public class ServiceClientInfosTest {

    private static final PartyId SRV = PartyId.of("CH", "SRV");
    private static final RunningService SETTLEMENT = new RunningService(new ServiceDescriptor(SRV, "Settlement", "",
            Set.of(), List.of()), request -> null, "0x2932b7A2355D6fecc4b5c0B6BD44cC31df247a2e");

    /** Records what would be pushed. */
    private final List<String> pushed = new ArrayList<>();
    private final ClientInfoPusher pusher = new ClientInfoPusher() {
        @Override
        void push(PartyDirectory directory, List<ClientInfo> infos, long exceptPlatformId) {
            infos.forEach(i -> pushed.add(i.party() + " " + i.role() + " " + i.status() + " except " + exceptPlatformId));
        }
    };

    @After
    public void stopPusher() throws InterruptedException {
        pusher.deactivate();
    }

    @Test
    public void aServiceIsAConnectedPartyWithRoleOtherWhileItRunsAndIsPushedWhenItStartsAndStops() {
        ServiceClientInfos services = new ServiceClientInfos(new InMemoryPartyDirectory(), pusher);
        Instant started = Instant.now();
        services.serviceStarted(SETTLEMENT, started);
        assertEquals(List.of(new ClientInfo(SRV, Role.OTHER, ConnectionStatus.CONNECTED, started)), services.infos());
        assertTrue(services.isRunning(SRV));
        services.serviceStarted(SETTLEMENT, started);
        assertEquals("a replacement is no news", List.of("CH/SRV OTHER CONNECTED except -1"), pushed);

        Instant stopped = started.plusSeconds(1);
        services.serviceStopped(SETTLEMENT, stopped);
        assertEquals(List.of(new ClientInfo(SRV, Role.OTHER, ConnectionStatus.SUSPENDED, stopped)), services.infos());
        assertFalse(services.isRunning(SRV));
        assertEquals(List.of("CH/SRV OTHER CONNECTED except -1", "CH/SRV OTHER SUSPENDED except -1"), pushed);
    }

    @Test
    public void servicesThatRanBeforeThisComponentStartedAreListedWithoutAPush() {
        ServiceClientInfos services = new ServiceClientInfos(new InMemoryPartyDirectory(), pusher);
        services.serviceStarted(SETTLEMENT, Instant.now().minusSeconds(60));
        assertTrue(services.isRunning(SRV));
        assertEquals(List.of(), pushed);
    }
}
