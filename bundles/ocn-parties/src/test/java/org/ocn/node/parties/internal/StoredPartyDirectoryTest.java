package org.ocn.node.parties.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.ocn.node.store.testing.TemporaryDerby;
import org.ocn.node.api.ocpi.BusinessDetails;
import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.Credentials;
import org.ocn.node.api.ocpi.CredentialsRole;
import org.ocn.node.api.ocpi.Endpoint;
import org.ocn.node.api.ocpi.Image;
import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.api.ocpi.TokenEncoding;
import org.ocn.node.api.ocpi.VersionNumber;
import org.ocn.node.parties.DirectoryException;
import org.ocn.node.parties.Platform;
import org.ocn.node.parties.Registered;
import org.ocn.node.parties.Registration;
import org.ocn.node.parties.TokenMatch;

/** The directory on a real Derby database in a folder, reopened to check what survives. */
public class StoredPartyDirectoryTest {

    private static final PartyId MSP = PartyId.of("DE", "MSP");
    private static final PartyId CPO = PartyId.of("CH", "CPO");

    @Rule
    public TemporaryDerby derby = new TemporaryDerby();

    private EmbeddedDataSource ds;

    @Before
    public void open() {
        ds = derby.dataSource();
    }

    private static Registration registration(String tokenB, PartyId... parties) {
        List<CredentialsRole> roles = java.util.Arrays.stream(parties)
                .map(p -> new CredentialsRole(p.equals(CPO) ? Role.CPO : Role.EMSP,
                        new BusinessDetails("Biz " + p, "https://example.com",
                                new Image("https://example.com/logo.png", null, "OPERATOR", "png", 64, 64)), p))
                .toList();
        return new Registration(new Credentials(tokenB, "https://party.example.com/ocpi/versions", roles),
                VersionNumber.V2_2_1,
                List.of(new Endpoint("credentials", InterfaceRole.SENDER, "https://party.example.com/ocpi/2.2.1/credentials"),
                        new Endpoint("locations", InterfaceRole.RECEIVER, "https://party.example.com/ocpi/2.2.1/locations")),
                TokenEncoding.BASE64);
    }

    @Test
    public void registrationLifecycleSurvivesReopening() throws Exception {
        StoredPartyDirectory directory = new StoredPartyDirectory(ds);
        String tokenA = directory.issueRegistrationToken(List.of(MSP));
        assertEquals(ConnectionStatus.PLANNED, directory.connectionStatus(MSP).orElseThrow());

        TokenMatch match = directory.findByToken(tokenA).orElseThrow();
        assertEquals(TokenMatch.Kind.REGISTRATION, match.kind());
        assertEquals(java.util.Set.of(MSP), match.platform().admitted());

        Registered registered = directory.register(match.platform().id(), registration("token-b", MSP));
        String tokenC = registered.tokenC();
        assertNotEquals(tokenA, tokenC);
        assertEquals("token A lives until token C is used", TokenMatch.Kind.REGISTRATION,
                directory.findByToken(tokenA).orElseThrow().kind());
        assertFalse(directory.lastSeen(match.platform().id()).isPresent());
        assertEquals(TokenMatch.Kind.ACCESS, directory.findByToken(tokenC).orElseThrow().kind());
        assertFalse("token A is dead once token C was used", directory.findByToken(tokenA).isPresent());
        assertTrue(directory.lastSeen(match.platform().id()).isPresent());
        assertEquals(ConnectionStatus.CONNECTED, directory.connectionStatus(MSP).orElseThrow());

        // a new directory on the same database: what a restart sees
        StoredPartyDirectory reopened = new StoredPartyDirectory(ds);
        assertEquals("last seen is kept", directory.lastSeen(match.platform().id()).orElseThrow().toEpochMilli(),
                reopened.lastSeen(match.platform().id()).orElseThrow().toEpochMilli());
        Platform p = reopened.findByToken(tokenC).orElseThrow().platform();
        assertEquals("token-b", p.tokenB());
        assertEquals(TokenEncoding.BASE64, p.tokenEncoding());
        assertEquals(VersionNumber.V2_2_1, p.version());
        assertEquals("https://party.example.com/ocpi/versions", p.versionsUrl());
        assertEquals(2, p.endpoints().size());
        assertEquals("https://party.example.com/ocpi/2.2.1/locations",
                p.endpoint("locations", InterfaceRole.RECEIVER).orElseThrow().url());
        CredentialsRole role = p.roles().get(0);
        assertEquals(MSP, role.party());
        assertEquals(Role.EMSP, role.role());
        assertEquals(Integer.valueOf(64), role.businessDetails().logo().width());
        assertFalse(reopened.findByToken(tokenA).isPresent());
    }

