package org.ocn.node.admin.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.util.List;

import org.junit.Test;
import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.Endpoint;
import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.parties.DirectoryException;
import org.ocn.node.parties.testing.InMemoryPartyDirectory;

/** The operator's view of the parties, and the way out for a party that lost its token C. */
public class PartyEntriesTest {

    private static final PartyId MSP = PartyId.of("DE", "MSP");
    private static final PartyId CPO = PartyId.of("CH", "CPO");
    private static final PartyId NEW = PartyId.of("NL", "NEW");

    private final InMemoryPartyDirectory directory = new InMemoryPartyDirectory().with(
            InMemoryPartyDirectory.platform(1, ConnectionStatus.CONNECTED, "DE/MSP", Role.EMSP,
                    "https://msp.example.com/versions", Instant.EPOCH,
                    new Endpoint("cdrs", InterfaceRole.RECEIVER, "https://msp.example.com/cdrs")),
            InMemoryPartyDirectory.platform(2, ConnectionStatus.OFFLINE, "CH/CPO", Role.CPO,
                    "https://cpo.example.com/versions", Instant.EPOCH),
            InMemoryPartyDirectory.platform(3, ConnectionStatus.PLANNED, "NL/NEW", Role.CPO, null, Instant.EPOCH));
    private final PartyEntries entries = new PartyEntries(directory);

    @Test
    public void everyPartyIsListedWithWhatTheOperatorNeeds() {
        List<PartyEntries.PartyEntry> list = entries.list();
        assertEquals(List.of(CPO, MSP, NEW), list.stream().map(PartyEntries.PartyEntry::party).toList());
        PartyEntries.PartyEntry msp = list.get(1);
        assertEquals(List.of(Role.EMSP), msp.roles());
        assertEquals(ConnectionStatus.CONNECTED, msp.status());
        assertEquals("https://msp.example.com/versions", msp.versionsUrl());
        assertEquals("cdrs", msp.endpoints().get(0).identifier());
        assertNull("never seen", msp.lastSeen());
        assertEquals(ConnectionStatus.OFFLINE, list.get(0).status());
        assertEquals("a planned party has no roles yet", List.of(), list.get(2).roles());
        assertEquals(ConnectionStatus.PLANNED, list.get(2).status());
    }

    @Test
    public void unregisteringSuspendsThePartyAndFreesItForANewToken() throws Exception {
        PartyEntries.PartyEntry gone = entries.unregister(MSP).orElseThrow();
        assertEquals(ConnectionStatus.SUSPENDED, gone.status());
        assertEquals(ConnectionStatus.SUSPENDED, entries.find(MSP).orElseThrow().status());
        try {
            entries.unregister(MSP);
            fail("unregistered twice");
        } catch (DirectoryException e) {
            assertEquals(DirectoryException.Reason.WRONG_STATE, e.reason());
        }
        assertFalse(directory.issueRegistrationToken(List.of(MSP)).isBlank());
        assertTrue(entries.unregister(PartyId.of("XX", "UNK")).isEmpty());
    }
}
