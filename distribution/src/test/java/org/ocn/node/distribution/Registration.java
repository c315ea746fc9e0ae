package org.ocn.node.distribution;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;

/** The operator's and the party's steps of a registration, as a client would take them. */
final class Registration {

    private Registration() {
    }

    /** The operator issues a registration token for these parties ({@code "DE/MSP"}). */
    static String tokenA(NodeProcess node, String... parties) {
        return tokenA(node.url(), NodeProcess.ADMIN_KEY, parties);
    }

    /** The operator of the node at that URL, with that admin key, issues a registration token. */
    static String tokenA(String nodeUrl, String adminKey, String... parties) {
        StringBuilder body = new StringBuilder("[");
        for (String p : parties) {
            String[] cc = p.split("/");
            body.append(body.length() > 1 ? "," : "").append("{\"country_code\":\"").append(cc[0])
                    .append("\",\"party_id\":\"").append(cc[1]).append("\"}");
        }
        Http.Answer a = Http.send("POST", nodeUrl + "/admin/generate-registration-token",
                "Token " + adminKey, body.append("]").toString());
        assertEquals(a.toString(), 200, a.status());
        JsonNode json = a.json();
        assertEquals(nodeUrl + "/ocpi/versions", json.get("versions").asText());
        return json.get("token").asText();
    }

    /** A credentials object for one role. */
    static String credentials(String tokenB, String versionsUrl, String role, String party) {
        String[] cc = party.split("/");
        return "{\"token\":\"" + tokenB + "\",\"url\":\"" + versionsUrl + "\",\"roles\":[{\"role\":\"" + role
                + "\",\"business_details\":{\"name\":\"" + party + " Inc.\"},\"party_id\":\"" + cc[1]
                + "\",\"country_code\":\"" + cc[0] + "\"}]}";
    }

    /** The party's credentials POST; returns the answer. */
    static Http.Answer post(NodeProcess node, String version, String authorization, MockParty party, String role,
                            String partyId) {
        return Http.send("POST", node.url() + "/ocpi/" + version + "/credentials", authorization,
                credentials(party.tokenB(), party.versionsUrl(), role, partyId));
    }

    /** Registers a party end to end and returns its token C. */
    static String register(NodeProcess node, String version, MockParty party, String role, String partyId) {
        String tokenA = tokenA(node, partyId);
        String authorization = version.equals("2.2.1") ? "Token " + Http.base64(tokenA) : "Token " + tokenA;
        Http.Answer a = post(node, version, authorization, party, role, partyId);
        assertEquals(a.toString(), 200, a.status());
        assertEquals(a.toString(), 1000, a.statusCode());
        return a.json().at("/data/token").asText();
    }

    /** Registers a mock platform for one role through the 2.2.1 credentials endpoint and returns its token C. */
    static String register(NodeProcess node, MockPlatform platform, String role, String party) {
        String tokenA = tokenA(node, party);
        Http.Answer a = Http.send("POST", node.url() + "/ocpi/2.2.1/credentials", "Token " + Http.base64(tokenA),
                credentials(platform.tokenB(), platform.versionsUrl(), role, party));
        assertEquals(a.toString(), 1000, a.statusCode());
        return a.json().at("/data/token").asText();
    }

    static String connectionStatus(NodeProcess node, String party) {
        Http.Answer a = Http.get(node.url() + "/admin/connection-status/" + party, "Token " + NodeProcess.ADMIN_KEY);
        return a.status() + " " + a.body();
    }
}
