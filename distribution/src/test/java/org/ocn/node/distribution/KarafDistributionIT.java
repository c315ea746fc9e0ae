package org.ocn.node.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

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
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.rules.OcnRules;
import org.ocn.node.spi.client.OcpiClient;
import org.ocn.node.spi.parties.PartyInfo;
import org.ocn.node.spi.parties.PartyView;
import org.ocn.node.spi.client.OutgoingRequest;
import org.ocn.node.spi.listeners.OcpiMessageListener;
import org.ocn.node.spi.routing.OcpiModuleHandler;
import org.ocn.node.spi.routing.OcpiRequest;
import org.ocn.node.spi.routing.OcpiReply;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
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

    private static int httpPort() {
        return ExamNode.httpPort();
    }

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private PartyDirectory directory;

    @Inject
    private OcnRules ocnRules;

    @Inject
    private OcpiClient ocpiClient;

    @Inject
    private PartyView partyView;

    @Configuration
    public Option[] config() throws IOException {
        return ExamNode.options();
    }

    @Test
    public void everyNodeBundleIsActive() {
        List<Bundle> ours = Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().startsWith("org.ocn.node.")).toList();
        List<String> expected = List.of("ocn-api", "ocn-spi", "ocn-settings", "ocn-web", "ocn-store", "ocn-parties",
                "ocn-health", "ocn-registry-api", "ocn-registry-local", "ocn-ocpi-versions", "ocn-ocpi-credentials",
                "ocn-admin", "ocn-router", "ocn-ocpi-locations", "ocn-ocpi-sessions", "ocn-ocpi-cdrs", "ocn-ocpi-tariffs",
                "ocn-ocpi-tokens", "ocn-ocpi-commands", "ocn-ocpi-chargingprofiles", "ocn-ocpi-hubclientinfo",
                "ocn-notary", "ocn-registry-chain", "ocn-network", "ocn-services", "ocn-rules", "ocn-plugins");
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
    public void pluginsSeeThePartiesThroughThePartyView() throws Exception {
        PartyId planned = PartyId.of("DE", "PVP");
        PartyId connected = PartyId.of("NL", "PVC");
        directory.issueRegistrationToken(List.of(planned));
        ExamNode.connect(directory, connected, Role.CPO);
        PartyInfo plannedInfo = partyView.party(planned).orElseThrow();
        assertEquals(ConnectionStatus.PLANNED, plannedInfo.status());
        assertEquals(PartyInfo.Where.THIS_NODE, plannedInfo.where());
        PartyInfo connectedInfo = partyView.party(connected).orElseThrow();
        assertEquals(ConnectionStatus.CONNECTED, connectedInfo.status());
        assertEquals(java.util.Set.of(Role.CPO), connectedInfo.roles());
        assertEquals("http://localhost:" + httpPort(), connectedInfo.nodeUrl());
        assertTrue(partyView.parties().contains(connectedInfo));
        assertTrue(partyView.party(PartyId.of("XX", "NON")).isEmpty());
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

        // while the module's bundle is away (an update), a request waits for it up to the grace period
        Bundle tariffsBundle = bundle("org.ocn.node.ocn-ocpi-tariffs");
        tariffsBundle.stop();
        CompletableFuture<HttpResponse<String>> during = CompletableFuture.supplyAsync(tariffs);
        Thread.sleep(500);
        assertFalse("the request waits for a provider", during.isDone());
        tariffsBundle.start();
        HttpResponse<String> served = during.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(served.body(), served.body().contains("does not offer module tariffs"));

        // a module with no handler at all is not advertised, and requests for it get 2001 after the grace period
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
     * Message listeners see the routed requests they asked for with their answers, and may enrich them (a signed
     * request is re-signed by the node with the change stashed); the node's client sends as the node.
     */
    @Test
    public void listenersObserveAndEnrichAndTheClientSendsAsTheNode() throws Exception {
        PartyId emsp = PartyId.of("DE", "PXL");
        PartyId cpo = PartyId.of("CH", "PXK");
        String emspToken = connect(emsp, Role.EMSP);
        connect(cpo, Role.CPO);
        java.util.concurrent.BlockingQueue<OcpiRequest> handled = new java.util.concurrent.LinkedBlockingQueue<>();
        OcpiModuleHandler echo = (request, routing) -> {
            handled.add(request);
            return CompletableFuture.completedFuture(new OcpiReply(200, Map.of(),
                    ("{\"status_code\":1000,\"data\":\"" + request.query() + "\",\"timestamp\":\"2026-01-01T00:00:00Z\"}")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        };
        java.util.concurrent.BlockingQueue<String> seen = new java.util.concurrent.LinkedBlockingQueue<>();
        OcpiMessageListener enricher = new OcpiMessageListener() {
            @Override
            public OcpiRequest enrich(OcpiRequest request) {
                return request.withQuery(request.query() + "&enriched=yes");
            }

            @Override
            public void exchanged(OcpiRequest request, OcpiReply reply) {
                seen.add(request.query() + " -> " + reply.status());
            }
        };
        java.util.concurrent.BlockingQueue<String> cdrsOnly = new java.util.concurrent.LinkedBlockingQueue<>();
        OcpiMessageListener other = (request, reply) -> cdrsOnly.add(request.module());
        List<ServiceRegistration<?>> registrations = new java.util.ArrayList<>();
        try {
            registrations.add(context.registerService(OcpiModuleHandler.class, echo, properties(
                    OcpiModuleHandler.MODULE, "locations", OcpiModuleHandler.ROLE, "SENDER",
                    OcpiModuleHandler.VERSION, new String[] {"2.2.1"}, org.osgi.framework.Constants.SERVICE_RANKING, 10)));
            registrations.add(context.registerService(OcpiMessageListener.class, enricher, properties(
                    OcpiMessageListener.MODULE, new String[] {"locations"}, OcpiMessageListener.ROLE, new String[] {"SENDER"},
                    OcpiMessageListener.METHOD, new String[] {"GET"})));
            registrations.add(context.registerService(OcpiMessageListener.class, other, properties(
                    OcpiMessageListener.MODULE, new String[] {"cdrs"})));
            HttpClient client = HttpClient.newHttpClient();

            HttpResponse<String> plain = sendRouted(client, "/ocpi/sender/2.2.1/locations?limit=5", emspToken, emsp, cpo);
            assertTrue(plain.body(), plain.body().contains("\"data\":\"limit=5&enriched=yes\""));
            assertEquals("limit=5&enriched=yes", handled.poll(5, java.util.concurrent.TimeUnit.SECONDS).query());
            assertEquals("limit=5&enriched=yes -> 200", seen.poll(5, java.util.concurrent.TimeUnit.SECONDS));

            // a signed request stays verifiable: the node stashes the added parameter and signs
            org.ocn.node.notary.Notary notary = new org.ocn.node.notary.Notary();
            org.ocn.node.crypto.EthereumKey partyKey = org.ocn.node.crypto.EthereumKey.fromPrivateKey("0x" + "42".repeat(32));
            Map<String, String> signedHeaders = new java.util.LinkedHashMap<>();
            signedHeaders.put("x-correlation-id", "c1");
            signedHeaders.put("ocpi-from-country-code", emsp.countryCode());
            signedHeaders.put("ocpi-from-party-id", emsp.partyId());
            signedHeaders.put("ocpi-to-country-code", cpo.countryCode());
            signedHeaders.put("ocpi-to-party-id", cpo.partyId());
            String signature = notary.serialize(notary.sign(new org.ocn.node.notary.ValuesToSign(signedHeaders,
                    Map.of("limit", "7"), new byte[0]), partyKey));
            HttpResponse<String> signed = sendRouted(client, "/ocpi/sender/2.2.1/locations?limit=7", emspToken, emsp, cpo,
                    Map.of("OCN-Signature", signature));
            assertTrue(signed.body(), signed.body().contains("limit=7&enriched=yes"));
            OcpiRequest atHandler = handled.poll(5, java.util.concurrent.TimeUnit.SECONDS);
            org.ocn.node.notary.OcnSignature resigned = notary.deserialize(atHandler.header("ocn-signature"));
            assertTrue(notary.verify(new org.ocn.node.notary.ValuesToSign(atHandler.headers(),
                    Map.of("limit", "7", "enriched", "yes"), new byte[0]), resigned).valid());
            assertFalse("the node signed the enriched request", resigned.signatory().equalsIgnoreCase(partyKey.address()));
            assertEquals(1, resigned.rewrites().size());
            assertTrue(resigned.rewrites().get(0).rewrittenFields().containsKey("$['params']['enriched']"));
            assertTrue(resigned.rewrites().get(0).signatory().equalsIgnoreCase(partyKey.address()));
            seen.poll(5, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue("the cdrs listener saw no locations request", cdrsOnly.isEmpty());

            // the node's client: as the node, straight to the recipient (no module handler)
            PartyId nodeIdentity = PartyId.of("CH", "OCN");
            OcpiReply asNode = ocpiClient.send(OutgoingRequest.get(nodeIdentity, cpo, "locations", InterfaceRole.SENDER, "/LOC1"))
                    .toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
            String asNodeBody = new String(asNode.body(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(asNodeBody, asNodeBody.contains("does not offer module locations"));
            OcpiReply impostor = ocpiClient.send(OutgoingRequest.get(emsp, cpo, "locations", InterfaceRole.SENDER, ""))
                    .toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
            String impostorBody = new String(impostor.body(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(impostorBody, impostorBody.contains("\"status_code\":2001") && impostorBody.contains("Only the node"));
        } finally {
            registrations.forEach(ServiceRegistration::unregister);
        }
    }

    private static Dictionary<String, Object> properties(Object... keysAndValues) {
        Dictionary<String, Object> props = new Hashtable<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return props;
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
        return ExamNode.connect(directory, party, role);
    }

    private static HttpResponse<String> sendRouted(HttpClient client, String path, String tokenC, PartyId from, PartyId to) {
        return sendRouted(client, path, tokenC, from, to, Map.of());
    }

    private static HttpResponse<String> sendRouted(HttpClient client, String path, String tokenC, PartyId from, PartyId to,
                                                   Map<String, String> extraHeaders) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort() + path))
                    .header("Authorization", "Token " + tokenC).header("X-Request-ID", "r1").header("X-Correlation-ID", "c1")
                    .header("OCPI-from-country-code", from.countryCode()).header("OCPI-from-party-id", from.partyId())
                    .header("OCPI-to-country-code", to.countryCode()).header("OCPI-to-party-id", to.partyId())
                    .timeout(Duration.ofSeconds(10));
            extraHeaders.forEach(b::header);
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
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
        return ExamNode.bundle(context, symbolicName);
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
        return ExamNode.await(value, done);
    }

    /** Writes a bundle elsewhere and moves it into place, so that FileInstall never sees half a jar. */
    private void writeBundle(Path jar, String symbolicName, String version) throws IOException {
        Manifest m = ExamNode.bundleManifest(symbolicName, version);
        Path tmp = Files.createTempFile(Path.of(context.getProperty("karaf.data"), "tmp"), "bundle", ".part");
        try (OutputStream out = Files.newOutputStream(tmp); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
