package org.ocn.node.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The acceptance of the plugins issue in a running distribution with an eMSP and a CPO connected (mock platforms):
 * the settlement plugin, dropped into {@code deploy/} and installed through the admin API, is updated to a new
 * version while the node routes 300 requests a second (CDRs from the CPO to the eMSP, which the plugin taps, and the
 * eMSP's statements, which the plugin answers): no request fails, and no CDR routed across the update is missing from
 * the statement. Uninstalled, it leaves no thread behind (see {@link #assertThreadsBackTo}). And a plugin that overrides
 * the built-in cdrs module is installed, updated and uninstalled under the same load: every request is answered, by
 * the plugin while it is there and by the built-in module (the CDR forwarded to the eMSP) before and after it.
 */
public class SwapsUnderLoadIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CPO = "CH/CPO";
    private static final String EMSP = "DE/MSP";
    private static final String SETTLEMENT = "CH/STL";
    private static final String BUNDLE = "org.ocn.node.ocn-example-settlement";
    private static final String STATEMENT = "/ocpi/custom/sender/settlement";
    private static final int RATE = 300;
    /** What every CDR of the load weighs: the statement's totals are these times the number of CDRs. */
    private static final BigDecimal KWH = new BigDecimal("1.5");
    private static final BigDecimal EXCL_VAT = new BigDecimal("0.50");
    private static final BigDecimal INCL_VAT = new BigDecimal("0.60");

    private static Path home;
    private static Path jar;
    private static NodeProcess node;
    private static MockPlatform cpo;
    private static MockPlatform emsp;
    private static String cpoToken;
    private static String emspToken;
    private static java.util.SortedMap<String, Integer> baselineNames;

    @BeforeClass
    public static void start() throws Exception {
        jar = Path.of(System.getProperty("ocn.example.settlement.jar", "missing"));
        assertTrue("the settlement plugin jar (system property ocn.example.settlement.jar): " + jar,
                Files.isRegularFile(jar));
        home = NodeProcess.unpack("settlement-load");
        node = NodeProcess.in(home, home.resolve("data")).start();
        cpo = new MockPlatform("2.2.1", List.<String[]>of(MockPlatform.endpoint("cdrs", "SENDER")));
        emsp = new MockPlatform("2.2.1", List.<String[]>of(MockPlatform.endpoint("cdrs", "RECEIVER")));
        cpoToken = Registration.register(node, cpo, "CPO", CPO);
        emspToken = Registration.register(node, emsp, "EMSP", EMSP);
    }

    @AfterClass
    public static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {cpo, emsp, node}) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** Whatever a test left behind when it failed half-way: the next one starts without the plugin. */
    @After
    public void removeThePlugin() throws Exception {
        if (Files.deleteIfExists(home.resolve("deploy/ocn-example-settlement.jar"))) {
            awaitStatementStatus(4001);
        }
        HttpResponse<String> removed = admin("DELETE", "/admin/plugins/" + BUNDLE, null);
        assertTrue(removed.body(), removed.statusCode() == 200 || removed.statusCode() == 404);
    }

    @Test
    public void droppedIntoDeployUpdatedUnderLoadAndRemoved() throws Exception {
        int baseline = warmBaseline();
        int activations = node.occurrences("Settlement CH/STL counts CDRs since");
        copyIntoDeploy(null);
        node.awaitLog("Settlement CH/STL counts CDRs since", activations + 1);
        int before = awaitStatement(s -> true).path("cdr_count").asInt();

        long cdrs = underLoad(() -> {
            copyIntoDeploy("0.1.1.load");
            node.awaitLog("Settlement CH/STL counts CDRs since", activations + 2);
        });
        assertTotals(before + cdrs);

        Files.delete(home.resolve("deploy/ocn-example-settlement.jar"));
        awaitStatementStatus(4001);
        assertThreadsBackTo(baseline);
    }

    @Test
    public void installedUpdatedUnderLoadAndUninstalledThroughTheAdminApi() throws Exception {
        int baseline = warmBaseline();
        HttpResponse<String> installed = admin("POST", "/admin/plugins", jar);
        assertEquals(installed.body(), 201, installed.statusCode());
        int before = awaitStatement(s -> true).path("cdr_count").asInt();

        Path newer = home.resolve("settlement-api-update.jar");
        PluginJars.withVersion(jar, newer, "0.1.2.load");
        long cdrs = underLoad(() -> {
            HttpResponse<String> updated = admin("PUT", "/admin/plugins/" + BUNDLE, newer);
            assertEquals(updated.body(), 200, updated.statusCode());
            assertEquals("0.1.2.load", JSON.readTree(updated.body()).get("version").asText());
        });
        assertTotals(before + cdrs);

        HttpResponse<String> removed = admin("DELETE", "/admin/plugins/" + BUNDLE, null);
        assertEquals(removed.body(), 200, removed.statusCode());
        awaitStatementStatus(4001);
        assertThreadsBackTo(baseline);
    }

    @Test
    public void aPluginOverridingABuiltInModuleIsInstalledUpdatedAndRemovedUnderLoad() throws Exception {
        String bsn = "org.ocn.node.it.cdrs-override";
        Path v1 = home.resolve("override-1.jar");
        Path v2 = home.resolve("override-2.jar");
        Files.write(v1, TestPlugins.echoJar(bsn, "1.0.0", "cdrs", "override v1", null, 10));
        Files.write(v2, TestPlugins.echoJar(bsn, "1.0.1", "cdrs", "override v2", null, 10));
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Integer> answeredBy = new java.util.concurrent.ConcurrentHashMap<>();
        try (SteadyLoad load = new SteadyLoad(n -> routed("POST", "/ocpi/receiver/2.2.1/cdrs", cpoToken, CPO, EMSP,
                cdr("OVR-" + run + "-" + n)), answer -> {
                    boolean ok = succeeded(answer);
                    String by = answer.body().contains("override v1") ? "v1"
                            : answer.body().contains("override v2") ? "v2" : "built-in";
                    answeredBy.merge(by, 1, Integer::sum);
                    return ok;
                })) {
            load.start(RATE);
            Thread.sleep(1500);
            HttpResponse<String> installed = admin("POST", "/admin/plugins", v1);
            assertEquals(installed.body(), 201, installed.statusCode());
            Thread.sleep(1500);
            HttpResponse<String> updated = admin("PUT", "/admin/plugins/" + bsn, v2);
            assertEquals(updated.body(), 200, updated.statusCode());
            Thread.sleep(1500);
            HttpResponse<String> removed = admin("DELETE", "/admin/plugins/" + bsn, null);
            assertEquals(removed.body(), 200, removed.statusCode());
            Thread.sleep(1500);
            SteadyLoad.Result result = load.stop();
            assertTrue("failed requests: " + result, result.failures().isEmpty());
            assertEquals(result.sent(), result.succeeded());
        }
        assertTrue("the override answered, both versions, and the built-in module before and after: " + answeredBy,
                answeredBy.getOrDefault("v1", 0) > 0 && answeredBy.getOrDefault("v2", 0) > 0
                        && answeredBy.getOrDefault("built-in", 0) > 0);
        HttpResponse<String> after = send(routed("POST", "/ocpi/receiver/2.2.1/cdrs", cpoToken, CPO, EMSP,
                cdr("OVR-" + run + "-after")));
        assertTrue("the built-in module is back: " + after.body(), succeeded(after) && !after.body().contains("override"));
    }

    /** Something done to the plugin while the load runs. */
    private interface Swap {
        void run() throws Exception;
    }

    /**
     * Runs the load for 3 s, swaps the plugin, runs it 3 s more; asserts that nothing failed.
     *
     * @return the number of CDRs routed
     */
    private static long underLoad(Swap swap) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (SteadyLoad load = new SteadyLoad(n -> n % 2 == 0
                ? routed("POST", "/ocpi/receiver/2.2.1/cdrs", cpoToken, CPO, EMSP, cdr(run + "-" + n))
                : routed("GET", STATEMENT, emspToken, EMSP, SETTLEMENT, null),
                SwapsUnderLoadIT::succeeded)) {
            load.start(RATE);
            Thread.sleep(3000);
            swap.run();
            Thread.sleep(3000);
            SteadyLoad.Result result = load.stop();
            assertTrue("a load of hundreds of requests a second: " + result, result.sent() > 5 * RATE / 2);
            assertTrue("failed requests: " + result, result.failures().isEmpty());
            assertEquals(result.sent(), result.succeeded());
            return (result.sent() + 1) / 2;
        }
    }

    /**
     * Routes CDRs (no plugin yet) until the node's thread count is steady, so that the baseline includes the threads
     * the load itself needs (server and client pools).
     *
     * @return the baseline thread count
     */
    private static int warmBaseline() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (SteadyLoad load = new SteadyLoad(n -> routed("POST", "/ocpi/receiver/2.2.1/cdrs", cpoToken, CPO, EMSP,
                cdr("WARM-" + run + "-" + n)), SwapsUnderLoadIT::succeeded)) {
            load.start(RATE);
            Thread.sleep(3000);
            SteadyLoad.Result result = load.stop();
            assertTrue("failed requests: " + result, result.failures().isEmpty());
        }
        Thread.sleep(1000);
        baselineNames = node.threadNames();
        return node.threads();
    }

    /**
     * Asserts that the plugin left no thread behind: the node's thread count is back to the baseline, or above it only
     * by threads of the node's elastic pools (the HTTP server's and the router's client pool grow with the load and
     * shrink after a minute idle) and of the node's own executors that start on first use (one thread each). Every
     * other kind of thread (by name) is back to its number before the plugin was installed.
     */
    private static void assertThreadsBackTo(int baseline) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<String, Integer> left = leftBehind();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            left = leftBehind();
        }
        int now = node.threads();
        assertTrue("threads left behind by the plugin: " + left + "; " + now + " threads now, " + baseline
                + " before it was installed; now: " + node.threadNames() + ", before: " + baselineNames, left.isEmpty());
    }

    /** Threads, by name, that the node's elastic pools and lazily started executors do not explain. */
    private static final Set<String> ELASTIC = Set.of("qtp#-#", "ocn-router-clie", "Keep-Alive-Time",
            "SCR Component R", "C# CompilerThre", "ocn-services-aw", "ocn-plugins-aud", "Attach Listener");

    /** @return the kinds of threads (by name) more numerous now than in the baseline, elastic pools left out */
    private static Map<String, Integer> leftBehind() throws IOException {
        Map<String, Integer> more = new java.util.TreeMap<>();
        node.threadNames().forEach((name, count) -> {
            int before = baselineNames.getOrDefault(name, 0);
            if (count > before && !ELASTIC.contains(name)) {
                more.put(name, count - before);
            }
        });
        return more;
    }

    private static boolean succeeded(HttpResponse<String> answer) {
        return answer.statusCode() == 200 && answer.body().contains("\"status_code\":1000");
    }

    /** The statement's single entry (the CPO, in EUR) has exactly the totals of {@code cdrs} CDRs. */
    private static void assertTotals(long cdrs) throws Exception {
        JsonNode entry = awaitStatement(e -> e.path("cdr_count").asLong() >= cdrs, cdrs + " CDRs");
        assertEquals("every CDR routed across the update is counted, once: " + entry, cdrs,
                entry.get("cdr_count").asLong());
        BigDecimal n = BigDecimal.valueOf(cdrs);
        assertEquals(0, KWH.multiply(n).compareTo(entry.get("total_energy").decimalValue()));
        assertEquals(0, EXCL_VAT.multiply(n).compareTo(entry.at("/total_cost/excl_vat").decimalValue()));
        assertEquals(0, INCL_VAT.multiply(n).compareTo(entry.at("/total_cost/incl_vat").decimalValue()));
    }

    /** @return the eMSP's statement entry for the CPO in EUR (an empty object before any CDR), once it is ready */
    private static JsonNode awaitStatement(Predicate<JsonNode> ready) throws Exception {
        return awaitStatement(ready, "any");
    }

    private static JsonNode awaitStatement(Predicate<JsonNode> ready, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> a = send(routed("GET", STATEMENT, emspToken, EMSP, SETTLEMENT, null));
            last = a.body();
            if (succeeded(a)) {
                JsonNode entry = JSON.createObjectNode();
                for (JsonNode e : JSON.readTree(a.body()).at("/data/entries")) {
                    if (e.at("/counterparty/party_id").asText().equals("CPO") && e.path("currency").asText().equals("EUR")) {
                        entry = e;
                    }
                }
                if (ready.test(entry)) {
                    return entry;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no such statement within 60 s (expected: " + expected + "); last answer: " + last);
    }

    private static void awaitStatementStatus(int statusCode) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> a = send(routed("GET", STATEMENT, emspToken, EMSP, SETTLEMENT, null));
            last = a.body();
            if (a.body().contains("\"status_code\":" + statusCode)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no answer with status_code " + statusCode + " within 60 s; last: " + last);
    }

    private static String cdr(String id) {
        return ExamplePluginsIT.cdr(id, "EUR", KWH.toPlainString(), EXCL_VAT.toPlainString(),
                INCL_VAT.toPlainString(), "LOC1");
    }

    private static HttpRequest routed(String method, String path, String tokenC, String from, String to, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.url() + path))
                .header("Authorization", "Token " + Http.base64(tokenC))
                .header("X-Request-ID", "req-" + UUID.randomUUID())
                .header("X-Correlation-ID", "corr-" + UUID.randomUUID())
                .header("OCPI-from-country-code", from.split("/")[0])
                .header("OCPI-from-party-id", from.split("/")[1])
                .header("OCPI-to-country-code", to.split("/")[0])
                .header("OCPI-to-party-id", to.split("/")[1])
                .timeout(Duration.ofSeconds(30));
        if (body == null) {
            return b.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> admin(String method, String path, Path body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.url() + path))
                .header("Authorization", "Token " + NodeProcess.ADMIN_KEY).timeout(Duration.ofSeconds(60));
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/java-archive").method(method, HttpRequest.BodyPublishers.ofFile(body));
        }
        return send(b.build());
    }

    /** Copies the plugin jar into {@code deploy/} (atomically), as the given version when one is given. */
    private static void copyIntoDeploy(String version) throws IOException {
        Path staged = home.resolve("settlement.jar.tmp");
        if (version == null) {
            Files.copy(jar, staged, StandardCopyOption.REPLACE_EXISTING);
        } else {
            PluginJars.withVersion(jar, staged, version);
        }
        Files.move(staged, home.resolve("deploy/ocn-example-settlement.jar"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}
