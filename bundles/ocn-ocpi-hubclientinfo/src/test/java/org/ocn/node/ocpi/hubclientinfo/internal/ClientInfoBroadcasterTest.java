package org.ocn.node.ocpi.hubclientinfo.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;
import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.CredentialsRole;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.crypto.EthereumKey;
import org.ocn.node.parties.Platform;
import org.ocn.node.registry.Admission;
import org.ocn.node.registry.NetworkRegistry;
import org.ocn.node.registry.NodeListing;
import org.ocn.node.registry.PartyListing;
import org.ocn.node.parties.testing.InMemoryPartyDirectory;

import com.sun.net.httpserver.HttpServer;

/** The broadcast to other nodes: who gets it, and what a receiving node sees. */
public class ClientInfoBroadcasterTest {

    private static final String ME = EthereumKey.fromPrivateKey(TestConfig.NODE_KEY).address();
    private static final String OWN_URL = "http://node1.example";
    private HttpServer otherNode;
    private ClientInfoBroadcaster broadcaster;

    @After
    public void stop() throws InterruptedException {
        if (broadcaster != null) {
            broadcaster.deactivate();
        }
        if (otherNode != null) {
            otherNode.stop(0);
        }
    }

    private static ClientInfoBroadcaster broadcaster() {
        return new ClientInfoBroadcaster(TestConfig.node(Map.of("ocn_node_url", OWN_URL)));
    }

    private static NetworkRegistry registryOf(List<NodeListing> nodes) {
        return new NetworkRegistry() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public Admission admit(CredentialsRole role, Set<PartyId> namedWhenIssued) {
                return Admission.refused("test");
            }

            @Override
            public Optional<PartyListing> findParty(PartyId party) {
                return Optional.empty();
            }

            @Override
            public List<NodeListing> nodes() {
                return nodes;
            }
        };
    }

    @Test
    public void everyOtherNodeIsAddressedButThisOne() {
        broadcaster = broadcaster();
        assertEquals(List.of("http://node2.example", "https://node3.example"), broadcaster.otherNodes(List.of(
                new NodeListing(OWN_URL + "/", null),
                new NodeListing("http://node2.example/", "0xC5fdf4076b8F3A5357c5E395ab970B5B54098Fef"),
                new NodeListing("http://old-url-of-this-node.example", ME.toLowerCase()),
                new NodeListing("", "0x0000000000000000000000000000000000000001"),
                new NodeListing("https://node3.example", null))));
    }

    @Test
    public void aStatusChangeReachesTheOtherNodesSignedByThisNode() throws Exception {
        LinkedBlockingQueue<String[]> received = new LinkedBlockingQueue<>();
        otherNode = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        otherNode.createContext("/", exchange -> {
            received.add(new String[] {exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("OCN-Signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("Content-Type")});
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        otherNode.start();
        broadcaster = broadcaster();
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        Platform before = InMemoryPartyDirectory.platform(7, ConnectionStatus.CONNECTED, "DE/MSP", Role.EMSP, null, at);
        Platform after = InMemoryPartyDirectory.platform(7, ConnectionStatus.OFFLINE, "DE/MSP", Role.EMSP, null, at.plusSeconds(1));

        broadcaster.platformChanged(new InMemoryPartyDirectory(), before, after);
        assertEquals("no network registry (local mode): nothing is sent", null, received.poll(300, TimeUnit.MILLISECONDS));

        broadcaster.network = registryOf(List.of(new NodeListing(OWN_URL, ME),
                new NodeListing("http://127.0.0.1:" + otherNode.getAddress().getPort(), null)));
        broadcaster.platformChanged(new InMemoryPartyDirectory(), before, after);
        String[] put = received.poll(5, TimeUnit.SECONDS);
        assertEquals("PUT /ocn/client-info", put[0]);
        assertEquals("{\"party_id\":\"MSP\",\"country_code\":\"DE\",\"role\":\"EMSP\",\"status\":\"OFFLINE\","
                + "\"last_updated\":\"2026-03-01T10:00:01Z\"}", put[2]);
        assertEquals("application/json", put[3]);
        assertEquals(ME, ClientInfoMessage.signer(put[2].getBytes(StandardCharsets.UTF_8), put[1]).orElseThrow());
        assertTrue("one message per changed role, to the one other node", received.poll(300, TimeUnit.MILLISECONDS) == null);

        broadcaster.platformChanged(new InMemoryPartyDirectory(), after, after);
        assertEquals("no change, no message", null, received.poll(300, TimeUnit.MILLISECONDS));
    }
}
