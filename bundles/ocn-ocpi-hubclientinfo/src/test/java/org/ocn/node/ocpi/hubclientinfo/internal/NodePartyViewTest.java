package org.ocn.node.ocpi.hubclientinfo.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.ocpi.hubclientinfo.internal.ClientInfos.ClientInfo;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.registry.Admission;
import org.ocn.node.registry.NetworkRegistry;
import org.ocn.node.registry.NodeListing;
import org.ocn.node.registry.PartyListing;
import org.ocn.node.services.RunningService;
import org.ocn.node.spi.parties.PartyInfo;
import org.ocn.node.spi.parties.PartyInfo.Where;
import org.ocn.node.spi.services.ServiceDescriptor;
import org.ocn.node.store.testing.TemporaryDerby;
import org.ocn.node.parties.testing.InMemoryPartyDirectory;

/** The plugins' view of the parties: what the hubclientinfo list shows, per party, with where each one is. */
public class NodePartyViewTest {

    private static final String OWN_URL = "http://node-a.example";
    private static final String OTHER_URL = "http://node-b.example";
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final PartyId CPO = PartyId.of("CH", "CPO");
    private static final PartyId MSP = PartyId.of("DE", "MSP");
    private static final PartyId REMOTE = PartyId.of("NL", "RMT");
    private static final PartyId SRV = PartyId.of("CH", "STL");

    @Rule
    public TemporaryDerby derby = new TemporaryDerby();

    private final ClientInfoPusher pusher = new ClientInfoPusher() {
        @Override
        void push(PartyDirectory directory, List<ClientInfo> infos, long exceptPlatformId) {
        }
    };

    @After
    public void stopPusher() throws InterruptedException {
        pusher.deactivate();
    }

    @Test
    public void partiesHereServicesPlannedAndOfOtherNodesAreShownOncePerPartyWithAllTheirRoles() throws Exception {
        InMemoryPartyDirectory directory = new InMemoryPartyDirectory().with(
                InMemoryPartyDirectory.platform(1, ConnectionStatus.CONNECTED, "CH/CPO", Role.CPO, "http://cpo", T0),
                InMemoryPartyDirectory.platform(2, ConnectionStatus.OFFLINE, "DE/MSP", Role.EMSP, "http://msp", T0),
                InMemoryPartyDirectory.platform(3, ConnectionStatus.PLANNED, "FR/PLN", Role.CPO, null, T0));
        NetworkClientInfos network = new NetworkClientInfos(derby.dataSource());
        network.record(new ClientInfo(REMOTE, Role.CPO, ConnectionStatus.CONNECTED, T0), "0xnodeB");
        network.record(new ClientInfo(REMOTE, Role.EMSP, ConnectionStatus.OFFLINE, T0.plusSeconds(5)), "0xnodeB");
        // an old report about a party connected here now: this node's own view wins
        network.record(new ClientInfo(CPO, Role.CPO, ConnectionStatus.SUSPENDED, T0.minusSeconds(60)), "0xnodeB");
        ServiceClientInfos services = new ServiceClientInfos(directory, pusher);
        services.serviceStarted(new RunningService(new ServiceDescriptor(SRV, "Settlement", "", Set.of(), List.of()),
                request -> null, "0x2932b7A2355D6fecc4b5c0B6BD44cC31df247a2e"), T0);

        NodePartyView view = new NodePartyView(directory, network, services, OWN_URL);
        view.setRegistry(registry(new PartyListing(REMOTE, Set.of(Role.CPO, Role.EMSP), OTHER_URL, "0xnodeB", "0xr")));

        List<PartyInfo> all = view.parties();
        assertEquals(List.of(
                new PartyInfo(CPO, Set.of(Role.CPO), ConnectionStatus.CONNECTED, Where.THIS_NODE, OWN_URL),
                new PartyInfo(SRV, Set.of(Role.OTHER), ConnectionStatus.CONNECTED, Where.SERVICE, OWN_URL),
                new PartyInfo(MSP, Set.of(Role.EMSP), ConnectionStatus.OFFLINE, Where.THIS_NODE, OWN_URL),
                new PartyInfo(PartyId.of("FR", "PLN"), Set.of(), ConnectionStatus.PLANNED, Where.THIS_NODE, OWN_URL),
                new PartyInfo(REMOTE, Set.of(Role.CPO, Role.EMSP), ConnectionStatus.OFFLINE, Where.OTHER_NODE,
                        OTHER_URL)), all);
        assertEquals(Optional.of(all.get(4)), view.party(REMOTE));
        assertTrue(view.party(PartyId.of("XX", "NON")).isEmpty());

        // the service stops: still known, suspended; without a registry a remote party's node is unknown
        services.serviceStopped(new RunningService(new ServiceDescriptor(SRV, "Settlement", "", Set.of(), List.of()),
                request -> null, "0x2932b7A2355D6fecc4b5c0B6BD44cC31df247a2e"), T0.plusSeconds(9));
        view.setRegistry(null);
        assertEquals(ConnectionStatus.SUSPENDED, view.party(SRV).orElseThrow().status());
        assertEquals(Where.SERVICE, view.party(SRV).orElseThrow().where());
        assertEquals("", view.party(REMOTE).orElseThrow().nodeUrl());
    }

    /** A registry that lists these parties (in memory). */
    private static NetworkRegistry registry(PartyListing... listings) {
        return new NetworkRegistry() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public Admission admit(org.ocn.node.api.ocpi.CredentialsRole role, Set<PartyId> namedWhenIssued) {
                // the local registry's rule: a token admits the parties named when it was issued
                return namedWhenIssued.contains(role.party()) ? Admission.granted()
                        : Admission.refused(role.party() + " was not named when the token was issued");
            }

            @Override
            public Optional<PartyListing> findParty(PartyId party) {
                return List.of(listings).stream().filter(l -> l.party().equals(party)).findFirst();
            }

            @Override
            public List<NodeListing> nodes() {
                return List.of();
            }
        };
    }
}
