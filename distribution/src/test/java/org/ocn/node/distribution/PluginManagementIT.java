package org.ocn.node.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.parties.PartyDirectory;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.FrameworkWiring;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Plugins at runtime in the built distribution (Pax Exam, Karaf container): a plugin bundle made by the test (a
 * custom OCPI module {@code echo}, RECEIVER, with a thread of its own) installed, updated and uninstalled through the
 * admin API with routing checked each time and the thread count back to its baseline; installs from a Maven
 * coordinate (a {@code file:} repository the test writes), a features XML and a KAR; a bundle that does not resolve;
 * the admin API's errors; a bundle dropped into {@code deploy/}; and the {@code ocn:} shell commands.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PluginManagementIT {

    private static final String KEY = "Token " + ExamNode.ADMIN_KEY;
    private static final Map<String, String> JAR = Map.of("Content-Type", "application/java-archive");

    @Inject
    private BundleContext context;

    @Inject
    private PartyDirectory directory;

    @Inject
    private FeaturesService features;

    @Inject
    private SessionFactory sessions;

    @Configuration
    public Option[] config() throws IOException {
        Path repository = Path.of("target", "plugin-repository").toAbsolutePath();
        Path empty = Path.of("target", "plugin-repository-empty").toAbsolutePath();
        Files.createDirectories(repository);
        Files.createDirectories(empty);
        return ExamNode.options(
                // two repositories: the artifact is looked for in the first, found in the second
                editConfigurationFilePut("etc/ocn-node.properties", "ocn.node.plugins.repositories",
                        empty.toUri() + "," + repository.toUri()),
                systemProperty("ocn.exam.repository").value(repository.toString()),
                systemProperty("ocn.exam.classes").value(Path.of("target", "test-classes").toAbsolutePath().toString()));
    }

    // --- install, update, uninstall through the admin API, routed each time ---------------------------------------

    @Test
    public void aModulePluginIsInstalledUpdatedAndUninstalledWithRoutingCheckedEachTime() throws Exception {
        PartyId emsp = PartyId.of("DE", "PLM");
        PartyId cpo = PartyId.of("CH", "PLC");
        String emspToken = ExamNode.connect(directory, emsp, Role.EMSP);
        ExamNode.connect(directory, cpo, Role.CPO);
        String bsn = "org.ocn.node.it.echo";

        // without the plugin the router forwards the custom module to the CPO, which does not offer it: 2001
        Http.Answer before = echo(emspToken, emsp, cpo);
        assertEquals(before.toString(), 2001, before.statusCode());
        for (int i = 0; i < 20; i++) {
            echo(emspToken, emsp, cpo);
        }
        Thread.sleep(2000);
        int baseline = threadCount();

        Http.Answer installed = post(echoJar(bsn, "1.0.0", "echo", "echo v1", null));
        assertEquals(installed.toString(), 201, installed.status());
        JsonNode entry = installed.json();
        assertEquals(bsn, entry.get("id").asText());
        assertEquals("1.0.0", entry.get("version").asText());
        assertEquals("ACTIVE", entry.get("state").asText());
        assertTrue(entry.get("error").isNull());
        assertEquals("[\"echo/RECEIVER\"]", entry.get("modules").toString());
        assertEquals("[\"CH/ECO\"]", entry.get("services").toString());
        assertEquals("/admin/plugins/" + bsn, installed.header("Location"));
        long bundleId = bundle(bsn).getBundleId();

        JsonNode listed = plugin(bsn);
        assertNotNull("listed by GET /admin/plugins", listed);
        assertEquals(entry, listed);
        assertEquals(entry, Http.get(ExamNode.url("/admin/plugins/" + bsn), KEY).json());
        assertTrue(echo(emspToken, emsp, cpo).body().contains("\"data\":\"echo v1\""));

        Http.Answer again = post(echoJar(bsn, "1.0.0", "echo", "echo v1", null));
        assertEquals(again.toString(), 409, again.status());
        assertTrue(again.message(), again.message().contains("PUT /admin/plugins/" + bsn));

        Http.Answer updated = send("PUT", "/admin/plugins/" + bsn, echoJar(bsn, "1.0.1", "echo", "echo v2", null), JAR);
        assertEquals(updated.toString(), 200, updated.status());
        assertEquals("1.0.1", updated.json().get("version").asText());
        assertEquals("ACTIVE", updated.json().get("state").asText());
        assertEquals("updated in place", bundleId, bundle(bsn).getBundleId());
        Http.Answer v2 = echo(emspToken, emsp, cpo);
        assertTrue(v2.body(), v2.body().contains("\"data\":\"echo v2\""));

        Http.Answer other = send("PUT", "/admin/plugins/" + bsn, echoJar("org.ocn.node.it.other", "1.0.0", "echo", "x",
                null), JAR);
        assertEquals(other.toString(), 400, other.status());
        assertEquals(2001, other.statusCode());

        Http.Answer removed = send("DELETE", "/admin/plugins/" + bsn, null, Map.of());
        assertEquals(removed.toString(), 200, removed.status());
        assertEquals("1.0.1", removed.json().get("version").asText());
        assertNull("no bundle of the plugin is left", bundle(bsn));
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        assertTrue("no class loader of the plugin is left", wiring.getRemovalPendingBundles().stream()
                .noneMatch(b -> bsn.equals(b.getSymbolicName())));
        assertNull(plugin(bsn));
        Http.Answer after = echo(emspToken, emsp, cpo);
        assertEquals(after.toString(), 2001, after.statusCode());
        assertFalse(after.body().contains("echo v"));
        assertTrue("the plugin's thread stopped", Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("echo-plugin-ticker")));
        int settled = ExamNode.await(PluginManagementIT::threadCount, n -> n <= baseline + 3);
        assertTrue("threads " + settled + ", baseline " + baseline, settled <= baseline + 3);

        Http.Answer unknown = send("DELETE", "/admin/plugins/" + bsn, null, Map.of());
        assertEquals(unknown.toString(), 404, unknown.status());
        Http.Answer unknownUpdate = send("PUT", "/admin/plugins/" + bsn, echoJar(bsn, "1.0.2", "echo", "x", null), JAR);
        assertEquals(unknownUpdate.toString(), 404, unknownUpdate.status());

        String audit = Http.get(ExamNode.url("/admin/plugins/audit?limit=50"), KEY).body();
        assertTrue(audit, audit.contains("\"actor\":\"admin API\",\"action\":\"install\",\"plugin\":\"" + bsn
                + "\",\"version\":\"1.0.0\""));
        assertTrue(audit, audit.contains("\"action\":\"update\",\"plugin\":\"" + bsn + "\",\"version\":\"1.0.1\""));
        assertTrue(audit, audit.contains("\"action\":\"uninstall\",\"plugin\":\"" + bsn + "\""));
        Path log = Path.of(context.getProperty("karaf.data"), "ocn", "plugins-audit.log");
        assertTrue(Files.readString(log).contains("\"result\":\"refused\""));
    }

    // --- other sources ----------------------------------------------------------------------------------------------

    @Test
    public void aPluginIsInstalledFromAMavenCoordinateOfAConfiguredRepository() throws Exception {
        Path repository = Path.of(System.getProperty("ocn.exam.repository"));
        Path folder = repository.resolve("org/ocn/node/it/maven-echo/1.0.0");
        Files.createDirectories(folder);
        byte[] jar = echoJar("org.ocn.node.it.mavenecho", "1.0.0", "mavenecho", "from maven", null);
        Files.write(folder.resolve("maven-echo-1.0.0.jar"), jar);
        Files.writeString(folder.resolve("maven-echo-1.0.0.jar.sha1"),
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(jar)));

        Http.Answer installed = post("{\"maven\":\"org.ocn.node.it:maven-echo:1.0.0\"}");
        assertEquals(installed.toString(), 201, installed.status());
        assertEquals("org.ocn.node.it.mavenecho", installed.json().get("id").asText());
        assertEquals("ACTIVE", installed.json().get("state").asText());
        assertEquals("[\"mavenecho/RECEIVER\"]", installed.json().get("modules").toString());

        long id = bundle("org.ocn.node.it.mavenecho").getBundleId();
        Path next = Files.createDirectories(repository.resolve("org/ocn/node/it/maven-echo/1.0.1"));
        Files.write(next.resolve("maven-echo-1.0.1.jar"), echoJar("org.ocn.node.it.mavenecho", "1.0.1", "mavenecho",
                "from maven, again", null));
        Http.Answer updated = send("PUT", "/admin/plugins/org.ocn.node.it.mavenecho",
                "{\"maven\":\"org.ocn.node.it:maven-echo:1.0.1\"}".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json"));
        assertEquals(updated.toString(), 200, updated.status());
        assertEquals("1.0.1", updated.json().get("version").asText());
        assertEquals(id, bundle("org.ocn.node.it.mavenecho").getBundleId());

        Http.Answer missing = post("{\"maven\":\"org.ocn.node.it:absent:1.0.0\"}");
        assertEquals(missing.toString(), 400, missing.status());
        assertTrue(missing.message(), missing.message().contains("was not found in the configured repositories"));
        Http.Answer malformed = post("{\"maven\":\"not a coordinate\"}");
        assertEquals(malformed.toString(), 400, malformed.status());
        assertTrue(malformed.message(), malformed.message().contains("is not a Maven coordinate"));
        Http.Answer noMaven = post("{\"url\":\"http://example.com/x.jar\"}");
        assertEquals(noMaven.toString(), 400, noMaven.status());

        assertEquals(200, send("DELETE", "/admin/plugins/org.ocn.node.it.mavenecho", null, Map.of()).status());
        assertNull(bundle("org.ocn.node.it.mavenecho"));
    }

    @Test
    public void aFeaturesXmlIsInstalledWithKarafsFeaturesServiceAndUninstalledWithItsFeature() throws Exception {
        Path jar = Path.of(context.getProperty("karaf.data"), "tmp", "features-echo.jar");
        Files.createDirectories(jar.getParent());
        Files.write(jar, echoJar("org.ocn.node.it.featuresecho", "1.0.0", "featuresecho", "from a feature", null));
        String xml = "<features name=\"it-echo-features\" xmlns=\"http://karaf.apache.org/xmlns/features/v1.6.0\">"
                + "<feature name=\"it-echo\" version=\"1.0.0\"><feature>scr</feature><bundle>" + jar.toUri()
                + "</bundle></feature></features>";

        Http.Answer installed = send("POST", "/admin/plugins", xml.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/xml"));
        assertEquals(installed.toString(), 201, installed.status());
        assertTrue(installed.json().isArray());
        assertEquals("org.ocn.node.it.featuresecho", installed.json().get(0).get("id").asText());
        assertEquals("ACTIVE", installed.json().get(0).get("state").asText());
        assertNotNull(features.getRepository("it-echo-features"));
        assertTrue(features.isInstalled(features.getFeature("it-echo", "1.0.0")));

        Http.Answer again = send("POST", "/admin/plugins", xml.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/xml"));
        assertEquals(again.toString(), 409, again.status());

        // a new features XML replaces the features the plugin came from
        Path jar2 = jar.resolveSibling("features-echo-2.jar");
        Files.write(jar2, echoJar("org.ocn.node.it.featuresecho", "1.0.1", "featuresecho", "from a feature, again",
                null));
        String xml2 = xml.replace("version=\"1.0.0\"", "version=\"1.0.1\"").replace(jar.toUri().toString(),
                jar2.toUri().toString());
        Http.Answer replaced = send("PUT", "/admin/plugins/org.ocn.node.it.featuresecho",
                xml2.getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/xml"));
        assertEquals(replaced.toString(), 200, replaced.status());
        assertEquals("1.0.1", replaced.json().get(0).get("version").asText());
        assertTrue(features.isInstalled(features.getFeature("it-echo", "1.0.1")));
        assertNull(features.getFeature("it-echo", "1.0.0"));

        assertEquals(200, send("DELETE", "/admin/plugins/org.ocn.node.it.featuresecho", null, Map.of()).status());
        assertNull(bundle("org.ocn.node.it.featuresecho"));
        assertNull("the repository went with it", features.getRepository("it-echo-features"));
    }

    @Test
    public void aKarIsInstalledWithKarafsKarServiceAndUninstalledWithIt() throws Exception {
        byte[] bundle = echoJar("org.ocn.node.it.karecho", "1.0.0", "karecho", "from a kar", null);
        String xml = "<features name=\"it-kar-echo\" xmlns=\"http://karaf.apache.org/xmlns/features/v1.6.0\">"
                + "<feature name=\"it-kar-echo\" version=\"1.0.0\"><feature>scr</feature>"
                + "<bundle>mvn:org.ocn.node.it/kar-echo/1.0.0</bundle></feature></features>";
        Http.Answer installed = send("POST", "/admin/plugins", kar(bundle, xml), Map.of("Content-Type",
                "application/zip"));
        assertEquals(installed.toString(), 201, installed.status());
        assertEquals("org.ocn.node.it.karecho", installed.json().get(0).get("id").asText());
        assertEquals("ACTIVE", installed.json().get(0).get("state").asText());

        assertEquals(200, send("DELETE", "/admin/plugins/org.ocn.node.it.karecho", null, Map.of()).status());
        assertNull(bundle("org.ocn.node.it.karecho"));
        assertNull("the KAR's repository went with it", features.getRepository("it-kar-echo"));

        // a KAR whose features Karaf does not install on its own is refused, not left behind
        Http.Answer nothing = send("POST", "/admin/plugins", kar(bundle, xml.replace("version=\"1.0.0\">",
                "version=\"1.0.0\" install=\"manual\">")), Map.of("Content-Type", "application/zip"));
        assertEquals(nothing.toString(), 400, nothing.status());
        assertTrue(nothing.message(), nothing.message().contains("install=\"manual\""));
        assertNull(features.getRepository("it-kar-echo"));
    }

    // --- failures ---------------------------------------------------------------------------------------------------

    @Test
    public void aBundleThatDoesNotResolveOrStartIsReportedWithTheReasonAndTheNodeKeepsServing() throws Exception {
        String bsn = "org.ocn.node.it.broken";
        Http.Answer installed = post(echoJar(bsn, "1.0.0", "broken", "never", "com.example.absent;version=\"[1.0,2)\""));
        assertEquals(installed.toString(), 201, installed.status());
        assertEquals("FAILED", installed.json().get("state").asText());
        String error = installed.json().get("error").asText();
        assertTrue(error, error.contains("osgi.wiring.package") && error.contains("com.example.absent"));
        assertEquals("FAILED", plugin(bsn).get("state").asText());
        assertEquals(200, Http.get(ExamNode.url("/health"), null).status());
        assertEquals(200, send("DELETE", "/admin/plugins/" + bsn, null, Map.of()).status());
        assertNull(bundle(bsn));

        String failing = "org.ocn.node.it.failing";
        Http.Answer notStarted = post(TestPlugins.failingJar(failing));
        assertEquals(notStarted.toString(), 201, notStarted.status());
        assertEquals("FAILED", notStarted.json().get("state").asText());
        assertTrue(notStarted.body(), notStarted.json().get("error").asText()
                .contains("the failing plugin refuses to start"));
        assertEquals(Bundle.RESOLVED, bundle(failing).getState());
        assertEquals(200, Http.get(ExamNode.url("/health"), null).status());
        assertEquals(200, send("DELETE", "/admin/plugins/" + failing, null, Map.of()).status());
        assertNull(bundle(failing));
    }

    @Test
    public void theAdminApiRefusesWhatItCannotDo() throws Exception {
        assertEquals(401, Http.get(ExamNode.url("/admin/plugins"), null).status());
        Http.Answer wrong = Http.get(ExamNode.url("/admin/plugins"), "Token wrong");
        assertEquals(401, wrong.status());
        assertEquals(2000, wrong.statusCode());
        assertEquals(200, Http.get(ExamNode.url("/admin/plugins"), "Token " + Http.base64(ExamNode.ADMIN_KEY)).status());

        Http.Answer notAJar = send("POST", "/admin/plugins", "hello".getBytes(StandardCharsets.UTF_8), JAR);
        assertEquals(notAJar.toString(), 400, notAJar.status());
        assertEquals(2001, notAJar.statusCode());
        Http.Answer noManifest = send("POST", "/admin/plugins", zipWith("readme.txt", "no manifest"), JAR);
        assertEquals(noManifest.toString(), 400, noManifest.status());
        assertTrue(noManifest.message(), noManifest.message().contains("neither an OSGi bundle"));
        Http.Answer empty = send("POST", "/admin/plugins", new byte[0], JAR);
        assertEquals(empty.toString(), 400, empty.status());

        Http.Answer nodeBundle = post(echoJar("org.ocn.node.ocn-admin", "9.0.0", "x", "x", null));
        assertEquals(nodeBundle.toString(), 409, nodeBundle.status());
        assertTrue(nodeBundle.message(), nodeBundle.message().contains("part of the node"));
        Http.Answer updateNode = send("PUT", "/admin/plugins/org.ocn.node.ocn-admin",
                echoJar("org.ocn.node.ocn-admin", "9.0.0", "x", "x", null), JAR);
        assertEquals("a node bundle is no plugin", 404, updateNode.status());
        assertEquals(404, send("DELETE", "/admin/plugins/org.ocn.node.ocn-router", null, Map.of()).status());
        assertEquals(404, Http.get(ExamNode.url("/admin/plugins/org.ocn.node.ocn-router"), KEY).status());

        assertEquals(405, send("PATCH", "/admin/plugins", null, Map.of()).status());
        assertEquals(405, send("POST", "/admin/plugins/x", null, Map.of()).status());
        assertEquals(404, Http.get(ExamNode.url("/admin/plugins/a/b"), KEY).status());
        assertEquals(400, Http.get(ExamNode.url("/admin/plugins/audit?limit=none"), KEY).status());
        // the rest of /admin still answers
        assertEquals(404, Http.get(ExamNode.url("/admin/connection-status/XX/YYY"), KEY).status());
        assertTrue(Http.get(ExamNode.url("/admin/plugins"), KEY).json().isArray());
    }

    // --- deploy folder and shell ------------------------------------------------------------------------------------

    @Test
    public void aBundleDroppedIntoDeployIsAPluginAndIsAudited() throws Exception {
        String bsn = "org.ocn.node.it.deployecho";
        Path tmp = Path.of(context.getProperty("karaf.data"), "tmp", "deployecho.part");
        Files.createDirectories(tmp.getParent());
        Files.write(tmp, echoJar(bsn, "1.0.0", "deployecho", "from deploy", null));
        Path dropped = Path.of(context.getProperty("karaf.base"), "deploy", "deployecho.jar");
        Files.move(tmp, dropped, StandardCopyOption.ATOMIC_MOVE);
        JsonNode entry = ExamNode.await(() -> plugin(bsn), p -> p != null && p.get("state").asText().equals("ACTIVE"));
        assertEquals("[\"deployecho/RECEIVER\"]", entry.get("modules").toString());
        String audit = ExamNode.await(() -> Http.get(ExamNode.url("/admin/plugins/audit"), KEY).body(),
                b -> b.contains("\"actor\":\"deploy folder\",\"action\":\"install\",\"plugin\":\"" + bsn));
        assertNotNull(audit);

        Http.Answer update = send("PUT", "/admin/plugins/" + bsn, echoJar(bsn, "1.0.1", "deployecho", "x", null), JAR);
        assertEquals("the deploy folder owns it", 409, update.status());
        assertEquals(200, send("DELETE", "/admin/plugins/" + bsn, null, Map.of()).status());
        assertFalse("its file went too", Files.exists(dropped));
        assertNull(bundle(bsn));
    }

    @Test
    public void theShellCommandsGiveTheSameResults() throws Exception {
        String bsn = "org.ocn.node.it.shellecho";
        Path v1 = Path.of(context.getProperty("karaf.data"), "tmp", "shellecho-1.0.0.jar");
        Path v2 = v1.resolveSibling("shellecho-1.0.1.jar");
        Files.createDirectories(v1.getParent());
        Files.write(v1, echoJar(bsn, "1.0.0", "shellecho", "from the shell", null));
        Files.write(v2, echoJar(bsn, "1.0.1", "shellecho", "from the shell, again", null));

        String installed = shell("ocn:plugin-install " + v1);
        assertTrue(installed, installed.contains("Installed " + bsn + " 1.0.0") && installed.contains("ACTIVE"));
        assertEquals("ACTIVE", plugin(bsn).get("state").asText());
        long id = bundle(bsn).getBundleId();
        String table = shell("ocn:plugins");
        assertTrue(table, table.contains(bsn) && table.contains("shellecho/RECEIVER") && table.contains("CH/ECO"));
        String updated = shell("ocn:plugin-update " + bsn + " " + v2.toUri());
        assertTrue(updated, updated.contains("Updated " + bsn + " 1.0.1"));
        assertEquals(id, bundle(bsn).getBundleId());
        String refused = shell("ocn:plugin-install " + v1);
        assertTrue(refused, refused.contains("is installed already"));
        String uninstalled = shell("ocn:plugin-uninstall " + bsn);
        assertTrue(uninstalled, uninstalled.contains("Uninstalled " + bsn + " 1.0.1"));
        assertNull(bundle(bsn));
        String audit = Http.get(ExamNode.url("/admin/plugins/audit"), KEY).body();
        assertTrue(audit, audit.contains("\"actor\":\"shell\",\"action\":\"install\",\"plugin\":\"" + bsn));
        assertTrue(audit, audit.contains("\"actor\":\"shell\",\"action\":\"uninstall\",\"plugin\":\"" + bsn));
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    /** Runs a shell command as an operator would; what it prints (and the reason of an error) is returned. */
    private String shell(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        try (Session session = sessions.create(new ByteArrayInputStream(new byte[0]), print, print)) {
            session.execute(command);
        } catch (Exception e) {
            print.println("Error: " + e.getMessage());
        }
        print.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int threadCount() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private Http.Answer echo(String tokenC, PartyId from, PartyId to) {
        return Http.routed("GET", ExamNode.url("/ocpi/custom/receiver/echo"), tokenC, from.toString(), to.toString(),
                null, "c-" + System.nanoTime(), Map.of());
    }

    private static Http.Answer post(byte[] jar) {
        return send("POST", "/admin/plugins", jar, JAR);
    }

    private static Http.Answer post(String json) {
        return send("POST", "/admin/plugins", json.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json"));
    }

    private static Http.Answer send(String method, String path, byte[] body, Map<String, String> headers) {
        return Http.sendBytes(method, ExamNode.url(path), KEY, body, headers);
    }

    /** @return the plugin's entry in {@code GET /admin/plugins}, or {@code null} */
    private static JsonNode plugin(String id) {
        for (JsonNode p : Http.get(ExamNode.url("/admin/plugins"), KEY).json()) {
            if (p.get("id").asText().equals(id)) {
                return p;
            }
        }
        return null;
    }

    private Bundle bundle(String symbolicName) {
        return ExamNode.bundle(context, symbolicName);
    }

    private static byte[] echoJar(String symbolicName, String version, String module, String reply, String extraImport)
            throws IOException {
        return TestPlugins.echoJar(symbolicName, version, module, reply, extraImport);
    }

    /** A KAR as Karaf's tooling makes one: a Maven repository layout under {@code repository/}. */
    private static byte[] kar(byte[] bundle, String featuresXml) throws IOException {
        ByteArrayOutputStream kar = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(kar)) {
            zip.putNextEntry(new ZipEntry("repository/org/ocn/node/it/kar-echo/1.0.0/kar-echo-1.0.0.jar"));
            zip.write(bundle);
            zip.putNextEntry(new ZipEntry(
                    "repository/org/ocn/node/it/kar-echo-features/1.0.0/kar-echo-features-1.0.0-features.xml"));
            zip.write(featuresXml.getBytes(StandardCharsets.UTF_8));
        }
        return kar.toByteArray();
    }

    private static byte[] zipWith(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = bytes; ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
