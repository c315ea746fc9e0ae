package org.ocn.node.api.ocpi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

public class AuthorizationTokensTest {

    @Test
    public void readsBase64PlainAndBareTokens() {
        String token = "d3f1c2a0-7e3b-4a5e-9d7c-2b1f0e9a8c6d";
        String b64 = TokenEncoding.BASE64.encode(token);
        assertEquals(List.of(b64, token), AuthorizationTokens.candidates("Token " + b64));
        assertEquals(List.of(token), AuthorizationTokens.candidates("Token " + token));
        assertEquals(List.of(token), AuthorizationTokens.candidates(token));
        assertEquals(List.of(token), AuthorizationTokens.candidates("token   " + token + " "));
        assertEquals(List.of(b64, token), AuthorizationTokens.candidates(b64));
    }

    @Test
    public void missingOrBlankOrBinaryGivesNothing() {
        assertTrue(AuthorizationTokens.candidates(null).isEmpty());
        assertTrue(AuthorizationTokens.candidates("").isEmpty());
        assertTrue(AuthorizationTokens.candidates("Token ").isEmpty());
        assertTrue(AuthorizationTokens.candidates("Token a b").isEmpty());
        // Base64 of bytes that are not printable ASCII is kept as a plain token only
        assertEquals(List.of("AAEC"), AuthorizationTokens.candidates("Token AAEC"));
    }

    @Test
    public void encodingFollowsVersion() {
        assertEquals(TokenEncoding.BASE64, TokenEncoding.forVersion(VersionNumber.V2_2_1));
        assertEquals(TokenEncoding.PLAIN, TokenEncoding.forVersion(VersionNumber.V2_2));
        assertEquals("Token ZXhhbXBsZS10b2tlbg==", TokenEncoding.BASE64.authorizationHeader("example-token"));
        assertEquals("Token example-token", TokenEncoding.PLAIN.authorizationHeader("example-token"));
    }

    @Test
    public void partyIdsCompareCaseInsensitively() {
        assertEquals(PartyId.of("de", "msp"), PartyId.of("DE", "MSP"));
        assertEquals("DE/MSP", PartyId.of("de", "Msp").toString());
    }

    @Test(expected = IllegalArgumentException.class)
    public void partyIdRejectsWrongLength() {
        PartyId.of("DEU", "MSP");
    }
}
