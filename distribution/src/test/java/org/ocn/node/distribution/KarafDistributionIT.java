package org.ocn.node.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ocn.node.api.ocpi.BusinessDetails;
import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.Credentials;
import org.ocn.node.api.ocpi.CredentialsRole;
import org.ocn.node.api.ocpi.Endpoint;
import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.api.ocpi.TokenEncoding;
import org.ocn.node.api.ocpi.VersionNumber;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.parties.Registration;
import org.ocn.node.rules.OcnRules;
import org.ocn.node.spi.routing.OcpiModuleHandler;
import org.ocn.node.spi.routing.OcpiReply;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.Version;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The built distribution archive booted by Pax Exam (Karaf container), tested from inside the framework: every node
 * bundle active, the configuration published through ConfigAdmin, the services registered, HTTP served, and the
 * {@code deploy/} folder installing, updating and uninstalling a bundle and a feature file.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KarafDistributionIT {

    /** The container's HTTP port: chosen free by the driver, handed to the probe as a system property. */
    private static int httpPort() {
        return Integer.getInteger("ocn.exam.port");
    }

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private PartyDirectory directory;

    @Inject
    private OcnRules ocnRules;

    @Configuration
    public Option[] config() throws IOException {
        int httpPort = NodeProcess.freePort();
        int shellPort = NodeProcess.freePort();
        String archive = new File(System.getProperty("ocn.dist.archive", "target/ocn-node-0.1.0-SNAPSHOT.tar.gz"))
                .getAbsoluteFile().toURI().toString();
        String m2 = System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        String mvnCfg = "etc/org.ops4j.pax.url.mvn.cfg";
        return new Option[] {
            karafDistributionConfiguration().frameworkUrl(archive).karafVersion("4.4.8").name("OCN node")
                    .unpackDirectory(new File("target/exam")).useDeployFolder(false),
            configureConsole().ignoreLocalConsole(),
            logLevel(LogLevelOption.LogLevel.INFO),
            editConfigurationFilePut("etc/system.properties", "org.osgi.service.http.port", String.valueOf(httpPort)),
            editConfigurationFilePut("etc/system.properties", "org.apache.felix.http.host", "127.0.0.1"),
            editConfigurationFilePut("etc/system.properties", "ocn.node.shellPort", String.valueOf(shellPort)),
            editConfigurationFilePut("etc/ocn-node.properties", "ocn.node.apikey", "exam-admin-key"),
            // Pax Exam's own bundles come from the local Maven repository (or Maven Central when missing there);
            // the node's bundles come from the archive's system/ folder
            editConfigurationFilePut(mvnCfg, "org.ops4j.pax.url.mvn.localRepository", m2),
            editConfigurationFilePut(mvnCfg, "org.ops4j.pax.url.mvn.defaultRepositories",
                    "${karaf.home.uri}system@id=system.repository@snapshots,file:" + m2 + "@id=local@snapshots"),
            editConfigurationFilePut(mvnCfg, "org.ops4j.pax.url.mvn.repositories",
                    "https://repo1.maven.org/maven2@id=central"),
            systemProperty("ocn.exam.port").value(String.valueOf(httpPort)),
        };
    }

    @Test
    public void everyNodeBundleIsActive() {
        List<Bundle> ours = Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().startsWith("org.ocn.node.")).toList();
        List<String> expected = List.of("ocn-api", "ocn-spi", "ocn-settings", "ocn-web", "ocn-store", "ocn-parties",
                "ocn-health", "ocn-registry-api", "ocn-registry-local", "ocn-ocpi-versions", "ocn-ocpi-credentials",
                "ocn-admin", "ocn-router", "ocn-ocpi-locations", "ocn-ocpi-sessions", "ocn-ocpi-cdrs", "ocn-ocpi-tariffs",
                "ocn-ocpi-tokens", "ocn-ocpi-commands", "ocn-ocpi-chargingprofiles", "ocn-ocpi-hubclientinfo",
                "ocn-notary", "ocn-registry-chain", "ocn-network", "ocn-rules", "ocn-services");
        for (String name : expected) {
            Optional<Bundle> b = ours.stream().filter(x -> x.getSymbolicName().equals("org.ocn.node." + name)).findFirst();
            assertTrue(name + " installed", b.isPresent());
            assertEquals(name + " active", Bundle.ACTIVE, b.get().getState());
        }
        assertEquals(expected.size(), ours.size());
    }

    @Test
    public void configurationIsPublishedAsPidOcnNode() throws Exception {
        org.osgi.service.cm.Configuration c = configurationAdmin.getConfiguration("ocn.node", "?");
        assertNotNull(c.getProperties());
        assertEquals(httpPort(), c.getProperties().get("server.port"));
        assertEquals("http://localhost:" + httpPort(), c.getProperties().get("ocn.node.url"));
        assertEquals("exam-admin-key", c.getProperties().get("ocn.node.apikey"));
        assertEquals(false, c.getProperties().get("ocn.node.signatures"));
        assertTrue(((String) c.getProperties().get("ocn.node.privateKey")).matches("[0-9a-f]{64}"));
        org.osgi.service.cm.Configuration credentials = configurationAdmin.getConfiguration("ocn.ocpi.credentials", "?");
        assertNotNull("the credentials feature ships its configuration", credentials.getProperties());
    }

    @Test
    public void servicesWorkInsideTheFramework() throws Exception {
        assertEquals(1, context.getServiceReferences(DataSource.class, "(ocn.datasource=main)").size());
        String token = directory.issueRegistrationToken(List.of(PartyId.of("DE", "PXE")));
        assertEquals(ConnectionStatus.PLANNED, directory.connectionStatus(PartyId.of("DE", "PXE")).orElseThrow());
        assertTrue(directory.findByToken(token).isPresent());
    }

    @Test
    public void healthAndVersionsAnswerOverHttp() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> health = await(() -> send(client, "/health", null), r -> r.statusCode() == 200);
        assertTrue(health.body(), health.body().contains("\"status\":\"UP\""));
        String token = directory.issueRegistrationToken(List.of(PartyId.of("DE", "PXV")));
        HttpResponse<String> versions = send(client, "/ocpi/versions", "Token " + token);
        assertEquals(200, versions.statusCode());
        assertTrue(versions.body(), versions.body().contains("\"url\":\"http://localhost:" + httpPort() + "/ocpi/2.2.1\""));
    }

    /**
     * The whiteboard contract of {@code OcpiModuleHandler}: a handler with a higher ranking overrides the built-in
     * module, and removing it brings the built-in back; the version details follow what is registered.
     */
    @Test
    public void aHigherRankedHandlerOverridesABuiltInModuleUntilItIsRemoved() throws Exception {
        // two connected platforms, registered directly in the directory (the handshake is tested elsewhere)
        PartyId emsp = PartyId.of("DE", "PXM");
        PartyId cpo = PartyId.of("CH", "PXC");
        String emspToken = connect(emsp, Role.EMSP);
        connect(cpo, Role.CPO);
        HttpClient client = HttpClient.newHttpClient();
        java.util.function.Supplier<HttpResponse<String>> tariffs = () -> sendRouted(client,
                "/ocpi/sender/2.2.1/tariffs", emspToken, emsp, cpo);

        // the built-in tariffs module forwards to the CPO, which lists no tariffs endpoint: 2001 from the router
        assertTrue(tariffs.get().body(), tariffs.get().body().contains("does not offer module tariffs"));

        OcpiModuleHandler override = (request, routing) -> CompletableFuture.completedFuture(new OcpiReply(200,
                Map.of(), ("{\"status_code\":1000,\"data\":\"from the plugin\",\"timestamp\":\"2026-01-01T00:00:00Z\"}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(OcpiModuleHandler.MODULE, "tariffs");
        props.put(OcpiModuleHandler.ROLE, "SENDER");
        props.put(OcpiModuleHandler.VERSION, new String[] {"2.2.1"});
        props.put(org.osgi.framework.Constants.SERVICE_RANKING, 10);
        ServiceRegistration<OcpiModuleHandler> registration = context.registerService(OcpiModuleHandler.class, override, props);
        try {
            assertTrue(tariffs.get().body(), tariffs.get().body().contains("from the plugin"));
        } finally {
            registration.unregister();
        }
        assertTrue(tariffs.get().body(), tariffs.get().body().contains("does not offer module tariffs"));

        // a module with no handler at all is not advertised, and requests for it get 2001
        Bundle tariffsBundle = bundle("org.ocn.node.ocn-ocpi-tariffs");
        tariffsBundle.stop();
        try {
            HttpResponse<String> gone = tariffs.get();
            assertTrue(gone.body(), gone.body().contains("module tariffs (SENDER interface, OCPI 2.2.1) is not available"));
            HttpResponse<String> details = send(client, "/ocpi/2.2.1", "Token " + emspToken);
            assertFalse(details.body(), details.body().contains("/tariffs"));
        } finally {
            tariffsBundle.start();
        }
        HttpResponse<String> details = await(() -> send(client, "/ocpi/2.2.1", "Token " + emspToken),
                r -> r.body().contains("/ocpi/sender/2.2.1/tariffs"));
        assertTrue(details.body().contains("/ocpi/receiver/2.2.1/tariffs"));
    }

    /**
     * The {@code OcnRules} service the router consults answers with what a platform set over HTTP, for every party
     * of that platform, and lets everything through for parties without rules.
     */
    @Test
    public void theOcnRulesServiceAnswersWithTheRulesAPlatformSet() throws Exception {
        PartyId cpo = PartyId.of("CH", "PXR");
        PartyId emsp = PartyId.of("DE", "PXS");
        PartyId other = PartyId.of("NL", "PXT");
        String cpoToken = connect(cpo, Role.CPO);
        connect(emsp, Role.EMSP);
        assertEquals(Optional.empty(), ocnRules.refusal(cpo, emsp, "locations"));
        assertFalse(ocnRules.signaturesRequired(cpo));

        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> put = send(client, "PUT", "/ocpi/receiver/2.2.1/ocnrules/whitelist", "Token " + cpoToken,
                "[{\"country_code\":\"DE\",\"party_id\":\"PXS\",\"modules\":[\"locations\",\"my-module\"]}]");
        assertEquals(put.body(), 200, put.statusCode());
        assertTrue(put.body(), put.body().contains("\"status_code\":1000"));
        assertEquals(200, send(client, "PUT", "/ocpi/receiver/2.2.1/ocnrules/signatures", "Token " + cpoToken, "true")
                .statusCode());

        assertEquals(Optional.empty(), ocnRules.refusal(cpo, emsp, "locations"));
        assertEquals(Optional.empty(), ocnRules.refusal(PartyId.of("ch", "pxr"), emsp, "My-Module"));
        assertEquals(Optional.of("Sender DE/PXS is on the whitelist of CH/PXR but not for module sessions"),
                ocnRules.refusal(cpo, emsp, "sessions"));
        assertEquals(Optional.of("Sender NL/PXT is not on the whitelist of CH/PXR for module locations"),
                ocnRules.refusal(cpo, other, "locations"));
        assertTrue(ocnRules.signaturesRequired(cpo));
        assertTrue(ocnRules.mayKnowOf(cpo, emsp));
        assertFalse(ocnRules.mayKnowOf(cpo, other));
        assertEquals("the eMSP has no rules", Optional.empty(), ocnRules.refusal(emsp, other, "cdrs"));
        assertTrue(ocnRules.mayKnowOf(emsp, other));
    }

    private String connect(PartyId party, Role role) throws Exception {
        String tokenA = directory.issueRegistrationToken(List.of(party));
        long id = directory.findByToken(tokenA).orElseThrow().platform().id();
        return directory.register(id, new Registration(new Credentials("token-b-" + party.partyId(),
                "http://127.0.0.1:9/ocpi/versions", List.of(new CredentialsRole(role, BusinessDetails.named(party.toString()),
                party))), VersionNumber.V2_2_1, List.of(new Endpoint("credentials", InterfaceRole.SENDER,
                "http://127.0.0.1:9/ocpi/2.2.1/credentials")), TokenEncoding.BASE64)).tokenC();
    }

    private static HttpResponse<String> sendRouted(HttpClient client, String path, String tokenC, PartyId from, PartyId to) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort() + path))
                    .header("Authorization", "Token " + tokenC).header("X-Request-ID", "r1").header("X-Correlation-ID", "c1")
                    .header("OCPI-from-country-code", from.countryCode()).header("OCPI-from-party-id", from.partyId())
                    .header("OCPI-to-country-code", to.countryCode()).header("OCPI-to-party-id", to.partyId())
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    public void theDeployFolderInstallsUpdatesAndUninstallsABundle() throws Exception {
        Path deploy = Path.of(context.getProperty("karaf.base"), "deploy");
        Path jar = deploy.resolve("dropin.jar");
        writeBundle(jar, "org.ocn.node.it.dropin", "1.0.0");
        Bundle b = await(() -> bundle("org.ocn.node.it.dropin"), x -> x != null && x.getState() == Bundle.ACTIVE);
        assertEquals(new Version(1, 0, 0), b.getVersion());

        writeBundle(jar, "org.ocn.node.it.dropin", "1.0.1");
        Bundle updated = await(() -> bundle("org.ocn.node.it.dropin"),
                x -> x != null && x.getVersion().equals(new Version(1, 0, 1)));
        assertEquals("updated in place, not reinstalled", b.getBundleId(), updated.getBundleId());

        Files.delete(jar);
        await(() -> bundle("org.ocn.node.it.dropin"), x -> x == null);
    }

    @Test
    public void theDeployFolderInstallsAndUninstallsAFeatureFile() throws Exception {
        Path deploy = Path.of(context.getProperty("karaf.base"), "deploy");
        Path jar = Path.of(context.getProperty("karaf.data"), "tmp", "feature-dropin.jar");
        Files.createDirectories(jar.getParent());
        writeBundle(jar, "org.ocn.node.it.featuredropin", "2.0.0");
        Path features = deploy.resolve("dropin-features.xml");
        Files.writeString(features, "<features name=\"dropin\" xmlns=\"http://karaf.apache.org/xmlns/features/v1.6.0\">"
                + "<feature name=\"ocn-dropin\" version=\"2.0.0\" install=\"auto\"><bundle>" + jar.toUri()
                + "</bundle></feature></features>");
        await(() -> bundle("org.ocn.node.it.featuredropin"), x -> x != null && x.getState() == Bundle.ACTIVE);
        Files.delete(features);
        await(() -> bundle("org.ocn.node.it.featuredropin"), x -> x == null);
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
                .orElse(null);
    }

    private static HttpResponse<String> send(HttpClient client, String path, String authorization) {
        return send(client, "GET", path, authorization, null);
    }

    private static HttpResponse<String> send(HttpClient client, String method, String path, String authorization,
                                             String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort() + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body))
                    .timeout(Duration.ofSeconds(10));
            if (authorization != null) {
                b.header("Authorization", authorization);
            }
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(Supplier<T> value, java.util.function.Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = value.get();
            if (last != null ? done.test(last) : done.test(null)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not reached within 60 s; last value: " + last);
    }

    /** Writes a bundle elsewhere and moves it into place, so that FileInstall never sees half a jar. */
    private void writeBundle(Path jar, String symbolicName, String version) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", version);
        Path tmp = Files.createTempFile(Path.of(context.getProperty("karaf.data"), "tmp"), "bundle", ".part");
        try (OutputStream out = Files.newOutputStream(tmp); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
