package org.ocn.node.rules.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.store.testing.TemporaryDerby;

/** Rules on a real Derby database: they survive a reopen, a refused change leaves nothing behind, drops are real. */
public class RulesBookTest {

    @Rule
    public TemporaryDerby derby = new TemporaryDerby();

    private static final PartyId MSP = PartyId.of("DE", "MSP");
    private static final PartyId TWO = PartyId.of("NL", "TWO");

    @Test
    public void rulesSurviveAReopenWithTheirOrder() throws Exception {
        RulesBook book = new RulesBook(derby.dataSource());
        PlatformRules stored = book.change(7, r -> r.withSignatures(true).replace(RuleList.WHITELIST, List.of(
                new RuleEntry(TWO, List.of("tokens", "Custom-1")), new RuleEntry(MSP, List.of("locations")))));
        book.change(8, PlatformRules::blockAll);
        book.change(9, r -> r.add(RuleList.BLACKLIST, new RuleEntry(MSP, List.of("cdrs"))));

        RulesBook reopened = new RulesBook(derby.dataSource());
        assertEquals(stored, reopened.rules(7));
        assertEquals(List.of(TWO, MSP), reopened.rules(7).entries().stream().map(RuleEntry::party).toList());
        assertEquals(new PlatformRules(false, RuleList.WHITELIST, List.of()), reopened.rules(8));
        assertEquals(new PlatformRules(false, RuleList.BLACKLIST, List.of(new RuleEntry(MSP, List.of("cdrs")))),
                reopened.rules(9));
        assertEquals(PlatformRules.NONE, reopened.rules(10));
        assertEquals(3, reopened.size());
    }

    @Test
    public void aRefusedChangeLeavesTheRulesAsTheyWere() throws Exception {
        RulesBook book = new RulesBook(derby.dataSource());
        PlatformRules before = book.change(1, r -> r.add(RuleList.BLACKLIST, new RuleEntry(MSP, List.of("cdrs"))));
        try {
            book.change(1, PlatformRules::blockAll);
            fail("block-all accepted while the blacklist is active");
        } catch (RulesViolation expected) {
            // nothing changed
        }
        assertEquals(before, book.rules(1));
        assertEquals(before, new RulesBook(derby.dataSource()).rules(1));
    }

    @Test
    public void defaultRulesAndDroppedPlatformsLeaveNoRows() throws Exception {
        RulesBook book = new RulesBook(derby.dataSource());
        book.change(1, r -> r.withSignatures(true));
        book.change(1, r -> r.withSignatures(false));
        book.change(2, r -> r.add(RuleList.WHITELIST, new RuleEntry(MSP, List.of("cdrs", "tokens"))));
        book.change(3, r -> r.add(RuleList.WHITELIST, new RuleEntry(TWO, List.of("cdrs"))));
        assertEquals(2, rows("OCN_RULES"));
        book.drop(2);
        assertEquals(PlatformRules.NONE, book.rules(2));
        book.keepOnly(List.of(1L, 4L));
        assertEquals(0, book.size());
        assertEquals(0, rows("OCN_RULES"));
        assertEquals("entries and modules go with their platform", 0, rows("OCN_RULES_ENTRY") + rows("OCN_RULES_MODULE"));
        assertTrue(new RulesBook(derby.dataSource()).rules(3).isDefault());
    }

    private int rows(String table) throws Exception {
        try (Connection c = derby.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
