package org.ocn.node.examples.greenenergy.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.ocn.node.api.ocpi.PartyId;

/** The certification tables on a real Derby database on disk. */
public class CertificateStoreTest {

    private static final PartyId ISSUER = PartyId.of("CH", "GEC");
    private static final PartyId CPO = PartyId.of("CH", "CPO");
    private static final PartyId EMSP = PartyId.of("DE", "MSP");
    private static final PartyId OTHER_EMSP = PartyId.of("NL", "MSX");
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00.123Z");

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private DerbyFolder derby;
    private FakeServiceKeys keys;

    @Before
    public void database() throws Exception {
        derby = new DerbyFolder(folder.getRoot().toPath().resolve("db"));
        keys = new FakeServiceKeys(ISSUER);
    }

    @After
    public void shutdown() {
        derby.shutdown();
    }

    private CertificateStore store() throws Exception {
        CertificateStore store = new CertificateStore(derby.open());
        store.open();
        return store;
    }

    private static CertifiedCdr cdr(String id, PartyId emsp) {
        return new CertifiedCdr(CPO, emsp, id, "LOC1", "2026-11-24T08:00:00Z", "2026-11-24T09:00:00Z",
                new BigDecimal("12.50"));
    }

    private Certificate issue(CertifiedCdr cdr, int second) {
        return Certificate.issue("00000000-0000-0000-0000-00000000000" + second, ISSUER, cdr, EnergyMix.NOT_DECLARED,
                T0.plusSeconds(second), keys);
    }

    @Test
    public void pendingCdrsAreKeptUntilCertifiedAndSurviveARestart() throws Exception {
        CertificateStore store = store();
        assertTrue(store.addPending(cdr("1", EMSP)));
        assertFalse("the same CDR twice waits once", store.addPending(cdr("1", EMSP)));
        assertTrue(store.addPending(cdr("2", EMSP)));
        store.attempted(cdr("2", EMSP));
        derby.shutdown();

        CertificateStore reopened = store();
        List<CertificateStore.Pending> pending = reopened.pending();
        assertEquals(2, pending.size());
        assertEquals("1", pending.get(0).cdr().cdrId());
        assertEquals(0, pending.get(0).attempts());
        assertEquals(1, pending.get(1).attempts());
        assertEquals("amounts come back as they were", "12.50", pending.get(1).cdr().energyKwh().toPlainString());
        assertEquals("LOC1", pending.get(1).cdr().locationId());

        reopened.issued(issue(pending.get(0).cdr(), 1));
        assertEquals(1, reopened.pending().size());
        assertFalse("a certified CDR is not certified again", reopened.addPending(cdr("1", EMSP)));
    }

    @Test
    public void certificatesComeBackByteForByteAndOnlyToTheirParties() throws Exception {
        CertificateStore store = store();
        Certificate first = issue(cdr("1", EMSP), 1);
        store.issued(first);
        store.issued(issue(cdr("2", OTHER_EMSP), 2));
        store.issued(issue(cdr("3", EMSP), 3));

        Certificate found = store.find(first.id()).orElseThrow();
        assertEquals(first.json(), found.json());
        assertEquals(first.signature(), found.signature());
        assertEquals(first.signer(), found.signer());
        assertEquals(T0.plusSeconds(1), found.issuedAt());
        assertTrue(keys.verify(found.signedBytes(), found.signature(), found.signer()));

        assertEquals(3, store.countOf(CPO));
        assertEquals(2, store.countOf(EMSP));
        assertEquals(1, store.countOf(OTHER_EMSP));
        assertEquals(0, store.countOf(PartyId.of("FR", "XXX")));
        List<Certificate> page = store.certificatesOf(CPO, 1, 1);
        assertEquals(1, page.size());
        assertEquals("2", page.get(0).cdrId());
        assertEquals(List.of("1", "3"), store.certificatesOf(EMSP, 0, 10).stream().map(Certificate::cdrId).toList());
        assertTrue(store.find("x".repeat(80)).isEmpty());
    }
}
