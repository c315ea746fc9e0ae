package org.ocn.node.ocpi.hubclientinfo.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.junit.Test;
import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.crypto.EthereumKey;
import org.ocn.node.ocpi.hubclientinfo.internal.ClientInfos.ClientInfo;
import org.ocn.node.registry.PartyListing;
import org.ocn.node.web.json.InvalidPayloadException;
import org.ocn.node.web.json.OcpiJson;

/** The node-to-node client-info message: the reference's body, the signature round trip, what is refused. */
public class ClientInfoMessageTest {

    /** Accounts 1 and 0 of the OCN development mnemonic: test keys only. */
    private static final EthereumKey NODE = EthereumKey.fromPrivateKey(
            "ae6ae8e5ccbfb04590405997ee2d52d2b330726137b875053c36d94e974d162f");
    private static final EthereumKey OTHER = EthereumKey.fromPrivateKey(
            "c87509a1c067bbde78beb793e6fa76530b6382a4c0241e5e4a9ec0a0f44dc0d3");
    private static final ClientInfo INFO = new ClientInfo(PartyId.of("CH", "CPB"), Role.CPO, ConnectionStatus.OFFLINE,
            Instant.parse("2026-03-01T10:00:00.250Z"));
    private static final OcpiJson JSON = new OcpiJson();

    private static Optional<PartyListing> listedWith(String operator) {
        return Optional.of(new PartyListing(INFO.party(), Set.of(Role.CPO), "http://node", operator, "0x1"));
    }

    @Test
    public void theBodyIsTheClientInfoInTheReferenceOrder() {
        assertEquals("{\"party_id\":\"CPB\",\"country_code\":\"CH\",\"role\":\"CPO\",\"status\":\"OFFLINE\","
                + "\"last_updated\":\"2026-03-01T10:00:00.250Z\"}", new String(ClientInfoMessage.body(INFO), StandardCharsets.UTF_8));
    }

    @Test
    public void aSignedBodyNamesItsSignerAndReadsBack() throws Exception {
        byte[] body = ClientInfoMessage.body(INFO);
        String signature = ClientInfoMessage.sign(body, NODE);
        assertTrue("raw hex without 0x: " + signature, signature.matches("[0-9a-f]{130}"));
        assertEquals(NODE.address().toLowerCase(), ClientInfoMessage.signer(body, signature).orElseThrow().toLowerCase());
        assertEquals(INFO, ClientInfoMessage.parse(JSON, body));
        assertEquals(Optional.empty(), ClientInfoMessage.refusal(INFO, body, signature, listedWith(NODE.address().toLowerCase())));
    }

    @Test
    public void reportsNotSignedByThePartysOperatorAreRefused() {
        byte[] body = ClientInfoMessage.body(INFO);
        String forged = ClientInfoMessage.sign(body, OTHER);
        assertEquals("OCN-Signature does not come from the node operator of party CH/CPB",
                ClientInfoMessage.refusal(INFO, body, forged, listedWith(NODE.address())).orElseThrow());
        byte[] changed = new String(body, StandardCharsets.UTF_8).replace("OFFLINE", "CONNECTED").getBytes(StandardCharsets.UTF_8);
        String genuine = ClientInfoMessage.sign(body, NODE);
        assertNotEquals("a changed body no longer recovers the signer", NODE.address(),
                ClientInfoMessage.signer(changed, genuine).orElseThrow());
        assertTrue(ClientInfoMessage.refusal(INFO, changed, genuine, listedWith(NODE.address())).isPresent());
        assertTrue(ClientInfoMessage.refusal(INFO, body, null, listedWith(NODE.address())).orElseThrow().contains("missing"));
        assertTrue(ClientInfoMessage.refusal(INFO, body, "0xzz", listedWith(NODE.address())).isPresent());
        assertEquals("Party CH/CPB is not listed in the registry with a node operator",
                ClientInfoMessage.refusal(INFO, body, genuine, Optional.empty()).orElseThrow());
        assertTrue("local mode: a listing without operator", ClientInfoMessage.refusal(INFO, body, genuine,
                listedWith(null)).isPresent());
    }

    @Test
    public void invalidBodiesNameWhatIsWrong() {
        expectInvalid("not json", InvalidPayloadException.class, null);
        expectInvalid("[]", IllegalArgumentException.class, "JSON object");
        expectInvalid("{\"party_id\":\"CPB\",\"role\":\"CPO\",\"status\":\"OFFLINE\",\"last_updated\":\"2026-03-01T10:00:00Z\"}",
                IllegalArgumentException.class, "country_code");
        expectInvalid("{\"party_id\":\"CPB\",\"country_code\":\"CH\",\"role\":\"CPO\",\"status\":\"GONE\",\"last_updated\":\"2026-03-01T10:00:00Z\"}",
                IllegalArgumentException.class, "status 'GONE'");
        expectInvalid("{\"party_id\":\"CPB\",\"country_code\":\"CH\",\"role\":\"CAR\",\"status\":\"OFFLINE\",\"last_updated\":\"2026-03-01T10:00:00Z\"}",
                IllegalArgumentException.class, "role 'CAR'");
        expectInvalid("{\"party_id\":\"CPB\",\"country_code\":\"CH\",\"role\":\"CPO\",\"status\":\"OFFLINE\",\"last_updated\":\"yesterday\"}",
                IllegalArgumentException.class, "last_updated 'yesterday'");
        expectInvalid("{\"party_id\":\"TOOLONG\",\"country_code\":\"CH\",\"role\":\"CPO\",\"status\":\"OFFLINE\",\"last_updated\":\"2026-03-01T10:00:00Z\"}",
                IllegalArgumentException.class, null);
    }

    private static void expectInvalid(String body, Class<? extends Exception> type, String mentioned) {
        try {
            ClientInfoMessage.parse(JSON, body.getBytes(StandardCharsets.UTF_8));
            fail("accepted " + body);
        } catch (Exception e) {
            assertTrue(e.toString(), type.isInstance(e));
            assertFalse(e.getMessage() == null || e.getMessage().isBlank());
            if (mentioned != null) {
                assertTrue(e.getMessage(), e.getMessage().contains(mentioned));
            }
        }
    }
}
