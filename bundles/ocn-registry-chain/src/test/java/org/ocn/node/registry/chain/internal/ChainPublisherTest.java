package org.ocn.node.registry.chain.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.registry.RegistryPublisher.PublicationException;
import org.ocn.node.registry.chain.testing.LocalChain;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * Publishing a service on the real contracts of a local chain (anvil): with a fresh key that holds no ether, signed by
 * that key, sent and paid for from the node's funded operator account; read back through the contracts and the index.
 */
public class ChainPublisherTest {

    private static final String NODE = LocalChain.KEYS.get(1);
    private static final String SQUATTER = LocalChain.KEYS.get(3);
    private static LocalChain chain;

    @BeforeClass
    public static void startChain() throws Exception {
        chain = LocalChain.start();
        chain.setNode(NODE, "http://localhost:9101");
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

    private static ChainPublisher publisher(String url) {
        return new ChainPublisher(contracts(url), new ChainTransactions(new JdkWeb3jService(url, Duration.ofSeconds(5)),
                NODE, Duration.ofSeconds(30), Duration.ofMillis(50)), chain.registry(), chain.permissions());
    }

    private static String freshKey() throws Exception {
        return Numeric.toHexStringNoPrefixZeroPadded(Keys.createEcKeyPair().getPrivateKey(), 64);
    }

    @Test
    public void aServiceIsListedAndSetWithItsOwnKeyThenDeletedWhileItsPartyStays() throws Exception {
        String key = freshKey();
        String address = Credentials.create(key).getAddress();
        String operator = LocalChain.address(NODE).toLowerCase();
        PartyId srv = PartyId.of("CH", "SRV");
        ChainPublisher publisher = publisher(chain.url());
        ChainSync sync = new ChainSync(contracts(chain.url()));

        List<String> sent = publisher.publishService(key, srv, "Settlement", "https://stl.example", List.of(7, 8));
        assertEquals("setPartyRaw, then setServiceRaw", 2, sent.size());
        assertEquals("read from the contracts", new LocalChain.Service("CH", "SRV", "Settlement", "https://stl.example",
                List.of(7, 8)), chain.service(address));
        assertEquals(operator, chain.operatorOf(address).toLowerCase());
        ChainIndex index = sync.full();
        ChainIndex.Party party = index.party(srv).orElseThrow();
        assertEquals(address, party.address());
        assertEquals(Set.of(Role.OTHER), party.roles());
        assertEquals("listed with this node as its operator", operator, party.operator());
        ChainIndex.Service service = index.services().get(address);
        assertEquals("Settlement", service.name());
        assertEquals("https://stl.example", service.url());
        assertEquals(List.of(7, 8), service.permissions());

        assertEquals("the chain lists it so already: nothing sent", List.of(),
                publisher.publishService(key, srv, "Settlement", "https://stl.example", List.of(7, 8)));
        assertEquals("a changed URL: only the service again", 1,
                publisher.publishService(key, srv, "Settlement", "https://stl.example/v2", List.of(7, 8)).size());
        assertEquals("https://stl.example/v2", sync.full().services().get(address).url());

        assertEquals(1, publisher.unpublishService(key).size());
        ChainIndex after = sync.follow(index);
        assertFalse("deleted from the Permissions contract", after.services().containsKey(address));
        assertTrue("its party listing stays", after.party(srv).isPresent());
        assertEquals("nothing left to delete", List.of(), publisher.unpublishService(key));
        assertEquals("", chain.service(address).name());
        assertEquals(operator, chain.operatorOf(address).toLowerCase());

        assertEquals("published again after a stop", 1,
                publisher.publishService(key, srv, "Settlement", "https://stl.example/v2", List.of(7, 8)).size());
        assertTrue(sync.full().services().containsKey(address));
    }

    @Test
    public void aServiceWithoutPermissionsIsListedAsAPartyOnly() throws Exception {
        String key = freshKey();
        String address = Credentials.create(key).getAddress();
        ChainPublisher publisher = publisher(chain.url());
        assertEquals(1, publisher.publishService(key, PartyId.of("CH", "NOP"), "Nothing", "", List.of()).size());
        ChainIndex index = new ChainSync(contracts(chain.url())).full();
        assertTrue(index.party(PartyId.of("CH", "NOP")).isPresent());
        assertFalse(index.services().containsKey(address));
    }

    @Test
    public void aRefusalOfTheContractComesWithItsReasonAndIsNotRetryable() throws Exception {
        chain.setParty(SQUATTER, "CH", "TKN", List.of(5), LocalChain.address(NODE));
        try {
            publisher(chain.url()).publishService(freshKey(), PartyId.of("CH", "TKN"), "Taken", "", List.of(0));
            fail("the identity belongs to another address");
        } catch (PublicationException e) {
            assertFalse(e.retryable());
            assertTrue(e.getMessage(), e.getMessage().contains("already registered under different address"));
        }
    }

    @Test
    public void anUnreachableChainIsRetryable() throws Exception {
        try {
            publisher("http://127.0.0.1:1").publishService(freshKey(), PartyId.of("CH", "OFF"), "Off", "", List.of(0));
            fail("nothing answers there");
        } catch (PublicationException e) {
            assertTrue(e.getMessage(), e.retryable());
        }
    }
}