    @Test
    public void aRegistrationWhoseAnswerWasLostIsDoneAgainWithTheSameTokenA() throws Exception {
        StoredPartyDirectory directory = new StoredPartyDirectory(ds);
        String tokenA = directory.issueRegistrationToken(List.of(MSP));
        long id = directory.findByToken(tokenA).orElseThrow().platform().id();
        String lost = directory.register(id, registration("b1", MSP)).tokenC();

        // a restart between the commit and the answer: the party retries with its token A
        StoredPartyDirectory restarted = new StoredPartyDirectory(ds);
        TokenMatch retry = restarted.findByToken(tokenA).orElseThrow();
        assertEquals(TokenMatch.Kind.REGISTRATION, retry.kind());
        assertEquals(ConnectionStatus.CONNECTED, retry.platform().status());
        Registered again = restarted.register(retry.platform().id(), registration("b2", MSP));
        assertFalse("the unused first token C dies", restarted.findByToken(lost).isPresent());
        assertEquals("b2", restarted.findByToken(again.tokenC()).orElseThrow().platform().tokenB());
        assertFalse(restarted.findByToken(tokenA).isPresent());
        assertFalse(new StoredPartyDirectory(ds).findByToken(tokenA).isPresent());
    }

    @Test
    public void aPendingPlatformCanBeUnregisteredAndItsTokenADies() throws Exception {
        StoredPartyDirectory directory = new StoredPartyDirectory(ds);
        String tokenA = directory.issueRegistrationToken(List.of(MSP));
        long id = directory.findByToken(tokenA).orElseThrow().platform().id();
        assertEquals(ConnectionStatus.SUSPENDED, directory.unregister(id).status());
        assertFalse(directory.findByToken(tokenA).isPresent());
        try {
            directory.unregister(id);
            fail("unregistered twice");
        } catch (DirectoryException e) {
            assertEquals(DirectoryException.Reason.WRONG_STATE, e.reason());
        }
    }

    @Test
    public void updateRotatesTokenC() throws Exception {
        StoredPartyDirectory directory = new StoredPartyDirectory(ds);
        long id = directory.findByToken(directory.issueRegistrationToken(List.of(MSP))).orElseThrow().platform().id();
        String first = directory.register(id, registration("b1", MSP)).tokenC();
        Registered second = directory.update(id, registration("b2", MSP));
        assertFalse(directory.findByToken(first).isPresent());
        assertEquals("b2", directory.findByToken(second.tokenC()).orElseThrow().platform().tokenB());
        assertEquals("b2", new StoredPartyDirectory(ds).findByToken(second.tokenC()).orElseThrow().platform().tokenB());
    }

    @Test
    public void aPartyConnectsThroughOnePlatformOnly() throws Exception {
        StoredPartyDirectory directory = new StoredPartyDirectory(ds);
        long first = directory.findByToken(directory.issueRegistrationToken(List.of(MSP))).orElseThrow().platform().id();
        long second = directory.findByToken(directory.issueRegistrationToken(List.of(MSP))).orElseThrow().platform().id();
        directory.register(first, registration("b1", MSP));
        try {
            directory.register(second, registration("b2", MSP));
            fail("a second platform took a connected party");
        } catch (DirectoryException e) {
            assertEquals(DirectoryException.Reason.PARTY_CONNECTED, e.reason());
        }
        try {
            directory.issueRegistrationToken(List.of(CPO, MSP));
            fail("a token was issued for a connected party");
        } catch (DirectoryException e) {
            assertEquals(DirectoryException.Reason.PARTY_CONNECTED, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains("DE/MSP"));
        }
    }

    @Test
    public void tokenADiesWithTheFirstUseOfTokenC() throws Exception {
        StoredPartyDirectory directory = new StoredPartyDirectory(ds);
        long id = directory.findByToken(directory.issueRegistrationToken(List.of(MSP))).orElseThrow().platform().id();
        String tokenC = directory.register(id, registration("b1", MSP)).tokenC();
        directory.findByToken(tokenC).orElseThrow();
        try {
            directory.register(id, registration("b1", MSP));
            fail("registered twice");
        } catch (DirectoryException e) {
            assertEquals(DirectoryException.Reason.WRONG_STATE, e.reason());
        }
    }

