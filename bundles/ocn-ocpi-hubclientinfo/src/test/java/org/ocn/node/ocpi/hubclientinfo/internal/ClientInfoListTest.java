package org.ocn.node.ocpi.hubclientinfo.internal;

import static org.junit.Assert.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.Test;
import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.ocpi.hubclientinfo.internal.ClientInfos.ClientInfo;
import org.ocn.node.parties.Platform;
import org.ocn.node.parties.testing.InMemoryPartyDirectory;

/** The hubclientinfo list: parties of this node and of the network merged, then paginated over the whole. */
public class ClientInfoListTest {

    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    private static Instant t(int seconds) {
        return T.plusSeconds(seconds);
    }

    private static ClientInfo remote(String party, Role role, ConnectionStatus status, int at) {
        return new ClientInfo(PartyId.of(party.split("/")[0], party.split("/")[1]), role, status, t(at));
    }

    private static List<String> shown(List<ClientInfo> infos) {
        return infos.stream().map(i -> i.party() + " " + i.role() + " " + i.status()).toList();
    }

    private static final List<Platform> LOCAL = List.of(
            InMemoryPartyDirectory.platform(1, ConnectionStatus.CONNECTED, "DE/MSP", Role.EMSP, null, t(10)),
            InMemoryPartyDirectory.platform(2, ConnectionStatus.OFFLINE, "CH/CPA", Role.CPO, null, t(20)),
            InMemoryPartyDirectory.platform(3, ConnectionStatus.SUSPENDED, "NL/MOV", Role.CPO, null, t(30)),
            InMemoryPartyDirectory.platform(4, ConnectionStatus.PLANNED, "NL/TOK", Role.CPO, null, t(40)));

    @Test
    public void networkPartiesShowWithTheStatusTheirNodeReported() {
        List<ClientInfo> list = ClientInfos.combined(LOCAL, List.of(
                remote("CH/CPB", Role.CPO, ConnectionStatus.OFFLINE, 5),
                remote("NL/PLN", Role.EMSP, ConnectionStatus.PLANNED, 25)));
        assertEquals(List.of("CH/CPB CPO OFFLINE", "DE/MSP EMSP CONNECTED", "CH/CPA CPO OFFLINE", "NL/PLN EMSP PLANNED",
                "NL/MOV CPO SUSPENDED"), shown(list));
    }

    @Test
    public void aPartyRegisteredHereWinsAndOtherwiseTheLatestNewsWins() {
        List<ClientInfo> list = ClientInfos.combined(LOCAL, List.of(
                // newer, but DE/MSP is registered here: this node knows best
                remote("DE/MSP", Role.EMSP, ConnectionStatus.PLANNED, 50),
                // NL/MOV left this node at 30 and connected to another at 60
                remote("NL/MOV", Role.CPO, ConnectionStatus.CONNECTED, 60),
                // an old report about a party that left this node later
                remote("NL/MOV", Role.EMSP, ConnectionStatus.CONNECTED, 1),
                remote("CH/CPA", Role.CPO, ConnectionStatus.CONNECTED, 70)));
        assertEquals(List.of("NL/MOV EMSP CONNECTED", "DE/MSP EMSP CONNECTED", "CH/CPA CPO OFFLINE",
                "NL/MOV CPO CONNECTED"), shown(list));
    }

    @Test
    public void servicesShowAsThisNodeSeesThemUnlessAPlatformIsConnectedWithTheirIdentity() {
        List<ClientInfo> list = ClientInfos.combined(LOCAL, List.of(
                remote("CH/SRV", Role.OTHER, ConnectionStatus.CONNECTED, 15),
                remote("CH/OLD", Role.OTHER, ConnectionStatus.SUSPENDED, 35),
                // a platform connected here with the service's identity wins
                remote("DE/MSP", Role.EMSP, ConnectionStatus.SUSPENDED, 45)), List.of(
                // newer, but the service runs here: this node knows best
                remote("CH/SRV", Role.OTHER, ConnectionStatus.PLANNED, 50),
                // the service stopped at 35; at 60 another node reported it
                remote("CH/OLD", Role.OTHER, ConnectionStatus.PLANNED, 60)));
        assertEquals(List.of("DE/MSP EMSP CONNECTED", "CH/SRV OTHER CONNECTED", "CH/CPA CPO OFFLINE",
                "NL/MOV CPO SUSPENDED", "CH/OLD OTHER PLANNED"), shown(list));
    }

    @Test
    public void paginationCoversTheCombinedList() {
        List<ClientInfo> all = ClientInfos.combined(LOCAL, List.of(
                remote("CH/CPB", Role.CPO, ConnectionStatus.OFFLINE, 5),
                remote("NL/PLN", Role.EMSP, ConnectionStatus.PLANNED, 25)));
        HubClientInfoServlet.Page.Slice first = new HubClientInfoServlet.Page(null, null, 0, 2).of(all);
        assertEquals(List.of("CH/CPB CPO OFFLINE", "DE/MSP EMSP CONNECTED"), shown(first.items()));
        assertEquals(5, first.total());
        assertEquals(2, first.nextOffset());
        HubClientInfoServlet.Page.Slice last = new HubClientInfoServlet.Page(null, null, 4, 2).of(all);
        assertEquals(List.of("NL/MOV CPO SUSPENDED"), shown(last.items()));
        assertEquals(-1, last.nextOffset());
        HubClientInfoServlet.Page.Slice dated = new HubClientInfoServlet.Page(t(10), t(30), 1, 10).of(all);
        assertEquals("date_from inclusive, date_to exclusive, then the offset",
                List.of("CH/CPA CPO OFFLINE", "NL/PLN EMSP PLANNED"), shown(dated.items()));
        assertEquals(3, dated.total());
        assertEquals(-1, dated.nextOffset());
        assertEquals(List.of(), new HubClientInfoServlet.Page(null, null, 9, 2).of(all).items());
    }
}
