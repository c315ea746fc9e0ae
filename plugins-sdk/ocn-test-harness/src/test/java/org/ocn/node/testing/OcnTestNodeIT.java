package org.ocn.node.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The harness on the real node distribution: one node for the class, with a module plugin deployed and configured
 * before the tests, and three mock parties.
 */
public class OcnTestNodeIT {

    private static Path plugins;
    private static OcnTestNode node;
    private static MockParty msp;
    private static MockParty cpo;

    @BeforeClass
    public static void startNode() throws Exception {
        plugins = Files.createDirectories(Path.of("target", "test-plugins"));
        Path greeting = TestPlugins.greetingModule(plugins.resolve("greeting.jar"), "org.ocn.node.testing.greeting",
                "greeting", "ocn.plugin.greeting", "Hello");
        node = OcnTestNode.builder()
                .plugin(greeting)
                .configure("ocn.plugin.greeting", Map.of("greeting", "Grüezi: \"wohl\""))
                // a removed module is waited for this long (default 5 s): keeps the undeploy test short
                .setting("ocn.node.plugins.grace", "500")
                .start();
        msp = node.connect("DE/MSP", PartyRole.EMSP, Endpoint.receiver("sessions"));
        cpo = node.connect("DE/CPO", PartyRole.CPO, Endpoint.sender("locations"));
    }

    @AfterClass
    public static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    public void thePluginsModuleAnswersWithItsConfiguration() {
        OcpiAnswer answer = msp.send("GET", "/ocpi/custom/receiver/greeting", "DE/CPO");

        assertEquals(answer.toString(), 200, answer.status());
        assertEquals(answer.toString(), 1000, answer.statusCode());
        assertEquals("Grüezi: \"wohl\" DE/MSP", answer.data().path("message").asText());
        assertTrue("the module answered itself", cpo.received().stream()
                .noneMatch(r -> r.path().contains("greeting")));
    }

    @Test
    public void aRequestToAPartyIsRoutedWithItsTokenAndAnsweredAsProgrammed() {
        cpo.respond(request -> MockResponse.ok("[{\"id\":\"LOC1\"}]").withHeader("X-Total-Count", "1"));

        OcpiAnswer answer = msp.send("GET", "/ocpi/sender/2.2.1/locations?limit=5", "DE/CPO");

        assertEquals(answer.toString(), 1000, answer.statusCode());
        assertEquals("LOC1", answer.data().path(0).path("id").asText());
        assertEquals("1", answer.header("x-total-count"));
        ReceivedRequest received = cpo.await("GET", "/ocpi/2.2.1/locations/sender");
        assertEquals("limit=5", received.query());
        assertEquals("DE/MSP", received.from());
        assertEquals("DE/CPO", received.to());
        assertEquals("Token " + HttpCalls.base64(cpo.tokenB()), received.header("Authorization"));
    }

    @Test
    public void aPartySpeakingOcpi22ConnectsAndIsReached() {
        MockParty older = node.connect("NL/OLD", PartyRole.CPO, "2.2", Endpoint.sender("tariffs"));

        OcpiAnswer answer = msp.send("GET", "/ocpi/sender/2.2/tariffs", "NL/OLD");

        assertEquals(answer.toString(), 1000, answer.statusCode());
        ReceivedRequest received = older.await("GET", "/ocpi/2.2/tariffs/sender");
        assertEquals("a 2.2 platform gets its token plain", "Token " + older.tokenB(), received.header("authorization"));
        assertEquals("CONNECTED", node.admin("GET", "/admin/connection-status/NL/OLD", null).body().replace("\"", "")
                .trim());
    }

    @Test
    public void aPluginIsUpdatedInPlaceAndUndeployed() throws Exception {
        Path v1 = TestPlugins.greetingModule(plugins.resolve("swap-v1.jar"), "org.ocn.node.testing.swap", "swap",
                "ocn.plugin.swap", "One");
        Path v2 = TestPlugins.greetingModule(plugins.resolve("swap-v2.jar"), "org.ocn.node.testing.swap", "swap",
                "ocn.plugin.swap", "Two");
        Path deployed = Files.createDirectories(plugins.resolve("swap")).resolve("swap.jar");

        Files.copy(v1, deployed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        node.deploy(deployed);
        assertEquals("One DE/MSP", msp.send("GET", "/ocpi/custom/receiver/swap", "DE/CPO").data().path("message")
                .asText());

        Files.copy(v2, deployed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        node.deploy(deployed);
        assertEquals("Two DE/MSP", msp.send("GET", "/ocpi/custom/receiver/swap", "DE/CPO").data().path("message")
                .asText());

        node.undeploy(deployed);
        OcpiAnswer gone = msp.send("GET", "/ocpi/custom/receiver/swap", "DE/CPO");
        assertEquals("without the module, DE/CPO (no endpoint swap) cannot take it: " + gone, 2001,
                gone.statusCode());
    }

    @Test
    public void aConfigurationChangedWhileRunningReachesThePlugin() throws Exception {
        Path tuned = TestPlugins.greetingModule(plugins.resolve("tuned.jar"), "org.ocn.node.testing.tuned", "tuned",
                "ocn.plugin.tuned", "Default");
        node.deploy(tuned);
        assertEquals("Default DE/MSP", message("tuned"));

        node.configure("ocn.plugin.tuned", Map.of("greeting", "Tuned"));

        // the component is re-activated with the new configuration right after ConfigAdmin read it
        eventually(() -> message("tuned"), "Tuned DE/MSP", Duration.ofSeconds(10));
    }

    @Test
    public void aPluginThatCannotResolveFailsWithTheReasonAndTheNodeKeepsRunning() throws Exception {
        Path broken = TestPlugins.unresolvable(plugins.resolve("broken.jar"), "org.ocn.node.testing.broken",
                "org.example.nowhere");
        try {
            node.deploy(broken);
            fail("a bundle that cannot resolve must fail the deployment");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("org.example.nowhere"));
        } finally {
            node.undeploy(broken);
        }
        assertEquals(200, node.get("/health").status());
        assertFalse(node.output().contains("Exception in thread"));
    }

    private static String message(String module) {
        return msp.send("GET", "/ocpi/custom/receiver/" + module, "DE/CPO").data().path("message").asText();
    }

    private static void eventually(Supplier<String> actual, String expected, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        String last = actual.get();
        while (!expected.equals(last) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = actual.get();
        }
        assertEquals(expected, last);
    }
}
