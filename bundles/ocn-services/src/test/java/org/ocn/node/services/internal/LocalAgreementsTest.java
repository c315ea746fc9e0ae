package org.ocn.node.services.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.store.testing.TemporaryDerby;

/** Agreements made through the admin API: kept in Derby, read from memory, the same after a restart. */
public class LocalAgreementsTest {

    private static final PartyId MSP = PartyId.of("DE", "MSP");
    private static final PartyId CPO = PartyId.of("CH", "CPO");
    private static final PartyId STL = PartyId.of("CH", "STL");
    private static final PartyId GEC = PartyId.of("CH", "GEC");

    @Rule
    public TemporaryDerby derby = new TemporaryDerby();

    @Test
    public void agreementsAreMadeOnceEndedAndSurviveARestart() throws Exception {
        LocalAgreements agreements = new LocalAgreements(derby.dataSource());
        assertEquals(List.of(), agreements.all());
        LocalAgreements.Agreement made = agreements.add(MSP, STL);
        assertNotNull(made);
        assertNull("the same agreement twice", agreements.add(MSP, STL));
        agreements.add(MSP, GEC);
        agreements.add(CPO, STL);
        assertEquals(List.of(STL, GEC), agreements.servicesOf(MSP));
        assertEquals(List.of(STL), agreements.servicesOf(CPO));

        LocalAgreements afterRestart = new LocalAgreements(derby.dataSource());
        assertEquals(agreements.all(), afterRestart.all());
        assertEquals(made, afterRestart.all().get(0));

        assertTrue(afterRestart.remove(MSP, STL));
        assertFalse("already ended", afterRestart.remove(MSP, STL));
        assertEquals(List.of(GEC), afterRestart.servicesOf(MSP));
        assertEquals(List.of(GEC), new LocalAgreements(derby.dataSource()).servicesOf(MSP));
    }
}
