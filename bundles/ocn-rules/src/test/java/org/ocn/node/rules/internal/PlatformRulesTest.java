package org.ocn.node.rules.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Optional;

import org.junit.Test;
import org.ocn.node.api.ocpi.PartyId;

/** What the rules let through, and which changes they refuse. */
public class PlatformRulesTest {

    static final PartyId CPO = PartyId.of("CH", "CPO");
    static final PartyId MSP = PartyId.of("DE", "MSP");
    static final PartyId TWO = PartyId.of("NL", "TWO");

    static RuleEntry entry(PartyId party, String... modules) throws RulesViolation {
        return RuleEntry.of(party, List.of(modules), "test");
    }

    @Test
    public void withoutRulesEverythingPasses() {
        assertEquals(Optional.empty(), PlatformRules.NONE.refusal(CPO, MSP, "locations"));
        assertTrue(PlatformRules.NONE.mayKnowOf(MSP));
        assertFalse(PlatformRules.NONE.signatures());
        assertTrue(PlatformRules.NONE.isDefault());
    }

    @Test
    public void aWhitelistLetsThroughOnlyItsPartiesAndOnlyForTheirModules() throws Exception {
        PlatformRules rules = PlatformRules.NONE.replace(RuleList.WHITELIST, List.of(entry(MSP, "locations", "Tariffs")));
        assertEquals(Optional.empty(), rules.refusal(CPO, MSP, "locations"));
        assertEquals("modules compare case-insensitively", Optional.empty(), rules.refusal(CPO, MSP, "TARIFFS"));
        assertEquals(Optional.of("Sender DE/MSP is on the whitelist of CH/CPO but not for module sessions"),
                rules.refusal(CPO, MSP, "sessions"));
        assertEquals(Optional.of("Sender NL/TWO is not on the whitelist of CH/CPO for module locations"),
                rules.refusal(CPO, TWO, "locations"));
        assertTrue(rules.mayKnowOf(MSP));
        assertFalse("an active whitelist hides the parties not on it", rules.mayKnowOf(TWO));
    }

    @Test
    public void aBlacklistRefusesItsPartiesOnlyForTheListedModules() throws Exception {
        PlatformRules rules = PlatformRules.NONE.add(RuleList.BLACKLIST, entry(MSP, "locations"));
        assertTrue(rules.isActive(RuleList.BLACKLIST));
        assertEquals("the message names the module as asked", Optional.of("Sender DE/MSP is on the blacklist of CH/CPO for module Locations"),
                rules.refusal(CPO, MSP, "Locations"));
        assertEquals("v1 blocked every module: not here", Optional.empty(), rules.refusal(CPO, MSP, "sessions"));
        assertEquals(Optional.empty(), rules.refusal(CPO, TWO, "locations"));
        assertTrue("a blacklist hides no one", rules.mayKnowOf(MSP));
    }

    @Test
    public void blockAllRefusesEverySenderAndHidesEveryone() throws Exception {
        PlatformRules rules = PlatformRules.NONE.add(RuleList.WHITELIST, entry(MSP, "locations")).blockAll();
        assertTrue(rules.isActive(RuleList.WHITELIST));
        assertEquals(List.of(), rules.entries());
        assertTrue(rules.refusal(CPO, MSP, "locations").orElseThrow().contains("block-all"));
        assertTrue(rules.refusal(CPO, TWO, "my-module").isPresent());
        assertFalse(rules.mayKnowOf(MSP));
    }

