package org.ocn.node.registry.chain.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.registry.chain.testing.LocalChain;

/**
 * Listings read from the contracts ahead of the index, on a real local chain: a party that lists itself after the
 * index was read is found at once, stays found when a sync that started before the read lands, and a party that is
 * not listed is asked for again only after a second; an unreachable chain is reported to a registration and leaves
 * request paths alone for a while.
 */
public class PartyLookupsTest {

    private static final String NODE = LocalChain.KEYS.get(1);
    private static final String OTHER_NODE = LocalChain.KEYS.get(2);
    private static final String CPO = LocalChain.KEYS.get(3);
    private static final String MSP = LocalChain.KEYS.get(4);
    private static LocalChain chain;

    @BeforeClass
    public static void startChain() throws Exception {
        chain = LocalChain.start();
        chain.setNode(NODE, "http://localhost:9001");
        chain.setNode(OTHER_NODE, "http://localhost:9002");
    }

    @AfterClass
    public static void stopChain() throws Exception {
        if (chain != null) {
            chain.close();
        }
    }

    private static RegistryContracts contracts(String url) {
        return new RegistryContracts(new JdkWeb3jService(url, Duration.ofSeconds(5)), chain.registry(),
                chain.permissions());
    }

    @Test
    public void aPartyListedAfterTheIndexWasReadIsFoundAndKept() throws Exception {
        RegistryContracts contracts = contracts(chain.url());
        LiveIndex live = new LiveIndex();
        ChainSync sync = new ChainSync(contracts);
        ChainIndex before = live.synced(sync.full());
        PartyId cpo = PartyId.of("CH", "CPO");
        assertFalse(live.listed(cpo).isPresent());

        String node = LocalChain.address(NODE).toLowerCase();
        chain.setParty(CPO, "CH", "CPO", List.of(5), node); // a CPO listed as OTHER, as real clients do
        PartyLookups lookups = new PartyLookups(contracts, System::currentTimeMillis);
        PartyLookups.Found found = lookups.read(cpo).orElseThrow();
        assertEquals(node, found.party().operator());
        assertEquals(LocalChain.address(CPO).toLowerCase(), found.party().address());
        assertEquals(Set.of(Role.OTHER), found.party().roles());
        assertEquals("http://localhost:9001", found.domain());

        live.found(found);
        assertEquals("http://localhost:9001", live.listed(cpo).orElseThrow().listing().nodeUrl());
        // a sync that read the chain before the listing lands afterwards: the listing stays
        live.synced(before);
        assertTrue("a listing read ahead outlives an older index", live.listed(cpo).isPresent());
        // the next sync reaches the listing's block: the index holds it by itself
        ChainIndex next = live.synced(sync.follow(before));
        assertTrue(next.block() >= found.block());
        assertEquals(node, next.party(cpo).orElseThrow().operator());
    }

    @Test
    public void aPartyNotListedIsAskedForAgainOnlyAfterASecond() throws Exception {
        AtomicLong now = new AtomicLong(1_000_000);
        PartyLookups lookups = new PartyLookups(contracts(chain.url()), now::get);
        PartyId msp = PartyId.of("DE", "MSP");
        assertFalse(lookups.onMiss(msp).isPresent());
        chain.setParty(MSP, "DE", "MSP", List.of(1), LocalChain.address(OTHER_NODE));
        assertFalse("remembered as not listed", lookups.onMiss(msp).isPresent());
        assertTrue("a registration always asks", lookups.read(msp).isPresent());
        now.addAndGet(PartyLookups.NEGATIVE_MILLIS);
        PartyLookups.Found found = lookups.onMiss(msp).orElseThrow();
        assertEquals(LocalChain.address(OTHER_NODE).toLowerCase(), found.party().operator());
        assertEquals("http://localhost:9002", found.domain());
    }

    @Test
    public void anUnreachableChainFailsARegistrationAndQuietsRequestPaths() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        AtomicLong now = new AtomicLong(1_000_000);
        PartyLookups lookups = new PartyLookups(contracts("http://127.0.0.1:" + closed), now::get);
        try {
            lookups.read(PartyId.of("DE", "ABC"));
            fail("read an unreachable chain");
        } catch (IOException expected) {
            // reported, so that the node can say the chain is unreachable rather than "not listed"
        }
        assertFalse(lookups.onMiss(PartyId.of("DE", "ABC")).isPresent());
    }
}
