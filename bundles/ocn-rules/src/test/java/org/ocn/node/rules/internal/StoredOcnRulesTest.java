package org.ocn.node.rules.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.parties.Platform;
import org.ocn.node.store.testing.TemporaryDerby;
import org.ocn.node.parties.testing.InMemoryPartyDirectory;

/** The service as the router sees it: rules of the recipient's platform, applying to all its parties. */
public class StoredOcnRulesTest {

    @Rule
    public TemporaryDerby derby = new TemporaryDerby();

    private static final PartyId CPO = PartyId.of("CH", "CPO");
    private static final PartyId CP2 = PartyId.of("CH", "CP2");
    private static final PartyId MSP = PartyId.of("DE", "MSP");
    private static final PartyId TWO = PartyId.of("NL", "TWO");

    private final InMemoryPartyDirectory directory = new InMemoryPartyDirectory();

    /** Puts in a platform with this status hosting these parties (as CPOs) and returns it. */
    private Platform add(long id, ConnectionStatus status, PartyId... parties) {
        Platform p = InMemoryPartyDirectory.platform(id, status, parties);
        directory.with(p);
        return p;
    }
    private RulesBook book;
    private StoredOcnRules rules;

    @Before
    public void setUp() throws Exception {
        Platform cpo = add(1, ConnectionStatus.CONNECTED, CPO, CP2);
        add(2, ConnectionStatus.CONNECTED, MSP);
        book = new RulesBook(derby.dataSource());
        book.change(cpo.id(), r -> r.withSignatures(true).add(RuleList.WHITELIST,
                new RuleEntry(MSP, List.of("locations"))));
        rules = new StoredOcnRules(directory, book);
    }

    @Test
    public void theRecipientsPlatformRulesApplyToEachOfItsParties() {
        for (PartyId recipient : List.of(CPO, CP2, PartyId.of("ch", "cp2"))) {
            assertEquals(Optional.empty(), rules.refusal(recipient, PartyId.of("de", "msp"), "LOCATIONS"));
            assertEquals(Optional.of("Sender DE/MSP is on the whitelist of " + recipient + " but not for module cdrs"),
                    rules.refusal(recipient, MSP, "cdrs"));
            assertEquals(Optional.of("Sender NL/TWO is not on the whitelist of " + recipient + " for module locations"),
                    rules.refusal(recipient, TWO, "locations"));
            assertTrue(rules.signaturesRequired(recipient));
            assertTrue(rules.mayKnowOf(recipient, MSP));
            assertFalse(rules.mayKnowOf(recipient, TWO));
            assertTrue("a party always knows of itself", rules.mayKnowOf(recipient, recipient));
        }
    }

    @Test
    public void aPlatformWithoutRulesAndAnUnknownRecipientLetEverythingThrough() {
        assertEquals(Optional.empty(), rules.refusal(MSP, TWO, "locations"));
        assertFalse(rules.signaturesRequired(MSP));
        assertTrue(rules.mayKnowOf(MSP, TWO));
        PartyId stranger = PartyId.of("FR", "XYZ");
        assertEquals(Optional.empty(), rules.refusal(stranger, TWO, "locations"));
        assertFalse(rules.signaturesRequired(stranger));
        assertTrue(rules.mayKnowOf(stranger, TWO));
    }

    @Test
    public void aPlatformThatLeftHasNoRulesAndTheyAreDropped() throws Exception {
        Platform before = directory.platforms().get(0);
        Platform after = add(1, ConnectionStatus.SUSPENDED, CPO, CP2);
        assertEquals("not hosted here any more: no rules", Optional.empty(), rules.refusal(CPO, TWO, "locations"));
        new RulesCleanup(book).platformChanged(directory, before, after);
        assertTrue(book.rules(1).isDefault());
        assertTrue(new RulesBook(derby.dataSource()).rules(1).isDefault());
    }

    @Test
    public void aCredentialsUpdateKeepsTheRules() {
        Platform before = directory.platforms().get(0);
        new RulesCleanup(book).platformChanged(directory, before, add(1, ConnectionStatus.CONNECTED, CPO));
        assertTrue(book.rules(1).signatures());
    }

    @Test
    public void atStartTheRulesOfPlatformsThatLeftMeanwhileAreDropped() throws Exception {
        book.change(2, r -> r.withSignatures(true));
        add(2, ConnectionStatus.SUSPENDED, MSP);
        new StoredOcnRules(directory, book);
        assertTrue(book.rules(2).isDefault());
        assertTrue(book.rules(1).signatures());
    }
}