    @Test
    public void unregisteredPartiesAreSuspendedAndMayComeBack() throws Exception {
        StoredPartyDirectory directory = new StoredPartyDirectory(ds);
        long id = directory.findByToken(directory.issueRegistrationToken(List.of(MSP))).orElseThrow().platform().id();
        String tokenC = directory.register(id, registration("b1", MSP)).tokenC();
        Platform gone = directory.unregister(id);
        assertEquals(ConnectionStatus.SUSPENDED, gone.status());
        assertNull(gone.tokenB());
        assertFalse(directory.findByToken(tokenC).isPresent());
        assertEquals(ConnectionStatus.SUSPENDED, directory.connectionStatus(MSP).orElseThrow());
        assertEquals(ConnectionStatus.SUSPENDED, new StoredPartyDirectory(ds).connectionStatus(MSP).orElseThrow());

        long again = directory.findByToken(directory.issueRegistrationToken(List.of(MSP))).orElseThrow().platform().id();
        directory.register(again, registration("b3", MSP));
        assertEquals(again, directory.findByParty(MSP).orElseThrow().id());
        StoredPartyDirectory reopened = new StoredPartyDirectory(ds);
        assertEquals(again, reopened.findByParty(MSP).orElseThrow().id());
        assertTrue(reopened.platforms().stream().filter(p -> p.id() == id).findFirst().orElseThrow().roles().isEmpty());
    }

    @Test
    public void statusChangesAreStoredAndHeardOfOnce() throws Exception {
        StoredPartyDirectory directory = new StoredPartyDirectory(ds);
        List<String> heard = new java.util.ArrayList<>();
        directory.addListener((dir, before, after) -> heard.add(before.status() + ">" + after.status()));
        long id = directory.findByToken(directory.issueRegistrationToken(List.of(MSP))).orElseThrow().platform().id();
        String tokenC = directory.register(id, registration("b1", MSP)).tokenC();
        heard.clear();

        Platform offline = directory.setStatus(id, ConnectionStatus.OFFLINE);
        assertEquals(ConnectionStatus.OFFLINE, offline.status());
        assertEquals("b1", offline.tokenB());
        assertEquals(ConnectionStatus.OFFLINE, directory.connectionStatus(MSP).orElseThrow());
        assertEquals("an offline platform keeps its token C", id, directory.findRegistered(List.of(tokenC)).orElseThrow().id());
        directory.setStatus(id, ConnectionStatus.OFFLINE);
        assertEquals("no change, no event", List.of("CONNECTED>OFFLINE"), heard);
        assertEquals(ConnectionStatus.OFFLINE, new StoredPartyDirectory(ds).connectionStatus(MSP).orElseThrow());

        directory.setStatus(id, ConnectionStatus.CONNECTED);
        assertEquals(List.of("CONNECTED>OFFLINE", "OFFLINE>CONNECTED"), heard);
        assertEquals(ConnectionStatus.CONNECTED, new StoredPartyDirectory(ds).connectionStatus(MSP).orElseThrow());

        for (ConnectionStatus wrong : List.of(ConnectionStatus.PLANNED, ConnectionStatus.SUSPENDED)) {
            try {
                directory.setStatus(id, wrong);
                fail(wrong + " set by setStatus");
            } catch (DirectoryException e) {
                assertEquals(DirectoryException.Reason.WRONG_STATE, e.reason());
            }
        }
        directory.unregister(id);
        try {
            directory.setStatus(id, ConnectionStatus.CONNECTED);
            fail("an unregistered platform came back through setStatus");
        } catch (DirectoryException e) {
            assertEquals(DirectoryException.Reason.WRONG_STATE, e.reason());
        }
        try {
            directory.setStatus(id + 100, ConnectionStatus.OFFLINE);
            fail("an unknown platform changed");
        } catch (DirectoryException e) {
            assertEquals(DirectoryException.Reason.UNKNOWN_PLATFORM, e.reason());
        }
    }

    @Test
    public void unknownPartiesAndTokensAreUnknown() throws Exception {
        StoredPartyDirectory directory = new StoredPartyDirectory(ds);
        assertFalse(directory.connectionStatus(CPO).isPresent());
        assertFalse(directory.findByToken("nope").isPresent());
    }
}