    @Test
    public void theTwoListsAreNeverActiveTogether() throws Exception {
        PlatformRules black = PlatformRules.NONE.add(RuleList.BLACKLIST, entry(MSP, "locations"));
        for (Change change : List.<Change>of(PlatformRules::blockAll,
                r -> r.add(RuleList.WHITELIST, entry(TWO, "locations")),
                r -> r.replace(RuleList.WHITELIST, List.of(entry(TWO, "locations"))),
                r -> r.replace(RuleList.WHITELIST, List.of()))) {
            try {
                change.apply(black);
                fail("the whitelist changed while the blacklist is active");
            } catch (RulesViolation expected) {
                assertTrue(expected.getMessage(), expected.getMessage().contains("cannot be active at the same time"));
            }
        }
        PlatformRules white = PlatformRules.NONE.blockAll();
        try {
            white.add(RuleList.BLACKLIST, entry(MSP, "locations"));
            fail("the blacklist changed while the whitelist is active");
        } catch (RulesViolation expected) {
            assertTrue(expected.getMessage(), expected.getMessage().startsWith("Cannot add to the blacklist while the whitelist is active"));
        }
    }

    private interface Change {
        PlatformRules apply(PlatformRules rules) throws RulesViolation;
    }

    @Test
    public void replacingWithAnEmptyListSwitchesItOffAndKeepsTheSignaturesToggle() throws Exception {
        PlatformRules rules = PlatformRules.NONE.withSignatures(true)
                .replace(RuleList.BLACKLIST, List.of(entry(MSP, "locations"), entry(TWO, "cdrs")));
        assertEquals(2, rules.list(RuleList.BLACKLIST).size());
        assertEquals(List.of(), rules.list(RuleList.WHITELIST));
        PlatformRules off = rules.replace(RuleList.BLACKLIST, List.of());
        assertNull(off.active());
        assertTrue(off.signatures());
        assertEquals(PlatformRules.NONE, off.withSignatures(false));
    }

    @Test
    public void aPartyIsOnAListOnce() throws Exception {
        PlatformRules rules = PlatformRules.NONE.add(RuleList.WHITELIST, entry(MSP, "locations"));
        try {
            rules.add(RuleList.WHITELIST, entry(PartyId.of("de", "msp"), "sessions"));
            fail("duplicate accepted");
        } catch (RulesViolation expected) {
            assertTrue(expected.getMessage(), expected.getMessage().startsWith("DE/MSP is already on the whitelist"));
        }
        try {
            PlatformRules.NONE.replace(RuleList.WHITELIST, List.of(entry(MSP, "locations"), entry(TWO, "cdrs"),
                    entry(MSP, "sessions")));
            fail("duplicate accepted");
        } catch (RulesViolation expected) {
            assertEquals("[2]: DE/MSP is listed twice; list each party once with all its modules", expected.getMessage());
        }
    }

    @Test
    public void removingTheLastEntrySwitchesTheListOff() throws Exception {
        PlatformRules rules = PlatformRules.NONE.add(RuleList.WHITELIST, entry(MSP, "locations"))
                .add(RuleList.WHITELIST, entry(TWO, "locations"));
        PlatformRules one = rules.remove(RuleList.WHITELIST, MSP);
        assertEquals(List.of(entry(TWO, "locations")), one.entries());
        assertSame(RuleList.WHITELIST, one.active());
        assertEquals(PlatformRules.NONE, one.remove(RuleList.WHITELIST, TWO));
        try {
            one.remove(RuleList.WHITELIST, MSP);
            fail("unknown entry removed");
        } catch (RulesViolation expected) {
            assertEquals("DE/MSP is not on the whitelist", expected.getMessage());
        }
        try {
            one.remove(RuleList.BLACKLIST, TWO);
            fail("entry removed from the inactive list");
        } catch (RulesViolation expected) {
            assertEquals("NL/TWO is not on the blacklist (the blacklist is not active)", expected.getMessage());
        }
    }

    @Test
    public void anEntryNamesAtLeastOneModuleAndEachOnce() {
        for (List<String> modules : List.of(List.<String>of(), List.of("locations", "LOCATIONS"), List.of(""),
                List.of("my module"), List.of("x".repeat(65)))) {
            try {
                RuleEntry.of(MSP, modules, "body");
                fail("accepted " + modules);
            } catch (RulesViolation expected) {
                assertTrue(expected.getMessage(), expected.getMessage().startsWith("body.modules"));
            }
        }
    }
}
