package org.ocn.node.ocpi.hubclientinfo.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.parties.testing.InMemoryPartyDirectory;

import com.sun.net.httpserver.HttpServer;

/** The still-alive check on a short schedule against a real HTTP server and a port nobody listens on. */
public class StillAliveCheckTest {

    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private StillAliveCheck check;

    @Before
    public void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // /p{id}/versions answers 200 to the token B of platform {id}, 401 to anything else; /broken answers 500
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            seen.add(path + " " + auth);
            int status = 500;
            if (path.matches("/p\\d+/versions")) {
                String id = path.substring(2, path.indexOf('/', 1));
                String expected = "Token " + Base64.getEncoder().encodeToString(("token-b-" + id).getBytes(StandardCharsets.UTF_8));
                status = expected.equals(auth) ? 200 : 401;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @After
    public void stop() throws InterruptedException {
        if (check != null) {
            check.deactivate();
        }
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static String deadUrl() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return "http://127.0.0.1:" + s.getLocalPort() + "/ocpi/versions";
        }
    }

    private static StillAliveCheck start(InMemoryPartyDirectory directory, boolean enabled) {
        return new StillAliveCheck(TestConfig.node(Map.of("ocn_node_stillAliveEnabled", enabled,
                "ocn_node_stillAliveRate", 100L)), directory);
    }

    @Test
    public void platformsThatStopAnsweringGoOfflineAndComeBack() throws Exception {
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        InMemoryPartyDirectory directory = new InMemoryPartyDirectory().with(
                InMemoryPartyDirectory.platform(1, ConnectionStatus.CONNECTED, "DE/MSP", Role.EMSP, url("/p1/versions"), t),
                InMemoryPartyDirectory.platform(2, ConnectionStatus.CONNECTED, "CH/DED", Role.CPO, deadUrl(), t),
                InMemoryPartyDirectory.platform(3, ConnectionStatus.OFFLINE, "CH/BAK", Role.CPO, url("/p3/versions"), t),
                InMemoryPartyDirectory.platform(4, ConnectionStatus.CONNECTED, "CH/TOK", Role.CPO, url("/p3/versions"), t),
                InMemoryPartyDirectory.platform(5, ConnectionStatus.CONNECTED, "CH/ERR", Role.CPO, url("/broken"), t),
                InMemoryPartyDirectory.platform(6, ConnectionStatus.SUSPENDED, "CH/OLD", Role.CPO, url("/p6/versions"), t));
        check = start(directory, true);
        long deadline = System.currentTimeMillis() + 10_000;
        while (directory.statusChanges().size() < 4 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300); // a few more rounds: nothing else may change
        assertEquals(List.of("2 OFFLINE", "3 CONNECTED", "4 OFFLINE", "5 OFFLINE"),
                directory.statusChanges().stream().sorted().toList());
        assertTrue("the node shows its token B in the platform's encoding: " + seen,
                seen.contains("/p1/versions Token " + Base64.getEncoder().encodeToString("token-b-1".getBytes(StandardCharsets.UTF_8))));
        assertTrue("an unregistered platform is not called: " + seen, seen.stream().noneMatch(s -> s.startsWith("/p6")));
    }

    @Test
    public void offMeansNoCalls() throws Exception {
        InMemoryPartyDirectory directory = new InMemoryPartyDirectory().with(InMemoryPartyDirectory.platform(1, ConnectionStatus.CONNECTED, "DE/MSP",
                Role.EMSP, url("/broken"), Instant.EPOCH));
        check = start(directory, false);
        Thread.sleep(400);
        assertEquals(List.of(), seen);
        assertEquals(List.of(), directory.statusChanges());
    }
}
