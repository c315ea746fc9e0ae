package org.ocn.node.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The two example plugins (plugins-sdk/examples) in the built distribution, dropped into {@code deploy/} of a running
 * node with a CPO and eMSPs connected (mock platforms): the settlement service's statements for every party (and
 * nothing for a party outside the pairs), kept across an update of the plugin (a new jar in {@code deploy/}), its
 * removal, its installation and update through the admin API ({@code /admin/plugins}), and a restart of the node; the green-energy certificates of the same kind of CDRs, with the mix of the CPO's location
 * (the specification's examples), signed with the key the node keeps for the service and checked here with web3j
 * against the service's address.
 */
public class ExamplePluginsIT {

    /** Reads amounts as the plugins write them: exact decimals, with their scale ({@code 4.10} stays {@code 4.10}). */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).build();
    private static final String CPO = "CH/CPO";
    private static final String EMSP = "DE/MSP";
    private static final String THIRD = "NL/THD";
    private static final String GREEN_EMSP = "AT/GRN";
    private static final String SETTLEMENT = "CH/STL";
    private static final String GREEN = "CH/GEC";
    private static final String SETTLEMENT_BUNDLE = "org.ocn.node.ocn-example-settlement";

    private static Path home;
    private static NodeProcess node;
    private static MockPlatform cpo;
    private static MockPlatform emsp;
    private static MockPlatform third;
    private static MockPlatform greenEmsp;
    private static final Map<String, String> TOKENS = new HashMap<>();

    @BeforeClass
    public static void start() throws Exception {
        home = NodeProcess.unpack("example-plugins");
        node = NodeProcess.in(home, home.resolve("data")).start();
        cpo = new MockPlatform("2.2.1", List.of(MockPlatform.endpoint("locations", "SENDER"),
                MockPlatform.endpoint("cdrs", "SENDER")));
        cpo.respond(ExamplePluginsIT::cpoAnswers);
        emsp = eMsp();
        third = eMsp();
        greenEmsp = eMsp();
        TOKENS.put(CPO, Registration.register(node, cpo, "CPO", CPO));
        TOKENS.put(EMSP, Registration.register(node, emsp, "EMSP", EMSP));
        TOKENS.put(THIRD, Registration.register(node, third, "EMSP", THIRD));
        TOKENS.put(GREEN_EMSP, Registration.register(node, greenEmsp, "EMSP", GREEN_EMSP));

        deploy("ocn.example.settlement.jar", "ocn-example-settlement.jar", null);
        deploy("ocn.example.green-energy.jar", "ocn-example-green-energy.jar", null);
        awaitAnswer(EMSP, SETTLEMENT, "/ocpi/custom/sender/settlement", a -> a.statusCode() == 1000);
        awaitAnswer(EMSP, GREEN, "/ocpi/custom/sender/green-energy", a -> a.statusCode() == 1000);
    }

    @AfterClass
    public static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {cpo, emsp, third, greenEmsp, node}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static MockPlatform eMsp() throws IOException {
        MockPlatform platform = new MockPlatform("2.2.1", List.of(MockPlatform.endpoint("cdrs", "RECEIVER"),
                MockPlatform.endpoint("locations", "RECEIVER")));
        // an eMSP accepts every CDR but those whose id says otherwise
        platform.respond(r -> r.text().contains("\"id\":\"REJECTED")
                ? new MockPlatform.Answer(200, Map.of(), MockPlatform.envelope(2001, "null"), 0)
                : MockPlatform.Answer.ok("null"));
        return platform;
    }

    /**
     * The CPO serves its locations {@code MIX...} as the specification's example location with the example's complete
     * energy mix, {@code NOMIX...} as the example location without one, and knows no other.
     */
    private static MockPlatform.Answer cpoAnswers(MockPlatform.Received r) {
        String prefix = "/ocpi/2.2.1/locations/sender/";
        String id = r.path().startsWith(prefix) ? r.path().substring(prefix.length()) : "";
        if (r.method().equals("GET") && (id.startsWith("MIX") || id.startsWith("NOMIX"))) {
            ObjectNode location = example("location_example.json");
            location.put("country_code", "CH").put("party_id", "CPO").put("id", id);
            if (id.startsWith("MIX")) {
                location.set("energy_mix", example("location_energymix_example_complete.json").get("energy_mix"));
            }
            return MockPlatform.Answer.ok(location.toString());
        }
        return new MockPlatform.Answer(404, Map.of(), MockPlatform.envelope(2003, "null"), 0);
    }

    // ------------------------------------------------------------------------------------------- settlement

    @Test
    public void settlementStatementsAreExactPerPartyAndSurviveUpdatesReinstallsAndRestarts() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        assertEquals(1000, postCdr(CPO, EMSP, cdr(run + "-1", "EUR", "15.342", "4.00", "4.40", "MIX-S")).statusCode());
        assertEquals(1000, postCdr(CPO, EMSP, cdr(run + "-2", "EUR", "0.658", "0.10", "0.12", "MIX-S")).statusCode());
        assertEquals(1000, postCdr(CPO, EMSP, cdr(run + "-3", "CHF", "20", "7.50", "8.10", "NOMIX-S")).statusCode());
        assertEquals("the eMSP refused it: not counted", 2001,
                postCdr(CPO, EMSP, cdr("REJECTED-" + run, "EUR", "99", "99.00", "99.00", "MIX-S")).statusCode());

        assertEquals("Settlement", listedService(SETTLEMENT).get("name").asText());
        JsonNode emspStatement = awaitStatement(EMSP, s -> count(s, CPO, "EMSP", "CHF") == 1 && count(s, CPO, "EMSP", "EUR") == 2);
        JsonNode eur = entry(emspStatement, CPO, "EMSP", "EUR");
        assertAmount("16.000", eur.get("total_energy"));
        assertAmount("4.10", eur.at("/total_cost/excl_vat"));
        assertAmount("4.52", eur.at("/total_cost/incl_vat"));
        JsonNode chf = entry(emspStatement, CPO, "EMSP", "CHF");
        assertAmount("20", chf.get("total_energy"));
        assertAmount("7.50", chf.at("/total_cost/excl_vat"));
        assertAmount("8.10", chf.at("/total_cost/incl_vat"));
        String periodStart = emspStatement.get("period_start").asText();

        JsonNode cpoStatement = statement(CPO);
        assertAmount("4.10", entry(cpoStatement, EMSP, "CPO", "EUR").at("/total_cost/excl_vat"));
        assertAmount("8.10", entry(cpoStatement, EMSP, "CPO", "CHF").at("/total_cost/incl_vat"));
        assertEquals(periodStart, cpoStatement.get("period_start").asText());
        assertEquals("a party outside every pair sees nothing", 0, statement(THIRD).get("entries").size());

        // an update: a new version of the jar copied over the old one; the totals and the period stay
        int activations = node.occurrences("Settlement CH/STL counts CDRs since");
        deploy("ocn.example.settlement.jar", "ocn-example-settlement.jar", "0.1.1.it");
        node.awaitLog("Settlement CH/STL counts CDRs since", activations + 1);
        assertEquals(1000, postCdr(CPO, EMSP, cdr(run + "-4", "EUR", "1", "1.00", "1.19", "NOMIX-S")).statusCode());
        JsonNode updated = awaitStatement(EMSP, s -> count(s, CPO, "EMSP", "EUR") == 3);
        assertAmount("5.10", entry(updated, CPO, "EMSP", "EUR").at("/total_cost/excl_vat"));
        assertAmount("5.71", entry(updated, CPO, "EMSP", "EUR").at("/total_cost/incl_vat"));
        assertEquals("the period runs since the first installation", periodStart, updated.get("period_start").asText());

        // removed from deploy/: the service is gone from the network; installed again, now through the admin API:
        // its totals are back
        Files.delete(home.resolve("deploy/ocn-example-settlement.jar"));
        awaitAnswer(EMSP, SETTLEMENT, "/ocpi/custom/sender/settlement", a -> a.statusCode() == 4001);
        Path jar = Path.of(System.getProperty("ocn.example.settlement.jar"));
        JsonNode installed = json(admin("POST", "/admin/plugins", jar, 201));
        assertEquals(SETTLEMENT_BUNDLE, installed.get("id").asText());
        JsonNode reinstalled = awaitStatement(EMSP, s -> count(s, CPO, "EMSP", "EUR") == 3);
        assertAmount("5.10", entry(reinstalled, CPO, "EMSP", "EUR").at("/total_cost/excl_vat"));
        assertEquals(periodStart, reinstalled.get("period_start").asText());

        // updated through the admin API
        Path newer = home.resolve("settlement-0.1.2.jar");
        PluginJars.withVersion(jar, newer, "0.1.2.it");
        JsonNode updatedEntry = json(admin("PUT", "/admin/plugins/" + SETTLEMENT_BUNDLE, newer, 200));
        assertEquals("0.1.2.it", updatedEntry.get("version").asText());
        JsonNode listed = awaitPluginEntry(e -> e.path("services").toString().contains(SETTLEMENT));
        assertEquals("ACTIVE", listed.get("state").asText());
        assertEquals(1000, postCdr(CPO, EMSP, cdr(run + "-5", "EUR", "2", "2.00", "2.38", "NOMIX-S")).statusCode());
        JsonNode afterApiUpdate = awaitStatement(EMSP, s -> count(s, CPO, "EMSP", "EUR") == 4);
        assertAmount("7.10", entry(afterApiUpdate, CPO, "EMSP", "EUR").at("/total_cost/excl_vat"));
        assertAmount("8.09", entry(afterApiUpdate, CPO, "EMSP", "EUR").at("/total_cost/incl_vat"));

        // the node restarts: everything is still there
        node.stop();
        node.start();
        JsonNode afterRestart = awaitStatement(EMSP, s -> count(s, CPO, "EMSP", "EUR") == 4);
        assertEquals(periodStart, afterRestart.get("period_start").asText());
        assertAmount("8.09", entry(afterRestart, CPO, "EMSP", "EUR").at("/total_cost/incl_vat"));
        assertAmount("19.000", entry(afterRestart, CPO, "EMSP", "EUR").get("total_energy"));
        assertAmount("8.10", entry(afterRestart, CPO, "EMSP", "CHF").at("/total_cost/incl_vat"));
        assertEquals(0, statement(THIRD).get("entries").size());
    }

    @Test
    public void settlementAnswersOtherMethodsAndPathsCleanly() {
        Http.Answer post = Http.routed("POST", node.url() + "/ocpi/custom/sender/settlement", TOKENS.get(EMSP), EMSP,
                SETTLEMENT, "{}", "corr-" + UUID.randomUUID(), Map.of());
        assertEquals(post.toString(), 405, post.status());
        Http.Answer path = Http.routed("GET", node.url() + "/ocpi/custom/sender/settlement/CH/CPO", TOKENS.get(EMSP),
                EMSP, SETTLEMENT, null, "corr-" + UUID.randomUUID(), Map.of());
        assertEquals(path.toString(), 2001, path.statusCode());
    }

    // ----------------------------------------------------------------------------------------- green energy

    @Test
    public void greenEnergyCertificatesCarryTheLocationsMixAndTheServicesSignature() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String withMix = "MIX-" + run;
        postCdr(CPO, GREEN_EMSP, cdr(run + "-G1", "EUR", "15.342", "4.00", "4.40", withMix));
        postCdr(CPO, GREEN_EMSP, cdr(run + "-G2", "EUR", "10", "2.00", "2.40", withMix));
        postCdr(CPO, GREEN_EMSP, cdr(run + "-G3", "EUR", "5", "1.00", "1.20", "NOMIX-" + run));
        postCdr(CPO, GREEN_EMSP, cdr(run + "-G4", "EUR", "5", "1.00", "1.20", "UNKNOWN-" + run));
        postCdr(CPO, GREEN_EMSP, cdr("REJECTED-" + run, "EUR", "5", "1.00", "1.20", withMix));

        Map<String, JsonNode> certificates = awaitCertificates(GREEN_EMSP, run, 4);
        JsonNode g1 = certificates.get(run + "-G1");
        JsonNode c1 = g1.get("certificate");
        assertEquals("DECLARED", c1.get("energy_mix_status").asText());
        assertFalse(c1.get("is_green_energy").asBoolean());
        assertEquals(withMix, c1.get("location_id").asText());
        assertEquals("CH", c1.at("/cpo/country_code").asText());
        assertEquals("GRN", c1.at("/emsp/party_id").asText());
        assertEquals(5, c1.get("energy_sources").size());
        assertAmount("5.507778", c1.at("/energy_sources/0/energy_kwh"));
        assertEquals("GENERAL_GREEN", c1.at("/energy_sources/0/source").asText());
        assertEquals("E.ON Energy Deutschland", c1.get("supplier_name").asText());
        assertEquals("NOT_DECLARED", certificates.get(run + "-G3").at("/certificate/energy_mix_status").asText());
        assertEquals("UNAVAILABLE", certificates.get(run + "-G4").at("/certificate/energy_mix_status").asText());

        // signed by the key the node keeps for the service, whose address the services registry lists: checked
        // here, independently, as ethers' verifyMessage does
        String listed = listedService(GREEN).get("address").asText();
        assertEquals(List.of("green-energy"), JSON.convertValue(listedService(GREEN).get("modules"), List.class));
        for (JsonNode c : certificates.values()) {
            assertTrue(listed + " / " + c.get("signer"), listed.equalsIgnoreCase(c.get("signer").asText()));
            assertEquals(listed.toLowerCase(), recoverSigner(c.get("certificate_json").asText(), c.get("signature").asText()));
            assertEquals(JSON.readTree(c.get("certificate_json").asText()), c.get("certificate"));
        }
        MockPlatform.Received asked = cpo.await("GET", "/ocpi/2.2.1/locations/sender/" + withMix);
        assertEquals("the CDRs at one location needed one question to the CPO, asked as the service", 0,
                countRequests(r -> r.path().equals("/ocpi/2.2.1/locations/sender/" + withMix)));
        assertEquals("CH", asked.header("ocpi-from-country-code"));
        assertEquals("GEC", asked.header("ocpi-from-party-id"));

        // both parties of a CDR see its certificate; nobody else does, but anyone may verify one
        String id = c1.get("certificate_id").asText();
        Http.Answer byCpo = routed("GET", "/ocpi/custom/sender/green-energy/" + id, CPO, GREEN);
        assertEquals(byCpo.toString(), g1.get("certificate_json").asText(), byCpo.json().at("/data/certificate_json").asText());
        Http.Answer byStranger = routed("GET", "/ocpi/custom/sender/green-energy/" + id, THIRD, GREEN);
        assertEquals(byStranger.toString(), 404, byStranger.status());
        ObjectNode check = JSON.createObjectNode();
        check.put("certificate_json", g1.get("certificate_json").asText());
        check.put("signature", g1.get("signature").asText());
        Http.Answer verified = Http.routed("POST", node.url() + "/ocpi/custom/receiver/green-energy/verify",
                TOKENS.get(THIRD), THIRD, GREEN, check.toString(), "corr-" + UUID.randomUUID(), Map.of());
        assertTrue(verified.toString(), verified.json().at("/data/valid").asBoolean());
        assertTrue(verified.json().at("/data/issued_here").asBoolean());
        check.put("certificate_json", g1.get("certificate_json").asText().replace("15.342", "25.342"));
        Http.Answer forged = Http.routed("POST", node.url() + "/ocpi/custom/receiver/green-energy/verify",
                TOKENS.get(THIRD), THIRD, GREEN, check.toString(), "corr-" + UUID.randomUUID(), Map.of());
        assertFalse(forged.toString(), forged.json().at("/data/valid").asBoolean());
    }

    // -------------------------------------------------------------------------------------------- helpers

    static ObjectNode example(String name) {
        try (InputStream in = ExamplePluginsIT.class.getResourceAsStream("/ocpi-examples/2.2.1/" + name)) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The specification's example CDR (see ocpi-examples/NOTICE.md) with another id, currency, amounts and location,
     * and the {@code cdr_token.country_code}/{@code party_id} OCPI 2.2.1 requires (missing in the example).
     */
    static String cdr(String id, String currency, String energy, String exclVat, String inclVat,
                              String location) {
        ObjectNode cdr = example("cdr_example.json");
        cdr.put("country_code", "CH").put("party_id", "CPO").put("id", id).put("currency", currency);
        ((ObjectNode) cdr.get("cdr_token")).put("country_code", "DE").put("party_id", "MSP");
        ((ObjectNode) cdr.get("cdr_location")).put("id", location);
        cdr.put("total_energy", new BigDecimal(energy));
        cdr.putObject("total_cost").put("excl_vat", new BigDecimal(exclVat)).put("incl_vat", new BigDecimal(inclVat));
        return cdr.toString();
    }

    private static Http.Answer postCdr(String from, String to, String body) {
        return Http.routed("POST", node.url() + "/ocpi/receiver/2.2.1/cdrs", TOKENS.get(from), from, to, body,
                "corr-" + UUID.randomUUID(), Map.of());
    }

    private static Http.Answer routed(String method, String path, String from, String to) {
        return Http.routed(method, node.url() + path, TOKENS.get(from), from, to, null, "corr-" + UUID.randomUUID(),
                Map.of());
    }

    private static JsonNode statement(String party) {
        Http.Answer a = routed("GET", "/ocpi/custom/sender/settlement", party, SETTLEMENT);
        assertEquals(a.toString(), 1000, a.statusCode());
        return json(a).get("data");
    }

    private static JsonNode json(Http.Answer a) {
        try {
            return JSON.readTree(a.body());
        } catch (IOException e) {
            throw new UncheckedIOException(a.toString(), e);
        }
    }

    /** Waits for a statement to show what the CDRs routed so far add up to (the tap runs after each answer). */
    private static JsonNode awaitStatement(String party, Predicate<JsonNode> ready) throws InterruptedException {
        Http.Answer a = awaitAnswer(party, SETTLEMENT, "/ocpi/custom/sender/settlement",
                answer -> answer.statusCode() == 1000 && ready.test(json(answer).get("data")));
        return json(a).get("data");
    }

    private static Http.Answer awaitAnswer(String from, String to, String path, Predicate<Http.Answer> ready)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Http.Answer last = null;
        while (System.nanoTime() < deadline) {
            last = routed("GET", path, from, to);
            if (ready.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no such answer within 60 s; last: " + last);
    }

    private static JsonNode entry(JsonNode statement, String counterparty, String role, String currency) {
        for (JsonNode e : statement.get("entries")) {
            if (matches(e, counterparty, role, currency)) {
                return e;
            }
        }
        throw new AssertionError("no entry " + counterparty + " " + role + " " + currency + " in " + statement);
    }

    private static int count(JsonNode statement, String counterparty, String role, String currency) {
        for (JsonNode e : statement.get("entries")) {
            if (matches(e, counterparty, role, currency)) {
                return e.get("cdr_count").asInt();
            }
        }
        return 0;
    }

    private static boolean matches(JsonNode entry, String counterparty, String role, String currency) {
        String cp = entry.at("/counterparty/country_code").asText() + "/" + entry.at("/counterparty/party_id").asText();
        return cp.equals(counterparty) && entry.get("role").asText().equals(role)
                && entry.get("currency").asText().equals(currency);
    }

    private static void assertAmount(String expected, JsonNode value) {
        assertNotNull(value);
        assertTrue("a JSON number: " + value, value.isNumber());
        assertEquals(expected, value.decimalValue().toPlainString());
    }

    /** Waits for the certificates of this run's CDRs ({@code <run>-...}), by CDR id. */
    private static Map<String, JsonNode> awaitCertificates(String party, String run, int expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, JsonNode> found = new HashMap<>();
        while (System.nanoTime() < deadline) {
            found.clear();
            Http.Answer a = routed("GET", "/ocpi/custom/sender/green-energy?limit=100", party, GREEN);
            if (a.statusCode() == 1000) {
                for (JsonNode c : json(a).get("data")) {
                    String cdrId = c.at("/certificate/cdr_id").asText();
                    if (cdrId.startsWith(run)) {
                        found.put(cdrId, c);
                    }
                }
                if (found.size() >= expected) {
                    assertEquals("the refused CDR has no certificate: " + found.keySet(), expected, found.size());
                    return found;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("only " + found.keySet() + " certified within 60 s");
    }

    /** Sends a plugin jar to the admin API and expects that HTTP status. */
    private static Http.Answer admin(String method, String path, Path jar, int expected) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(node.url() + path))
                        .header("Authorization", "Token " + NodeProcess.ADMIN_KEY)
                        .header("Content-Type", "application/java-archive")
                        .method(method, HttpRequest.BodyPublishers.ofFile(jar))
                        .timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        Http.Answer a = new Http.Answer(r.statusCode(), r.body(), r);
        assertEquals(a.toString(), expected, a.status());
        return a;
    }

    /** Waits for the settlement plugin's entry in {@code GET /admin/plugins} to be as expected. */
    private static JsonNode awaitPluginEntry(Predicate<JsonNode> ready) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode entry = null;
        while (System.nanoTime() < deadline) {
            Http.Answer a = Http.get(node.url() + "/admin/plugins/" + SETTLEMENT_BUNDLE, "Token " + NodeProcess.ADMIN_KEY);
            entry = a.status() == 200 ? json(a) : null;
            if (entry != null && ready.test(entry)) {
                return entry;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("plugin entry not as expected within 60 s: " + entry);
    }

    /** @return the service's entry in the node's services registry ({@code GET /ocn/services}) */
    private static JsonNode listedService(String party) {
        Http.Answer a = Http.get(node.url() + "/ocn/services", null);
        assertEquals(a.toString(), 200, a.status());
        for (JsonNode s : json(a)) {
            if ((s.path("country_code").asText() + "/" + s.path("party_id").asText()).equals(party)) {
                return s;
            }
        }
        throw new AssertionError(party + " is not listed: " + a);
    }

    private static int countRequests(Predicate<MockPlatform.Received> which) throws InterruptedException {
        int n = 0;
        while (cpo.saw(which)) {
            cpo.await(which);
            n++;
        }
        return n;
    }

    /** @return the address whose key made an EIP-191 ({@code personal_sign}) signature of the text, lower case */
    private static String recoverSigner(String text, String signature) throws Exception {
        byte[] sig = Numeric.hexStringToByteArray(signature);
        assertEquals(65, sig.length);
        byte v = sig[64] < 27 ? (byte) (sig[64] + 27) : sig[64];
        BigInteger key = Sign.signedPrefixedMessageToKey(text.getBytes(StandardCharsets.UTF_8),
                new Sign.SignatureData(v, Arrays.copyOfRange(sig, 0, 32), Arrays.copyOfRange(sig, 32, 64)));
        return "0x" + Keys.getAddress(key);
    }

    /**
     * Copies a plugin jar into {@code deploy/} (over the one there, if any), as an operator does; with a version,
     * as that version (its manifest's {@code Bundle-Version} changed), to update the plugin.
     */
    private static void deploy(String property, String fileName, String version) throws IOException {
        Path jar = Path.of(System.getProperty(property, "missing: " + property));
        assertTrue("the plugin jar " + jar + " (system property " + property + ")", Files.isRegularFile(jar));
        Path target = home.resolve("deploy").resolve(fileName);
        Path staged = home.resolve(fileName + ".tmp");
        if (version == null) {
            Files.copy(jar, staged, StandardCopyOption.REPLACE_EXISTING);
        } else {
            PluginJars.withVersion(jar, staged, version);
        }
        // a move, so that the deployer never sees half a jar
        Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
