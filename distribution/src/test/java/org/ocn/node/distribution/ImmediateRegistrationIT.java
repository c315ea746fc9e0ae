package org.ocn.node.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.ocn.node.registry.chain.testing.LocalChain;

/**
 * A party may register at a node the moment its listing is mined, whatever the node's registry index has read: two
 * nodes of the built distribution on a local chain, reading the registry only every 10 minutes (so their index knows
 * nothing listed after they started). Fifty times in a row a new party (a fresh key, funded on the chain) lists itself
 * with node 1's operator by its own transaction, and at once the operator issues its token A and the party posts its
 * credentials: each one is admitted and its token C works. Then fifty more, alternating node 1 and node 2, each listed
 * with the operator of the node it registers at. A party listed with node 2's operator is refused at node 1 (2001,
 * naming that operator) and admitted at node 2; a party not listed at all is refused (2001, "not listed"), also
 * the moment the node that started last answers {@code /health} with 200.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ImmediateRegistrationIT {

    private static final int PARTIES = 50;

    private static TwoNodeNetwork network;
    private static LocalChain chain;
    private static NodeProcess node1;
    private static NodeProcess node2;

    @BeforeClass
    public static void start() throws Exception {
        network = TwoNodeNetwork.prepare("immediate-registration", 600_000);
        chain = network.chain();
        node1 = network.node1();
        node2 = network.node2();
        network.start();
    }

    @AfterClass
    public static void stop() throws Exception {
        if (network != null) {
            network.close();
        }
    }

    private static String operator(NodeProcess node) {
        return LocalChain.address(node == node1 ? TwoNodeNetwork.NODE1_KEY : TwoNodeNetwork.NODE2_KEY);
    }

    /** A new party lists itself with a node's operator: returns its key. */
    private static String listed(String party, NodeProcess with) throws Exception {
        String key = chain.fundedKey();
        chain.setParty(key, party.split("/")[0], party.split("/")[1], List.of(1), operator(with));
        return key;
    }

    /** The operator issues token A and the party posts its credentials at once; returns the node's answer. */
    private static Http.Answer register(NodeProcess node, MockPlatform platform, String party) {
        String tokenA = Registration.tokenA(node, party);
        return Http.send("POST", node.url() + "/ocpi/2.2.1/credentials", "Token " + Http.base64(tokenA),
                Registration.credentials(platform.tokenB(), platform.versionsUrl(), "EMSP", party));
    }

    private static void fiftyParties(String prefix, IntFunction<NodeProcess> node) throws Exception {
        List<String> refused = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < PARTIES; i++) {
            NodeProcess at = node.apply(i);
            String party = String.format("DE/%s%02d", prefix, i);
            listed(party, at);
            try (MockPlatform platform = new MockPlatform("2.2.1",
                    List.<String[]>of(MockPlatform.endpoint("sessions", "RECEIVER")))) {
                Http.Answer a = register(at, platform, party);
                String where = party + " at node " + (at == node1 ? 1 : 2) + ": ";
                if (a.status() != 200 || a.statusCode() != 1000) {
                    refused.add(where + a);
                    continue;
                }
                Http.Answer mine = Http.get(at.url() + "/ocpi/2.2.1/credentials",
                        "Token " + Http.base64(a.json().at("/data/token").asText()));
                if (mine.status() != 200 || mine.statusCode() != 1000) {
                    refused.add(where + "admitted, but its token C does not work: " + mine);
                }
            }
        }
        System.out.printf("ImmediateRegistrationIT: %d parties %s... listed and registered in %d ms%n", PARTIES, prefix,
                (System.nanoTime() - started) / 1_000_000);
        assertTrue(refused.size() + " of " + PARTIES + " parties not admitted right after their listing:\n"
                + String.join("\n", refused), refused.isEmpty());
    }

    /** First, while node 2 has just become healthy: a client may register the moment {@code /health} says UP. */
    @Test
    public void a0AnUnlistedPartyIsRefusedTheMomentTheNodeIsHealthy() throws Exception {
        try (MockPlatform platform = new MockPlatform("2.2.1",
                List.<String[]>of(MockPlatform.endpoint("sessions", "RECEIVER")))) {
            Http.Answer early = register(node2, platform, "DE/EAR");
            assertEquals(early.toString(), 2001, early.statusCode());
            assertTrue(early.message(), early.message().contains("not listed"));
        }
    }

    @Test
    public void a1FiftyPartiesInARowRegisterAtNode1RightAfterListingThemselves() throws Exception {
        fiftyParties("A", i -> node1);
    }

    @Test
    public void a2FiftyPartiesRegisterAlternatelyAtNode1AndNode2RightAfterListingThemselves() throws Exception {
        fiftyParties("B", i -> i % 2 == 0 ? node1 : node2);
    }

    @Test
    public void b1APartyListedWithAnotherOperatorOrNotListedIsRefused() throws Exception {
        try (MockPlatform platform = new MockPlatform("2.2.1",
                List.<String[]>of(MockPlatform.endpoint("sessions", "RECEIVER")))) {
            listed("DE/OTH", node2);
            Http.Answer elsewhere = register(node1, platform, "DE/OTH");
            assertEquals(elsewhere.toString(), 200, elsewhere.status());
            assertEquals(elsewhere.toString(), 2001, elsewhere.statusCode());
            assertTrue("names node 2's operator: " + elsewhere.message(), elsewhere.message().toLowerCase(Locale.ROOT)
                    .contains(operator(node2).toLowerCase(Locale.ROOT)));
            Http.Answer atItsNode = register(node2, platform, "DE/OTH");
            assertEquals("admitted at the node it is listed with: " + atItsNode, 1000, atItsNode.statusCode());

            Http.Answer unlisted = register(node1, platform, "DE/NLS");
            assertEquals(unlisted.toString(), 200, unlisted.status());
            assertEquals(unlisted.toString(), 2001, unlisted.statusCode());
            assertTrue(unlisted.message(), unlisted.message().contains("not listed"));
        }
    }
}
