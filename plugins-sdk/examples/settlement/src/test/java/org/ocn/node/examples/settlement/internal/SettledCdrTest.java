package org.ocn.node.examples.settlement.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.ocn.node.api.ocpi.PartyId;

import com.fasterxml.jackson.databind.node.ObjectNode;

public class SettledCdrTest {

    private static final PartyId CPO = PartyId.of("BE", "BEC");
    private static final PartyId EMSP = PartyId.of("DE", "MSP");

    @Test
    public void readsTheSpecificationsExampleWithItsAmountsAsWritten() {
        SettledCdr cdr = SettledCdr.read(CPO, EMSP, Cdrs.example());
        assertEquals("12345", cdr.cdrId());
        assertEquals("EUR", cdr.currency());
        assertEquals("15.342", cdr.energyKwh().toPlainString());
        assertEquals("the scale is kept: 4.00, not 4 nor 4.0", "4.00", cdr.costExclVat().toPlainString());
        assertEquals("4.40", cdr.costInclVat().toPlainString());
        assertEquals(CPO, cdr.cpo());
        assertEquals(EMSP, cdr.emsp());
    }

    @Test
    public void inclVatIsOptionalAndTheCurrencyIsUpperCased() {
        SettledCdr cdr = SettledCdr.read(CPO, EMSP, Cdrs.read(Cdrs.cdr("A1", "chf", "7", "1.5", null)));
        assertNull(cdr.costInclVat());
        assertEquals("CHF", cdr.currency());
        assertEquals("7", cdr.energyKwh().toPlainString());
        ObjectNode explicitNull = Cdrs.example();
        ((ObjectNode) explicitNull.get("total_cost")).putNull("incl_vat");
        assertNull(SettledCdr.read(CPO, EMSP, explicitNull).costInclVat());
    }

    @Test
    public void malformedCdrsAreRefusedNamingTheField() {
        assertMalformed("id", Cdrs.example().without("id"));
        assertMalformed("id", Cdrs.example().put("id", "x".repeat(40)));
        assertMalformed("currency", Cdrs.example().put("currency", "EURO"));
        assertMalformed("currency", Cdrs.example().put("currency", 978));
        assertMalformed("total_energy", Cdrs.example().put("total_energy", "15.342"));
        assertMalformed("total_cost", Cdrs.example().without("total_cost"));
        ObjectNode textAmount = Cdrs.example();
        ((ObjectNode) textAmount.get("total_cost")).put("excl_vat", "4.00");
        assertMalformed("excl_vat", textAmount);
        assertMalformed("digits", (ObjectNode) Cdrs.read(Cdrs.cdr("A2", "EUR", "1e60", "1", "1")));
        IllegalArgumentException notAnObject = assertThrows(IllegalArgumentException.class,
                () -> SettledCdr.read(CPO, EMSP, Cdrs.read("[1, 2]")));
        assertTrue(notAnObject.getMessage().contains("not a JSON object"));
    }

    private static void assertMalformed(String field, ObjectNode cdr) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SettledCdr.read(CPO, EMSP, cdr));
        assertTrue(e.getMessage(), e.getMessage().contains(field));
    }
}
