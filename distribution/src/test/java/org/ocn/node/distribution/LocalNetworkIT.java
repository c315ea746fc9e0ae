package org.ocn.node.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.ocn.node.registry.chain.testing.LocalChain;

/**
 * The local network for developers and operators ({@code distribution/local-network/ocn-local-network}), tried as
 * its README says: the script starts the chain and two nodes; the registry CLI, run by hand, sees the nodes and lists
 * two parties; a party connected to node 1 reaches a party connected to node 2.
 */
public class LocalNetworkIT {

    private static final Path SCRIPT = Path.of("local-network/ocn-local-network").toAbsolutePath();
    private static final Path CLI = LocalChain.chainDir().resolve("node_modules/@shareandcharge/ocn-registry/dist/cli.js");
    private static final String NODE1_OPERATOR = LocalChain.address(LocalChain.KEYS.get(1)).toLowerCase(java.util.Locale.ROOT);
    private static final String NODE2_OPERATOR = LocalChain.address(LocalChain.KEYS.get(2)).toLowerCase(java.util.Locale.ROOT);

    private static Process network;
    private static Path output;
    private static String node1;
    private static String node2;

    @BeforeClass
    public static void start() throws Exception {
        Path dir = Path.of("target", "it", "local-network").toAbsolutePath();
        Files.createDirectories(dir);
        output = dir.resolve("ocn-local-network.out");
        int port1 = NodeProcess.freePort();
        int port2 = NodeProcess.freePort();
        node1 = "http://localhost:" + port1;
        node2 = "http://localhost:" + port2;
        ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        pb.environment().putAll(Map.of("OCN_LOCAL_NODE1_PORT", String.valueOf(port1),
                "OCN_LOCAL_NODE2_PORT", String.valueOf(port2), "OCN_LOCAL_DIR", dir.toString()));
        network = pb.start();
        long deadline = System.currentTimeMillis() + 180_000;
        while (!Files.readString(output).contains("ocn-local-network: ready")) {
            if (!network.isAlive() || System.currentTimeMillis() > deadline) {
                throw new AssertionError("the local network did not start:\n" + Files.readString(output));
            }
            Thread.sleep(200);
        }
    }

    @AfterClass
    public static void stop() throws Exception {
        if (network != null) {
            network.destroy(); // SIGTERM, as Ctrl-C: the script stops the nodes and the chain
            assertTrue("the script stopped", network.waitFor(90, TimeUnit.SECONDS));
            assertTrue(Files.readString(output).contains("Stopping the local network"));
        }
    }

    /** Runs the registry CLI against its "local" network, as a developer does by hand. */
    private static String cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", CLI.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("CLI timed out", p.waitFor(60, TimeUnit.SECONDS));
        assertEquals("CLI " + String.join(" ", args) + ":\n" + out, 0, p.exitValue());
        return out;
    }

    @Test
    public void theCliSeesTheNodesAndAListedPartyReachesOneOnTheOtherNode() throws Exception {
        String nodes = cli("list-nodes").toLowerCase(java.util.Locale.ROOT);
        assertTrue(nodes, nodes.contains(node1) && nodes.contains(NODE1_OPERATOR));
        assertTrue(nodes, nodes.contains(node2) && nodes.contains(NODE2_OPERATOR));
        assertTrue(Files.readString(output).toLowerCase(java.util.Locale.ROOT)
                .contains("set-party -c de msp -r emsp -o " + NODE1_OPERATOR));

        cli("set-party", "-c", "DE", "MSP", "-r", "EMSP", "-o", NODE1_OPERATOR, "-s", LocalChain.KEYS.get(3));
        cli("set-party", "-c", "CH", "CPO", "-r", "CPO", "-o", NODE2_OPERATOR, "-s", LocalChain.KEYS.get(4));
        String parties = cli("list-parties");
        assertTrue(parties, parties.contains("\"MSP\"") && parties.contains("\"CPO\""));
        // the parties register at once, as real clients do: each node reads a listing it has not seen yet from the chain

        try (MockPlatform msp = new MockPlatform("2.2.1", List.<String[]>of(MockPlatform.endpoint("locations", "RECEIVER")));
             MockPlatform cpo = new MockPlatform("2.2.1", List.<String[]>of(MockPlatform.endpoint("locations", "SENDER")))) {
            String mspC = register(node1, "local-admin-1", msp, "EMSP", "DE/MSP");
            register(node2, "local-admin-2", cpo, "CPO", "CH/CPO");
            cpo.respond(r -> MockPlatform.Answer.ok("[{\"id\":\"LOC1\"}]"));
            Http.Answer a = Http.routed("GET", node1 + "/ocpi/sender/2.2.1/locations", mspC, "DE/MSP", "CH/CPO", null,
                    "local-network-1", Map.of());
            assertEquals(a.toString(), "LOC1", a.json().at("/data/0/id").asText());
            MockPlatform.Received atCpo = cpo.await("GET", "/ocpi/2.2.1/locations/sender");
            assertEquals("local-network-1", atCpo.header("x-correlation-id"));
            assertEquals(cpo.expectedAuthorization(), atCpo.header("authorization"));
        }
    }

    private static String register(String node, String adminKey, MockPlatform platform, String role, String party) {
        String tokenA = Registration.tokenA(node, adminKey, party);
        Http.Answer a = Http.send("POST", node + "/ocpi/2.2.1/credentials", "Token " + Http.base64(tokenA),
                Registration.credentials(platform.tokenB(), platform.versionsUrl(), role, party));
        assertEquals(a.toString(), 1000, a.statusCode());
        return a.json().at("/data/token").asText();
    }
}
