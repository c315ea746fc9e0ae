package org.ocn.node.router.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.ocn.node.store.testing.TemporaryDerby;
import org.ocn.node.api.ocpi.PartyId;

/** Proxies on a real Derby database in a folder: kept across a restart, expiring as configured. */
public class ProxyStoreTest {

    private static final PartyId CPO = PartyId.of("CH", "CPO");
    private static final PartyId MSP = PartyId.of("DE", "MSP");

    @Rule
    public TemporaryDerby derby = new TemporaryDerby();

    private EmbeddedDataSource ds;

    @Before
    public void open() {
        ds = derby.dataSource();
    }

    @Test
    public void proxiesSurviveARestartAndEndWithTheirPagination() throws Exception {
        ProxyStore store = new ProxyStore(ds);
        Instant dayLater = Instant.now().plus(1, ChronoUnit.DAYS);
        Proxy page1 = store.create(Proxy.Kind.PAGE, CPO, MSP, "https://cpo/l?offset=50", "chain-1", dayLater);
        Proxy page2 = store.create(Proxy.Kind.PAGE, CPO, MSP, "https://cpo/l?offset=100", "chain-1", dayLater);
        Proxy location = store.create(Proxy.Kind.LOCATION, MSP, CPO, "https://msp/cdrs/1", null, dayLater);

        ProxyStore reopened = new ProxyStore(ds);
        assertEquals(3, reopened.size());
        assertEquals("https://cpo/l?offset=50", reopened.find(page1.id(), Proxy.Kind.PAGE).orElseThrow().targetUrl());
        assertEquals(MSP, reopened.find(page1.id(), Proxy.Kind.PAGE).orElseThrow().user());
        assertFalse("a proxy answers only for its kind", reopened.find(location.id(), Proxy.Kind.PAGE).isPresent());

        // the last page was read: the chain's links expire (here: at once); others are untouched
        reopened.endChain("chain-1", Instant.now().minusSeconds(1));
        assertFalse(reopened.find(page2.id(), Proxy.Kind.PAGE).isPresent());
        assertTrue(reopened.find(location.id(), Proxy.Kind.LOCATION).isPresent());
        assertEquals(2, reopened.removeExpired(Instant.now()));
        assertEquals(1, new ProxyStore(ds).size());
    }
}
