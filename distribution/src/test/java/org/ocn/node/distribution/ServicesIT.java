package org.ocn.node.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import org.junit.Test;
import org.ocn.node.crypto.EcSignature;
import org.ocn.node.crypto.Ethereum;
import org.ocn.node.crypto.EthereumKey;
import org.ocn.node.distribution.srvplugin.ServicePlugin;
import org.ocn.node.registry.chain.testing.LocalChain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The services registry of the built distribution: a service plugin (a bundle built here, {@link ServicePlugin},
 * identity {@code CH/SRV}) dropped into the {@code deploy/} folder of a running node is listed ({@code GET
 * /ocn/services}, the registry queries, hubclientinfo and its pushes), parties reach it through its custom module and
 * it signs with the key the node keeps for it, parties make agreements with it through the admin API in local mode
 * (and from then on it receives copies of their requests), it is published on the Registry and Permissions contracts
 * with its own key on a network, and it is delisted when its jar is removed.
 */
public class ServicesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "Token " + NodeProcess.ADMIN_KEY;

    @Test
    public void inLocalModeAServicePluginIsListedWhileItRunsAndPartiesAgreeToItThroughTheAdminApi() throws Exception {
        Path home = NodeProcess.unpack("services-local");
        try (NodeProcess node = NodeProcess.in(home, home.resolve("data"));
             MockPlatform emsp = new MockPlatform("2.2.1", List.<String[]>of(MockPlatform.endpoint("hubclientinfo", "RECEIVER")));
             MockPlatform cpo = new MockPlatform("2.2.1", List.<String[]>of(MockPlatform.endpoint("cdrs", "SENDER")))) {
            node.start(); // inside the try: a node that fails to become healthy is stopped too
            String emspC = Registration.register(node, emsp, "EMSP", "DE/MSP");
            Registration.register(node, cpo, "CPO", "CH/CPO");
            assertEquals("[]", Http.get(node.url() + "/ocn/services", null).body());

            Path jar = home.resolve("deploy").resolve("srv-plugin.jar");
            ServicePlugin.write(jar, home.resolve("scratch"));

            // listed, with the address of the key the node keeps for it
            JsonNode service = await(() -> Http.get(node.url() + "/ocn/services", null).json(),
                    list -> list.size() == 1, "the service in GET /ocn/services").get(0);
            assertEquals("SRV", service.get("party_id").asText());
            assertEquals("CH", service.get("country_code").asText());
            assertEquals(ServicePlugin.NAME, service.get("name").asText());
            assertEquals(ServicePlugin.URL, service.get("url").asText());
            assertEquals("[\"FORWARD_MODULE_CDRS_SENDER\",\"FORWARD_MODULE_CDRS_RECEIVER\"]",
                    service.get("permissions").toString());
            assertEquals("[\"srv-module\"]", service.get("modules").toString());
            Path keyFile = home.resolve("data/ocn/services/CH-SRV.key");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
            assertEquals(EthereumKey.fromPrivateKey(Files.readString(keyFile).trim()).address(),
                    service.get("address").asText());

            // the local registry lists it with this node
            JsonNode listing = Http.get(node.url() + "/ocn/registry/node/CH/SRV", null).json();
            assertEquals(listing.toString(), node.url(), listing.path("url").asText());

            // hubclientinfo: a connected party of role OTHER, pushed to the parties
            MockPlatform.Received pushed = emsp.await("PUT", "/ocpi/2.2.1/hubclientinfo/receiver/CH/SRV");
            assertEquals("OTHER", JSON.readTree(pushed.body()).get("role").asText());
            assertEquals("CONNECTED", JSON.readTree(pushed.body()).get("status").asText());
            assertTrue(hubClientInfo(node, emspC), hubClientInfo(node, emspC).contains("CH/SRV OTHER CONNECTED"));

            // parties reach it through its custom module; it signs with the key the node keeps for it (ServiceKeys)
            JsonNode answer = askService(node, emspC);
            assertEquals(answer.toString(), "srv-module", answer.get("module").asText());
            assertEquals("[]", answer.get("copies").toString());
            assertEquals(service.get("address").asText(), Ethereum.recoverPrefixedMessageSigner(
                    "srv-module".getBytes(StandardCharsets.UTF_8),
                    EcSignature.fromHex(answer.get("signature").asText())).orElseThrow());

            agreementsThroughTheAdminApi(node);

            // agreed: the router copies the party's requests to the service per its permissions (cdrs)
            Http.routed("GET", node.url() + "/ocpi/sender/2.2.1/cdrs", emspC, "DE/MSP", "CH/CPO", null,
                    "corr-cdrs", Map.of());
            cpo.await("GET", "/ocpi/2.2.1/cdrs/sender");
            await(() -> askService(node, emspC).get("copies").toString(),
                    copies -> copies.equals("[\"cdrs SENDER from DE/MSP\"]"), "a copy of the cdrs request at the service");

            // removed: delisted everywhere, its agreement kept for when it comes back
            Files.delete(jar);
            await(() -> Http.get(node.url() + "/ocn/services", null).body(), "[]"::equals, "an empty listing");
            assertEquals("\"Party not registered on OCN\"", Http.get(node.url() + "/ocn/registry/node/CH/SRV", null).body());
            MockPlatform.Received suspended = emsp.await("PUT", "/ocpi/2.2.1/hubclientinfo/receiver/CH/SRV");
            assertEquals("SUSPENDED", JSON.readTree(suspended.body()).get("status").asText());
            assertTrue(hubClientInfo(node, emspC).contains("CH/SRV OTHER SUSPENDED"));
            JsonNode agreements = Http.get(node.url() + "/admin/agreements", ADMIN).json();
            assertEquals(1, agreements.size());
            assertEquals(false, agreements.get(0).get("running").asBoolean());
        }
    }

    private static void agreementsThroughTheAdminApi(NodeProcess node) {
        String url = node.url() + "/admin/agreements";
        String agreement = "{\"user\":{\"country_code\":\"DE\",\"party_id\":\"MSP\"},"
                + "\"service\":{\"country_code\":\"CH\",\"party_id\":\"SRV\"}}";
        assertEquals(401, Http.send("POST", url, null, agreement).status());
        assertEquals(401, Http.get(url, "Token wrong").status());
        Http.Answer invalid = Http.send("POST", url, ADMIN, "{\"user\":{\"country_code\":\"DE\"}}");
        assertEquals(invalid.toString(), 400, invalid.status());
        assertTrue(invalid.message(), invalid.message().contains("user.party_id"));
        Http.Answer stranger = Http.send("POST", url, ADMIN, agreement.replace("MSP", "XYZ"));
        assertEquals(stranger.toString(), 404, stranger.status());
        Http.Answer noService = Http.send("POST", url, ADMIN, agreement.replace("SRV", "NON"));
        assertEquals(noService.toString(), 404, noService.status());

        Http.Answer made = Http.send("POST", url, ADMIN, agreement);
        assertEquals(made.toString(), 201, made.status());
        assertEquals("/admin/agreements/DE/MSP/CH/SRV", made.header("Location"));
        assertEquals("SRV", made.json().at("/service/party_id").asText());
        assertEquals(409, Http.send("POST", url, ADMIN, agreement).status());
        JsonNode all = Http.get(url, ADMIN).json();
        assertEquals(all.toString(), 1, all.size());
        assertEquals("MSP", all.get(0).at("/user/party_id").asText());
        assertTrue(all.get(0).get("running").asBoolean());

        assertEquals(204, Http.send("DELETE", url + "/DE/MSP/CH/SRV", ADMIN, null).status());
        assertEquals(404, Http.send("DELETE", url + "/DE/MSP/CH/SRV", ADMIN, null).status());
        assertEquals(405, Http.send("PUT", url, ADMIN, agreement).status());
        assertEquals(404, Http.get(url + "/DE/MSP", ADMIN).status());
        assertEquals(201, Http.send("POST", url, ADMIN, agreement).status());
        // the rest of /admin is still the admin bundle's
        assertEquals("200 CONNECTED", Registration.connectionStatus(node, "DE/MSP"));
    }

    /** DE/MSP asks CH/SRV through the service's custom module; returns the answer's data. */
    private static JsonNode askService(NodeProcess node, String emspC) {
        Http.Answer a = Http.routed("GET", node.url() + "/ocpi/custom/sender/srv-module", emspC, "DE/MSP", "CH/SRV",
                null, "corr-srv", Map.of());
        assertEquals(a.toString(), 1000, a.statusCode());
        return a.json().get("data");
    }

    private static String hubClientInfo(NodeProcess node, String tokenC) {
        JsonNode data = Http.get(node.url() + "/ocpi/2.2.1/hubclientinfo", "Token " + Http.base64(tokenC)).json()
                .get("data");
        StringBuilder shown = new StringBuilder();
        data.forEach(i -> shown.append(i.get("country_code").asText()).append('/').append(i.get("party_id").asText())
                .append(' ').append(i.get("role").asText()).append(' ').append(i.get("status").asText()).append('\n'));
        return shown.toString();
    }

    @Test
    public void onANetworkAServiceIsPublishedWithItsOwnKeyAndDeletedFromThePermissionsContractWhenRemoved()
            throws Exception {
        try (TwoNodeNetwork network = TwoNodeNetwork.prepare("services-chain", "-Docn.node.plugins.grace=1000")) {
            NodeProcess node = network.node1().start();
            LocalChain chain = network.chain();
            String operator = LocalChain.address(TwoNodeNetwork.NODE1_KEY);
            Path jar = node.home().resolve("deploy").resolve("srv-plugin.jar");
            ServicePlugin.write(jar, node.home().resolve("scratch"));

            String address = await(() -> Http.get(node.url() + "/ocn/services", null).json(),
                    list -> list.size() == 1, "the service in GET /ocn/services").get(0).get("address").asText();
            // published by the node: the party listed with this node's operator, the service on Permissions
            LocalChain.Service published = await(() -> chain.service(address), s -> !s.name().isEmpty(),
                    "the service on the Permissions contract");
            assertEquals(new LocalChain.Service("CH", "SRV", ServicePlugin.NAME, ServicePlugin.URL, List.of(7, 8)),
                    published);
            assertEquals(operator.toLowerCase(Locale.ROOT), chain.operatorOf(address).toLowerCase(Locale.ROOT));
            // the node's own index picks the listing up from the events, as for any party: what is asserted here is
            // the registry lookup API, which answers from the index (nothing below needs the index to know CH/SRV)
            await(() -> Http.get(node.url() + "/ocn/registry/node/CH/SRV", null).json().path("url").asText(),
                    node.url()::equals, "CH/SRV listed with this node in the registry lookup API");
            // parties of the network can agree to it on chain
            String user = LocalChain.KEYS.get(3);
            chain.setParty(user, "DE", "MSP", List.of(1), operator);
            chain.createAgreement(user, address);
            // ... and not through the admin API
            Http.Answer refused = Http.send("POST", node.url() + "/admin/agreements", ADMIN,
                    "{\"user\":{\"country_code\":\"DE\",\"party_id\":\"MSP\"},"
                            + "\"service\":{\"country_code\":\"CH\",\"party_id\":\"SRV\"}}");
            assertEquals(refused.toString(), 409, refused.status());
            assertTrue(refused.message(), refused.message().contains("Permissions contract"));

            Files.delete(jar);
            await(() -> chain.service(address), s -> s.name().isEmpty(), "the service deleted from Permissions");
            assertEquals("its party listing stays", operator.toLowerCase(Locale.ROOT),
                    chain.operatorOf(address).toLowerCase(Locale.ROOT));
            assertEquals("[]", Http.get(node.url() + "/ocn/services", null).body());
        }
    }

    private static <T> T await(Callable<T> value, Predicate<T> done, String what) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        T last = null;
        while (System.currentTimeMillis() < deadline) {
            last = value.call();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(what + " not reached within 60 s; last: " + last);
    }
}
