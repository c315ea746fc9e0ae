package org.ocn.node.benchmarks;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.Test;

public class BareProxyTest {

    private static final BareProxy.Recipient CPO = new BareProxy.Recipient(
            Map.of("locations", "http://cpo/cpo/2.2.1/locations"), "Token B");

    @Test
    public void theModuleSegmentPicksTheRecipientsEndpoint() {
        assertEquals("http://cpo/cpo/2.2.1/locations/LOC1",
                BareProxy.destination(CPO, "/ocpi/sender/2.2.1/locations/LOC1", null));
        assertEquals("http://cpo/cpo/2.2.1/locations",
                BareProxy.destination(CPO, "/ocpi/sender/2.2.1/locations", null));
        assertEquals("http://cpo/cpo/2.2.1/locations/LOC1/E1?offset=10&limit=5",
                BareProxy.destination(CPO, "/ocpi/receiver/2.2.1/locations/LOC1/E1", "offset=10&limit=5"));
        assertNull(BareProxy.destination(CPO, "/ocpi/sender/2.2.1/sessions/S1", null));
        assertNull(BareProxy.destination(CPO, "/ocpi/sender/2.2.1", null));
        assertNull(BareProxy.destination(CPO, "/health", null));
    }

    /** The bare proxy in front of the mock CPO: answers byte for byte, unknown tokens and recipients refused. */
    @Test
    public void forwardsToTheRecipientWithItsToken() throws Exception {
        try (MockParty cpo = new MockParty(WrkTest.freePort(), "B-token", true, Benchmark.CPO_KEY);
             BareProxy proxy = new BareProxy(WrkTest.freePort(), Map.of("C-token", "msp"), Map.of("CH/CPO",
                     new BareProxy.Recipient(Map.of("locations", cpo.locationsUrl()), "Token " + Http.base64("B-token"))))) {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<byte[]> small = client.send(routed(proxy, "/LOC00001", "C-token", "CPO"),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, small.statusCode());
            assertArrayEquals(Payloads.smallLocation(), small.body());
            assertEquals("application/json", small.headers().firstValue("Content-Type").orElse(null));
            HttpResponse<byte[]> large = client.send(routed(proxy, "", "C-token", "CPO"),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, large.statusCode());
            assertArrayEquals(Payloads.locationPage(), large.body());
            assertEquals(401, client.send(routed(proxy, "", "other", "CPO"), HttpResponse.BodyHandlers.discarding())
                    .statusCode());
            assertEquals(404, client.send(routed(proxy, "", "C-token", "XYZ"), HttpResponse.BodyHandlers.discarding())
                    .statusCode());
        }
    }

    private static HttpRequest routed(BareProxy proxy, String rest, String token, String toParty) {
        return HttpRequest.newBuilder(URI.create(proxy.base() + "/ocpi/sender/2.2.1/locations" + rest))
                .header("Authorization", "Token " + token).header("X-Request-ID", "1").header("X-Correlation-ID", "2")
                .header("OCPI-from-country-code", "DE").header("OCPI-from-party-id", "MSP")
                .header("OCPI-to-country-code", "CH").header("OCPI-to-party-id", toParty).build();
    }
}
