package org.ocn.node.parties.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;

import org.junit.Test;
import org.ocn.node.api.ocpi.BusinessDetails;
import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.Credentials;
import org.ocn.node.api.ocpi.CredentialsRole;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.api.ocpi.TokenEncoding;
import org.ocn.node.api.ocpi.VersionNumber;
import org.ocn.node.parties.DirectoryException;
import org.ocn.node.parties.Registered;
import org.ocn.node.parties.Registration;
import org.ocn.node.parties.TokenMatch;

/** The in-memory directory keeps the contract the other bundles' tests rely on, as the stored one does. */
public class InMemoryPartyDirectoryTest {

    private static final PartyId CPO = PartyId.of("CH", "CPO");

    private final InMemoryPartyDirectory directory = new InMemoryPartyDirectory();

    @Test
    public void aPlatformIsPlannedRegisteredAndUnregisteredWithItsTokens() throws Exception {
        String tokenA = directory.issueRegistrationToken(List.of(CPO));
        assertEquals(ConnectionStatus.PLANNED, directory.connectionStatus(CPO).orElseThrow());
        TokenMatch pending = directory.findByToken(tokenA).orElseThrow();
        assertEquals(TokenMatch.Kind.REGISTRATION, pending.kind());

        Registered registered = directory.register(pending.platform().id(), registration("b1"));
        assertEquals("token A lives until token C is used", TokenMatch.Kind.REGISTRATION,
                directory.findByToken(tokenA).orElseThrow().kind());
        assertEquals(TokenMatch.Kind.ACCESS, directory.findByToken(registered.tokenC()).orElseThrow().kind());
        assertTrue("token A is used up", directory.findByToken(tokenA).isEmpty());
        assertTrue(directory.lastSeen(registered.platform().id()).isPresent());
        assertEquals(ConnectionStatus.CONNECTED, directory.connectionStatus(CPO).orElseThrow());
        expect(DirectoryException.Reason.PARTY_CONNECTED, () -> directory.issueRegistrationToken(List.of(CPO)));
        expect(DirectoryException.Reason.WRONG_STATE,
                () -> directory.register(registered.platform().id(), registration("b2")));

        Registered updated = directory.update(registered.platform().id(), registration("b3"));
        assertTrue("token C rotated", directory.findByToken(registered.tokenC()).isEmpty());
        assertEquals("b3", updated.platform().tokenB());

        directory.unregister(registered.platform().id());
        assertEquals(ConnectionStatus.SUSPENDED, directory.connectionStatus(CPO).orElseThrow());
        assertTrue(directory.findByToken(updated.tokenC()).isEmpty());
        expect(DirectoryException.Reason.UNKNOWN_PLATFORM, () -> directory.setStatus(99, ConnectionStatus.OFFLINE));
    }

    private interface Call {
        void run() throws DirectoryException;
    }

    private static void expect(DirectoryException.Reason reason, Call call) {
        try {
            call.run();
            fail("expected " + reason);
        } catch (DirectoryException e) {
            assertEquals(reason, e.reason());
        }
    }

    private static Registration registration(String tokenB) {
        return new Registration(new Credentials(tokenB, "https://cpo.example.com/ocpi/versions",
                List.of(new CredentialsRole(Role.CPO, BusinessDetails.named("CPO"), CPO))), VersionNumber.V2_2_1,
                List.of(), TokenEncoding.BASE64);
    }
}
