package org.ocn.node.ocpi.credentials.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.ocn.node.api.ocpi.OcpiStatus;
import org.ocn.node.api.ocpi.TokenEncoding;
import org.ocn.node.api.ocpi.VersionNumber;
import org.ocn.node.web.json.OcpiJson;

import com.sun.net.httpserver.HttpServer;

/**
 * The node's side of a handshake against a party's API on loopback: the version chosen, the token B as the party
 * expects it, a party that lists no credentials endpoint (the OCN's own client library), and each failure with the
 * status the node answers.
 */
public class PartyApiClientTest {

    private static final List<VersionNumber> SUPPORTED = List.of(VersionNumber.V2_2_1, VersionNumber.V2_2);

    private HttpServer party;
    private String base;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final List<String> authorizations = new ArrayList<>();
    private PartyApiClient client;

    @Before
    public void start() throws IOException {
        party = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        party.createContext("/", exchange -> {
            synchronized (authorizations) {
                authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            }
            String answer = answers.get(exchange.getRequestURI().getPath());
            byte[] body = (answer == null ? "not found" : answer).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        party.start();
        base = "http://127.0.0.1:" + party.getAddress().getPort();
        client = new PartyApiClient(HttpClient.newHttpClient(), new OcpiJson(), Duration.ofSeconds(5));
    }

    @After
    public void stop() {
        party.stop(0);
    }

    private static String ok(String data) {
        return "{\"data\":" + data + ",\"status_code\":1000,\"timestamp\":\"2026-01-01T00:00:00Z\"}";
    }

    private void offer(String... versions) {
        StringBuilder list = new StringBuilder("[");
        for (String v : versions) {
            list.append(list.length() > 1 ? "," : "").append("{\"version\":\"").append(v).append("\",\"url\":\"")
                    .append(base).append("/ocpi/").append(v).append("\"}");
        }
        answers.put("/ocpi/versions", ok(list.append("]").toString()));
    }

    private void details(String version, String endpoints) {
        answers.put("/ocpi/" + version, ok("{\"version\":\"" + version + "\",\"endpoints\":" + endpoints + "}"));
    }

    private PartyApiClient.Offer fetch(TokenEncoding encoding) throws HandshakeException {
        return client.fetch(base + "/ocpi/versions", "token-b", encoding, SUPPORTED,
                PartyApiClient.Selection.HIGHEST_COMMON, VersionNumber.V2_2_1);
    }

    private void expect(OcpiStatus status, String inMessage) {
        try {
            fetch(TokenEncoding.BASE64);
            fail("the handshake went through");
        } catch (HandshakeException e) {
            assertEquals(e.getMessage(), status, e.status());
            assertTrue(e.getMessage(), e.getMessage().contains(inMessage));
        }
    }

    @Test
    public void theHighestCommonVersionIsReadWithTokenBInThePartysEncoding() throws Exception {
        offer("2.1.1", "2.2", "2.2.1");
        details("2.2.1", "[{\"identifier\":\"credentials\",\"role\":\"SENDER\",\"url\":\"" + base + "/c\"}]");
        PartyApiClient.Offer offer = fetch(TokenEncoding.BASE64);
        assertEquals(VersionNumber.V2_2_1, offer.version());
        assertEquals(1, offer.details().endpoints().size());
        assertEquals(List.of("Token dG9rZW4tYg==", "Token dG9rZW4tYg=="), authorizations);
    }

    @Test
    public void aPartyListingNoCredentialsEndpointIsAccepted() throws Exception {
        // as the OCN's own client library: OCPI 2.2, plain tokens, only the modules it offers
        offer("2.2");
        details("2.2", "[{\"identifier\":\"locations\",\"role\":\"SENDER\",\"url\":\"" + base + "/locations\"}]");
        PartyApiClient.Offer offer = fetch(TokenEncoding.PLAIN);
        assertEquals(VersionNumber.V2_2, offer.version());
        assertEquals("locations", offer.details().endpoints().get(0).identifier());
        assertEquals(List.of("Token token-b", "Token token-b"), authorizations);
        details("2.2", "[]");
        assertTrue("no endpoints at all is accepted too", fetch(TokenEncoding.PLAIN).details().endpoints().isEmpty());
    }

    @Test
    public void failuresAnswerTheStatusTheNodeGivesThem() throws IOException {
        offer("2.1.1");
        expect(OcpiStatus.UNSUPPORTED_VERSION, "2.1.1");
        offer("2.2.1");
        expect(OcpiStatus.UNABLE_TO_USE_CLIENT_API, "HTTP 404"); // no details
        answers.put("/ocpi/2.2.1", "{\"status_code\":2001,\"status_message\":\"go away\",\"timestamp\":\"2026-01-01T00:00:00Z\"}");
        expect(OcpiStatus.UNABLE_TO_USE_CLIENT_API, "go away");
        answers.put("/ocpi/versions", "not json");
        expect(OcpiStatus.UNABLE_TO_USE_CLIENT_API, "not an OCPI response");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try {
            client.fetch("http://127.0.0.1:" + closed + "/ocpi/versions", "b", TokenEncoding.PLAIN, SUPPORTED,
                    PartyApiClient.Selection.HIGHEST_COMMON, VersionNumber.V2_2);
            fail("reached a closed port");
        } catch (HandshakeException e) {
            assertEquals(OcpiStatus.UNABLE_TO_USE_CLIENT_API, e.status());
            assertTrue(e.getMessage(), e.getMessage().contains("cannot reach"));
        }
    }
}
