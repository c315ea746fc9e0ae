package org.ocn.node.ocpi.hubclientinfo.internal;

import static org.junit.Assert.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.Test;
import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.ocpi.hubclientinfo.internal.ClientInfos.ClientInfo;
import org.ocn.node.ocpi.hubclientinfo.internal.NetworkClientInfos.Reported;
import org.ocn.node.registry.PartyListing;

/** Which parties the planned-party search finds, and which PLANNED entries it drops. */
public class PlannedPartySearchTest {

    private static final String ME = "0xf17f52151EbEF6C7334FAD080c5704D77216b732";
    private static final String OTHER_NODE = "0xC5fdf4076b8F3A5357c5E395ab970B5B54098Fef";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final PartyId PLN = PartyId.of("NL", "PLN");
    private static final PartyId MSP = PartyId.of("DE", "MSP");
    private static final PartyId CPB = PartyId.of("CH", "CPB");

    private static PartyListing listing(PartyId party, String operator, Role... roles) {
        return new PartyListing(party, Set.of(roles), "http://node", operator, "0x1");
    }

    private static Reported planned(PartyId party, Role role, String by) {
        return new Reported(new ClientInfo(party, role, ConnectionStatus.PLANNED, NOW.minusSeconds(60)), by);
    }

    @Test
    public void partiesListedHereThatNeverRegisteredArePlannedOncePerRole() {
        PlannedPartySearch.Plan plan = PlannedPartySearch.plan(List.of(
                listing(PLN, ME.toLowerCase(), Role.EMSP, Role.CPO),
                listing(MSP, ME, Role.EMSP),
                listing(CPB, OTHER_NODE, Role.CPO),
                listing(PartyId.of("XX", "LOC"), null, Role.CPO)),
                ME, MSP::equals, List.of(), NOW);
        assertEquals(List.of(new ClientInfo(PLN, Role.CPO, ConnectionStatus.PLANNED, NOW),
                new ClientInfo(PLN, Role.EMSP, ConnectionStatus.PLANNED, NOW)), plan.found());
        assertEquals(List.of(), plan.gone());
    }

    @Test
    public void aPartyPlannedAlreadyIsNotNewsAgain() {
        PlannedPartySearch.Plan plan = PlannedPartySearch.plan(List.of(listing(PLN, ME, Role.EMSP)), ME, p -> false,
                List.of(planned(PLN, Role.EMSP, ME.toLowerCase())), NOW);
        assertEquals(List.of(), plan.found());
        assertEquals(List.of(), plan.gone());
        PlannedPartySearch.Plan reportedByAnother = PlannedPartySearch.plan(List.of(listing(PLN, ME, Role.EMSP)), ME,
                p -> false, List.of(new Reported(new ClientInfo(PLN, Role.EMSP, ConnectionStatus.SUSPENDED, NOW), OTHER_NODE)),
                NOW);
        assertEquals("it moved here from another node", 1, reportedByAnother.found().size());
    }

    @Test
    public void plannedEntriesGoWhenThePartyRegisteredLeftOrMoved() {
        PlannedPartySearch.Plan plan = PlannedPartySearch.plan(
                List.of(listing(MSP, ME, Role.EMSP), listing(CPB, OTHER_NODE, Role.CPO)),
                ME, MSP::equals,
                List.of(planned(MSP, Role.EMSP, ME), planned(CPB, Role.CPO, ME), planned(PLN, Role.EMSP, ME),
                        planned(PartyId.of("FR", "OTH"), Role.CPO, OTHER_NODE)),
                NOW);
        assertEquals(List.of(), plan.found());
        assertEquals("registered here, listed elsewhere, gone from the registry; another node's entry stays",
                List.of(new ClientInfo.Key(MSP, Role.EMSP), new ClientInfo.Key(CPB, Role.CPO),
                        new ClientInfo.Key(PLN, Role.EMSP)), plan.gone());
    }
}
