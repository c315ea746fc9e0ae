package org.ocn.node.ocpi.hubclientinfo.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.Endpoint;
import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.ocpi.hubclientinfo.internal.ClientInfos.ClientInfo;
import org.ocn.node.parties.testing.InMemoryPartyDirectory;

import com.sun.net.httpserver.HttpServer;

/** Pushes to the parties of this node: only connected platforms with a hubclientinfo Receiver endpoint. */
public class ClientInfoPusherTest {

    private HttpServer parties;
    private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final ClientInfoPusher pusher = new ClientInfoPusher();

    @Before
    public void serve() throws Exception {
        parties = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        parties.createContext("/", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        parties.start();
    }

    @After
    public void stop() throws InterruptedException {
        pusher.deactivate();
        parties.stop(0);
    }

    private Endpoint receiver(String name) {
        return new Endpoint("hubclientinfo", InterfaceRole.RECEIVER,
                "http://127.0.0.1:" + parties.getAddress().getPort() + "/" + name + "/hubclientinfo");
    }

    @Test
    public void newsOfTheNetworkReachesConnectedPlatformsWithAReceiverOnly() throws Exception {
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        InMemoryPartyDirectory directory = new InMemoryPartyDirectory().with(
                InMemoryPartyDirectory.platform(1, ConnectionStatus.CONNECTED, "DE/MSP", Role.EMSP, null, t, receiver("msp")),
                InMemoryPartyDirectory.platform(2, ConnectionStatus.OFFLINE, "DE/OFF", Role.EMSP, null, t, receiver("off")),
                InMemoryPartyDirectory.platform(3, ConnectionStatus.CONNECTED, "DE/NOR", Role.EMSP, null, t),
                InMemoryPartyDirectory.platform(4, ConnectionStatus.CONNECTED, "CH/CPB", Role.CPO, null, t, receiver("cpb")),
                InMemoryPartyDirectory.platform(5, ConnectionStatus.SUSPENDED, "DE/OLD", Role.EMSP, null, t, receiver("old")));
        ClientInfo info = new ClientInfo(PartyId.of("CH", "CPB"), Role.CPO, ConnectionStatus.OFFLINE, t);
        pusher.push(directory, List.of(info), -1);
        assertEquals("PUT /msp/hubclientinfo/CH/CPB Token "
                + Base64.getEncoder().encodeToString("token-b-1".getBytes(StandardCharsets.UTF_8)) + " "
                + info.toJson(), received.poll(5, TimeUnit.SECONDS));
        assertNull("nothing to offline platforms, platforms without receiver, the party itself: " + received,
                received.poll(300, TimeUnit.MILLISECONDS));
    }
}
