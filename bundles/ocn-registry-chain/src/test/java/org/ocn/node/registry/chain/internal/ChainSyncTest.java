package org.ocn.node.registry.chain.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.registry.chain.testing.LocalChain;
import org.ocn.node.store.testing.TemporaryDerby;

/** The index against the real contracts on a local chain (anvil), written to by the tests as clients would. */
public class ChainSyncTest {

    private static LocalChain chain;
    private static final String NODE = LocalChain.KEYS.get(1);
    private static final String MSP = LocalChain.KEYS.get(2);
    private static final String CPO = LocalChain.KEYS.get(3);
    private static final String STL = LocalChain.KEYS.get(4);
    private static final String NEW = LocalChain.KEYS.get(5);

    @Rule
    public TemporaryDerby derby = new TemporaryDerby();

    @BeforeClass
    public static void startChain() throws Exception {
        chain = LocalChain.start();
    }

    @AfterClass
    public static void stopChain() throws Exception {
        if (chain != null) {
            chain.close();
        }
    }

    private ChainSync sync() {
        return new ChainSync(new RegistryContracts(new JdkWeb3jService(chain.url(), Duration.ofSeconds(5)),
                chain.registry(), chain.permissions()));
    }

    @Test
    public void contractsAreWhereTheRegistryCliExpectsThem() {
        assertEquals("0x345ca3e014aaf5dca488057592ee47305d9b3e10", chain.registry().toLowerCase());
        assertEquals("0xf25186b5081ff5ce73482ad761db0eb0d25abfbf", chain.permissions().toLowerCase());
    }

    @Test
    public void aFullReadThenEventsKeepTheIndexCurrent() throws Exception {
        String node = LocalChain.address(NODE).toLowerCase();
        chain.setNode(NODE, "http://localhost:9001");
        chain.setParty(MSP, "DE", "MSP", List.of(1), node);
        chain.setParty(CPO, "CH", "CPO", List.of(5), node); // a CPO listed as OTHER, as real clients do
        chain.setParty(STL, "CH", "STL", List.of(5), node);
        chain.setService(STL, "Settlement", "https://settlement.example.com", List.of(7, 8));
        chain.createAgreement(MSP, LocalChain.address(STL));

        ChainSync sync = sync();
        ChainIndex index = sync.full();
        assertEquals("http://localhost:9001", index.domainOf(node).orElseThrow());
        ChainIndex.Party msp = index.party(PartyId.of("DE", "MSP")).orElseThrow();
        assertEquals(Set.of(Role.EMSP), msp.roles());
        assertEquals(node, msp.operator());
        assertEquals(Set.of(Role.OTHER), index.party(PartyId.of("CH", "CPO")).orElseThrow().roles());
        ChainIndex.Service settlement = index.services().get(LocalChain.address(STL).toLowerCase());
        assertEquals("Settlement", settlement.name());
        assertEquals(List.of(7, 8), settlement.permissions());
        assertEquals(Set.of(LocalChain.address(STL).toLowerCase()), index.agreements().get(LocalChain.address(MSP).toLowerCase()));

        assertSame("no new block, same index", index, sync.follow(index));

        // changes come as events: a new party, a revoked agreement, a deleted party, a moved node
        chain.setParty(NEW, "NL", "NEW", List.of(0), node);
        chain.revokeAgreement(MSP, LocalChain.address(STL));
        chain.deleteParty(CPO);
        chain.setNode(NODE, "http://localhost:9002");
        ChainIndex next = sync.follow(index);
        assertTrue(next.block() > index.block());
        assertTrue(next.party(PartyId.of("NL", "NEW")).isPresent());
        assertFalse(next.party(PartyId.of("CH", "CPO")).isPresent());
        assertTrue("a revoked agreement is gone (getUserAgreements still lists it)",
                next.agreements().getOrDefault(LocalChain.address(MSP).toLowerCase(), Set.of()).isEmpty());
        assertEquals("http://localhost:9002", next.domainOf(node).orElseThrow());

        // a full read agrees with the followed index
        ChainIndex again = sync.full();
        assertEquals(next.nodes(), again.nodes());
        assertEquals(next.parties(), again.parties());
        assertEquals(next.services(), again.services());
        assertEquals(next.agreements().getOrDefault(LocalChain.address(MSP).toLowerCase(), Set.of()),
                again.agreements().getOrDefault(LocalChain.address(MSP).toLowerCase(), Set.of()));

        // kept in the store, read back as it was
        IndexStore store = new IndexStore(derby.dataSource());
        Instant at = Instant.now();
        store.save("test-chain", next, at);
        IndexStore.Saved saved = new IndexStore(derby.dataSource()).load("test-chain").orElseThrow();
        assertEquals(next.block(), saved.index().block());
        assertEquals(next.parties(), saved.index().parties());
        assertEquals(next.services(), saved.index().services());
        assertEquals(next.nodes(), saved.index().nodes());
        assertFalse(new IndexStore(derby.dataSource()).load("other-chain").isPresent());
    }
}
