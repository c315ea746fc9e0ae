package org.ocn.node.ocpi.hubclientinfo.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.ocpi.hubclientinfo.internal.ClientInfos.ClientInfo;
import org.ocn.node.ocpi.hubclientinfo.internal.NetworkClientInfos.Outcome;
import org.ocn.node.store.testing.TemporaryDerby;

/** The network ClientInfos on a real Derby database, reopened to see what a restart sees. */
public class NetworkClientInfosTest {

    private static final String NODE2 = "0x627306090abaB3A6e1400e9345bC60c78a8BEf57";
    private static final PartyId CPB = PartyId.of("CH", "CPB");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Rule
    public TemporaryDerby derby = new TemporaryDerby();

    private static ClientInfo info(ConnectionStatus status, Instant at) {
        return new ClientInfo(CPB, Role.CPO, status, at);
    }

    @Test
    public void reportsAreKeptPerPartyAndRoleAndSurviveARestart() throws Exception {
        NetworkClientInfos store = new NetworkClientInfos(derby.dataSource());
        assertEquals(Outcome.NEW, store.record(info(ConnectionStatus.CONNECTED, T0), NODE2));
        assertEquals(Outcome.UNCHANGED, store.record(info(ConnectionStatus.CONNECTED, T0.plusSeconds(5)), NODE2));
        assertEquals(Outcome.CHANGED, store.record(info(ConnectionStatus.OFFLINE, T0.plusSeconds(10)), NODE2));
        assertEquals("an older report does not undo a newer one", Outcome.STALE,
                store.record(info(ConnectionStatus.CONNECTED, T0.plusSeconds(7)), NODE2));
        assertEquals(Outcome.NEW, store.record(new ClientInfo(CPB, Role.EMSP, ConnectionStatus.PLANNED, T0), NODE2));

        List<NetworkClientInfos.Reported> all = new NetworkClientInfos(derby.dataSource()).all();
        assertEquals(2, all.size());
        assertEquals("oldest change first", Role.EMSP, all.get(0).info().role());
        assertEquals(new ClientInfo(CPB, Role.CPO, ConnectionStatus.OFFLINE, T0.plusSeconds(10)), all.get(1).info());
        assertEquals(NODE2, all.get(1).reportedBy());
    }

    @Test
    public void removedEntriesAreGoneAfterARestart() throws Exception {
        NetworkClientInfos store = new NetworkClientInfos(derby.dataSource());
        store.record(info(ConnectionStatus.PLANNED, T0), NODE2);
        assertTrue(store.remove(new ClientInfo.Key(CPB, Role.CPO)));
        assertFalse(store.remove(new ClientInfo.Key(CPB, Role.CPO)));
        assertTrue(new NetworkClientInfos(derby.dataSource()).all().isEmpty());
        assertEquals("after removal a report is new again", Outcome.NEW,
                store.record(info(ConnectionStatus.CONNECTED, T0), NODE2));
    }

    @Test
    public void onlyNewAndChangedStatusesAreNews() {
        assertTrue(Outcome.NEW.isNews());
        assertTrue(Outcome.CHANGED.isNews());
        assertFalse(Outcome.UNCHANGED.isNews());
        assertFalse(Outcome.STALE.isNews());
    }
}
