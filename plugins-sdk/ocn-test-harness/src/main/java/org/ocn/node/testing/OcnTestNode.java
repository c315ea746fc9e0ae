package org.ocn.node.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An OCN node for a plugin's tests: the node distribution unpacked into a fresh folder and started with
 * {@code bin/ocn-node} on free loopback ports, exactly as an operator runs it, with the plugin copied into its
 * {@code deploy/} folder once it is up.
 *
 * <pre>
 * try (OcnTestNode node = OcnTestNode.builder().pluginUnderTest()
 *         .configure("ocn.plugin.hello", Map.of("greeting", "Grüezi")).start()) {
 *     MockParty msp = node.connect("DE/MSP", PartyRole.EMSP);
 *     MockParty cpo = node.connect("DE/CPO", PartyRole.CPO, Endpoint.sender("locations"));
 *     OcpiAnswer answer = msp.send("GET", "/ocpi/custom/receiver/hello", "DE/CPO");
 *     assertEquals(1000, answer.statusCode());
 * }
 * </pre>
 *
 * <p>{@link Builder#start()} returns once {@code GET /health} answers 200 and every plugin's bundle is started
 * (FileInstall logged it started; where the node has the plugin admin API, {@code GET /admin/plugins} also lists it
 * {@code ACTIVE}); a plugin that fails to resolve or start fails the start with the node's reason. {@link #close()}
 * stops the node with SIGTERM, stops the mock parties, keeps the node's output and log beside its folder
 * ({@code <work directory>/<node>.out}, {@code <node>-karaf.log}) and deletes the installation.
 *
 * <p>The node runs in local mode (no chain) with the admin key {@link #adminKey()}; the distribution comes from
 * {@value NodeArchive#ARCHIVE_PROPERTY} (ocn-plugin-parent sets it for the integration tests), else from
 * {@code target/ocn-node/}, else from the local Maven repository. A node takes some 5 to 10 s to start: share one per
 * test class ({@code @BeforeClass}/{@code @AfterClass}) where the tests allow.
 */
public final class OcnTestNode implements AutoCloseable {

    /** System property: the folder nodes are unpacked into (default {@code target/ocn-test-nodes}). */
    public static final String WORK_DIRECTORY_PROPERTY = "ocn.test.workDir";

    /** System property: the plugin jar under test; ocn-plugin-parent sets it to the jar just packaged. */
    public static final String PLUGIN_JAR_PROPERTY = "ocn.plugin.jar";

    /** Settings the harness gives itself: the node would not be reachable, or not be this test's, otherwise. */
    private static final Set<String> RESERVED_SETTINGS = Set.of("server.port", "server.address", "ocn.node.url",
            "ocn.node.shellPort", "ocn.node.dataDir", "ocn.node.apikey");

    /** FileInstall's words for a file in deploy/ it could not install, update or start. */
    private static final List<String> DEPLOY_FAILURES = List.of("Error while starting bundle:",
            "Failed to install artifact:", "Failed to update bundle:", "Failed to update artifact",
            "A bundle with the same symbolic name", "Unable to transform artifact:", "Unable to create jar for:");

    private final Path folder;
    private final Path home;
    private final int port;
    private final int shellPort;
    private final String adminKey;
    private final Map<String, String> settings;
    private final Duration startTimeout;
    private final Duration pluginTimeout;
    private final HttpCalls http = new HttpCalls();
    private final NodeLog log;
    private final List<MockParty> parties = new ArrayList<>();
    private final Map<String, PluginBundle> deployed = new LinkedHashMap<>();
    private Process process;
    private Thread killOnExit;
    private Boolean pluginApi;

    private OcnTestNode(Path folder, Path home, String adminKey, Map<String, String> settings, Duration startTimeout,
                        Duration pluginTimeout) {
        this.folder = folder;
        this.home = home;
        this.port = freePort();
        this.shellPort = freePort();
        this.adminKey = adminKey;
        this.settings = settings;
        this.startTimeout = startTimeout;
        this.pluginTimeout = pluginTimeout;
        this.log = new NodeLog(home.resolve("data").resolve("log").resolve("karaf.log"));
    }

    /** @return a builder for a node */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the node's base URL, {@code http://127.0.0.1:<port>} (also its {@code ocn.node.url}) */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** @return the admin API key ({@code ocn.node.apikey}) */
    public String adminKey() {
        return adminKey;
    }

    /** @return the node's installation folder (its {@code etc/}, {@code deploy/} and {@code data/}) */
    public Path home() {
        return home;
    }

    /** @return what {@code bin/ocn-node} printed so far (the node's own log lines, warnings and errors) */
    public String output() {
        try {
            return Files.readString(outputFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the node's full log file ({@code data/log/karaf.log}: every bundle's INFO lines) */
    public Path logFile() {
        return log.file();
    }

    /**
     * Connects a mock party with the real credentials handshake over OCPI 2.2.1: the operator's registration token A
     * (admin API), the party's {@code POST /ocpi/2.2.1/credentials}, the node's calls back to the party's versions and
     * version details. The node routes requests for the given endpoints to the party from then on.
     *
     * @param party     {@code "<country code>/<party id>"}, for example {@code "DE/MSP"}
     * @param endpoints the module interfaces the party offers, besides credentials
     * @return the connected party, closed with the node
     */
    public MockParty connect(String party, PartyRole role, Endpoint... endpoints) {
        return connect(party, role, "2.2.1", endpoints);
    }

    /** Connects a mock party speaking this OCPI version ({@code 2.2.1} or {@code 2.2}); see {@link #connect}. */
    public MockParty connect(String party, PartyRole role, String ocpiVersion, Endpoint... endpoints) {
        MockParty mock = new MockParty(url(), http, party, role, ocpiVersion, Arrays.asList(endpoints));
        try {
            OcpiAnswer token = admin("POST", "/admin/generate-registration-token", "[{\"country_code\":\""
                    + mock.countryCode() + "\",\"party_id\":\"" + mock.partyId() + "\"}]");
            if (token.status() != 200) {
                throw new IllegalStateException("the node issued no registration token for " + party + ": " + token);
            }
            String tokenA = token.json().path("token").asText();
            String authorization = "Token " + (ocpiVersion.equals("2.2.1") ? HttpCalls.base64(tokenA) : tokenA);
            OcpiAnswer registered = http.send("POST", url() + "/ocpi/" + ocpiVersion + "/credentials",
                    mock.credentials(), Map.of("Authorization", authorization));
            if (registered.status() != 200 || registered.statusCode() != 1000) {
                throw new IllegalStateException("the credentials handshake of " + party + " failed: " + registered);
            }
            mock.connected(registered.data().path("token").asText());
        } catch (RuntimeException e) {
            mock.close();
            throw e;
        }
        synchronized (parties) {
            parties.add(mock);
        }
        return mock;
    }

    /**
     * Calls the admin API with the admin key.
     *
     * @param path     for example {@code /admin/connection-status/DE/MSP}
     * @param jsonBody the body, or {@code null}
     */
    public OcpiAnswer admin(String method, String path, String jsonBody) {
        return http.send(method, url() + path, jsonBody, Map.of("Authorization", "Token " + adminKey));
    }

    /** @return the answer to an unauthenticated GET, for example of {@code /health} or {@code /ocpi/versions} */
    public OcpiAnswer get(String path) {
        return http.send("GET", url() + path, null, Map.of());
    }

    /**
     * Copies a plugin jar into {@code deploy/} of the running node (a jar of the same file name is updated in place,
     * as an operator's copy would) and waits until its bundle started.
     *
     * @throws IllegalStateException when the bundle does not resolve or start, with the node's reason
     */
    public void deploy(Path jar) {
        PluginBundle bundle = PluginBundle.read(jar);
        Path target = home.resolve("deploy").resolve(bundle.fileName());
        try {
            if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), Files.readAllBytes(jar))) {
                return; // FileInstall sees no change and does nothing: the bundle is as it was
            }
            long mark = log.mark();
            // copied beside deploy/ and moved in, so that FileInstall never reads half a jar
            Path part = Files.createTempFile(home, ".plugin-", ".part");
            Files.copy(jar, part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            // recorded before it starts: a plugin that fails stays in deploy/ (as it would for an operator) until
            // undeployed
            deployed.put(bundle.fileName(), bundle);
            awaitStarted(bundle, mark);
        } catch (IOException e) {
            throw new UncheckedIOException("deploying " + jar, e);
        }
    }

    /**
     * Removes a plugin jar from {@code deploy/}, as an operator would, and waits until its bundle is uninstalled.
     *
     * @param jar the jar that was deployed (only its file name matters)
     */
    public void undeploy(Path jar) {
        String fileName = jar.getFileName().toString();
        PluginBundle bundle = deployed.remove(fileName);
        if (bundle == null) {
            throw new IllegalArgumentException(fileName + " was not deployed to this node");
        }
        long mark = log.mark();
        try {
            Files.delete(home.resolve("deploy").resolve(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // FileInstall logs "Uninstalling bundle <id> (<symbolic name>)"
        String uninstalled = "Uninstalling bundle ";
        String name = "(" + bundle.symbolicName() + ")";
        await("bundle " + bundle.symbolicName() + " to be uninstalled", mark, () -> log.find(mark,
                line -> line.contains(uninstalled) && line.contains(name)).isPresent());
    }

    /**
     * Writes a configuration into {@code etc/} of the running node and waits until ConfigAdmin read it (components
     * get it right after). See {@link Builder#configure} for the format.
     */
    public void configure(String pid, Map<String, ?> properties) {
        long mark = log.mark();
        if (ConfigFiles.write(home.resolve("etc"), pid, properties)) {
            // FileInstall logs "Creating configuration {pid} from ..." or "Updating configuration {pid} from ..."
            String name = "configuration {" + pid.replaceFirst("-", "~") + "}";
            String plain = "configuration {" + pid + "}";
            await("configuration " + pid + " to be read", mark, () -> log.find(mark,
                    line -> line.contains(plain) || line.contains(name)).isPresent());
        }
    }

    /**
     * Stops the node (SIGTERM, then up to 60 s for a clean stop) and the mock parties; keeps the node's output and log
     * beside its folder and deletes the installation.
     */
    @Override
    public void close() {
        try {
            stopProcess();
        } finally {
            synchronized (parties) {
                parties.forEach(MockParty::close);
                parties.clear();
            }
            keepLogsAndDelete();
        }
    }

    @Override
    public String toString() {
        return "OCN test node at " + url() + " (" + home + ")";
    }

    private Path outputFile() {
        return home.resolve("ocn-node.out");
    }

    private void launch() {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin").resolve("ocn-node").toString());
        command.add("-Dserver.port=" + port);
        command.add("-Dserver.address=127.0.0.1");
        command.add("-Docn.node.url=" + url());
        command.add("-Docn.node.shellPort=" + shellPort);
        command.add("-Docn.node.dataDir=" + home.resolve("data"));
        command.add("-Docn.node.apikey=" + adminKey);
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile().toFile()));
        // the node a test runs depends on the builder only, not on the developer's OCN_* or SERVER_* variables
        builder.environment().keySet().removeIf(name -> name.startsWith("OCN_") || name.startsWith("SERVER_"));
        builder.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        }
        // a test run that ends without close() must not leave a node running
        killOnExit = new Thread(() -> {
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        }, "ocn-test-node-" + port + "-stop");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        await("GET /health to answer 200", 0, startTimeout, () -> http.answers(url() + "/health", 200));
    }

    private void awaitStarted(PluginBundle bundle, long mark) {
        String started = "Started bundle: ";
        String location = "/deploy/" + bundle.fileName();
        await("plugin " + bundle.symbolicName() + " (" + bundle.fileName() + ") to start", mark, () -> {
            Optional<String> failure = log.find(mark, line -> DEPLOY_FAILURES.stream().anyMatch(line::contains)
                    && (line.contains(bundle.fileName()) || line.contains(bundle.symbolicName())));
            if (failure.isPresent()) {
                throw new IllegalStateException("Plugin " + bundle.symbolicName() + " (" + bundle.fileName()
                        + ") did not start in the node: " + failure.get() + pluginApiEntry(bundle)
                        .map(entry -> "\nGET /admin/plugins: " + entry).orElse(""));
            }
            if (log.find(mark, line -> line.contains(started) && line.endsWith(location)).isEmpty()) {
                return false;
            }
            return pluginApiEntry(bundle).map(entry -> {
                String state = entry.path("state").asText();
                if (state.equals("FAILED")) {
                    throw new IllegalStateException("Plugin " + bundle.symbolicName() + " failed in the node: "
                            + entry);
                }
                return state.equals("ACTIVE");
            }).orElse(true);
        });
    }

    /** @return the plugin's entry in {@code GET /admin/plugins}, where the node has that API and lists it */
    private Optional<JsonNode> pluginApiEntry(PluginBundle bundle) {
        if (Boolean.FALSE.equals(pluginApi)) {
            return Optional.empty();
        }
        OcpiAnswer answer = admin("GET", "/admin/plugins", null);
        if (pluginApi == null) {
            pluginApi = answer.status() == 200 && answer.json().isArray();
            if (!pluginApi) {
                return Optional.empty();
            }
        }
        for (JsonNode entry : answer.json()) {
            if (bundle.symbolicName().equals(entry.path("id").asText())) {
                return Optional.of(entry);
            }
        }
        return Optional.of(Json.object().put("id", bundle.symbolicName()).put("state", "NOT LISTED"));
    }

    private void await(String what, long mark, Condition done) {
        await(what, mark, pluginTimeout, done);
    }

    /** Polls until done, failing early when the node exits, and with the node's recent log when time runs out. */
    private void await(String what, long mark, Duration timeout, Condition done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The node exited (" + process.exitValue() + ") while waiting for "
                        + what + "; the end of its output:\n" + tail(output().lines().toList()));
            }
            if (done.reached()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Waited " + timeout + " for " + what + " in vain; the end of the "
                        + "node's log (" + log.file() + ") since then:\n" + tail(log.linesSince(mark))
                        + "\nthe end of its output:\n" + tail(output().lines().toList()));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    /** @return the last lines, enough to see what went wrong without burying the test report */
    private static String tail(List<String> lines) {
        int shown = 60;
        return (lines.size() > shown ? "[" + (lines.size() - shown) + " lines before]\n" : "")
                + String.join("\n", lines.subList(Math.max(0, lines.size() - shown), lines.size()));
    }

    private void stopProcess() {
        if (process == null) {
            return;
        }
        try {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
    }

    private void keepLogsAndDelete() {
        String name = folder.getFileName().toString();
        try {
            if (Files.isRegularFile(outputFile())) {
                Files.move(outputFile(), folder.resolveSibling(name + ".out"), StandardCopyOption.REPLACE_EXISTING);
            }
            if (Files.isRegularFile(log.file())) {
                Files.move(log.file(), folder.resolveSibling(name + "-karaf.log"), StandardCopyOption.REPLACE_EXISTING);
            }
            try (Stream<Path> paths = Files.walk(folder)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cleaning up " + folder, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    @FunctionalInterface
    private interface Condition {
        boolean reached();
    }

    /** How the node starts: its plugins, their configuration, the node's settings. */
    public static final class Builder {

        private final List<Path> plugins = new ArrayList<>();
        private final Map<String, Map<String, ?>> configurations = new LinkedHashMap<>();
        private final Map<String, String> settings = new LinkedHashMap<>();
        private String adminKey = "harness-" + UUID.randomUUID();
        private Path archive;
        private Path workDirectory;
        private Duration startTimeout = Duration.ofSeconds(120);
        private Duration pluginTimeout = Duration.ofSeconds(60);

        private Builder() {
        }

        /** Deploys this plugin jar once the node is up (any number of plugins, in this order). */
        public Builder plugin(Path jar) {
            plugins.add(jar);
            return this;
        }

        /**
         * Deploys the plugin the project just packaged: the jar named by {@value #PLUGIN_JAR_PROPERTY}, which
         * ocn-plugin-parent sets for the integration tests.
         */
        public Builder pluginUnderTest() {
            String jar = System.getProperty(PLUGIN_JAR_PROPERTY);
            if (jar == null || jar.isBlank()) {
                throw new IllegalStateException("System property " + PLUGIN_JAR_PROPERTY + " is not set: run the test "
                        + "with failsafe in a project whose parent is ocn-plugin-parent (mvn verify), or name the jar "
                        + "with plugin(Path)");
            }
            return plugin(Path.of(jar));
        }

        /**
         * Gives the node a configuration before it starts: {@code etc/<pid>.cfg}, as an operator would. Values are
         * single strings (numbers and booleans are written as text; Declarative Services converts them to the types
         * of a component's configuration annotation); {@code ${...}} in a value is substituted by the node. A PID with
         * a dash, {@code <factory pid>-<name>}, is a factory configuration.
         */
        public Builder configure(String pid, Map<String, ?> properties) {
            ConfigFiles.file(Path.of("etc"), pid); // fails early on a PID that cannot be a file name
            configurations.put(pid, Map.copyOf(properties));
            return this;
        }

        /**
         * Sets a node setting (a key of {@code etc/ocn-node.properties}, for example
         * {@code ocn.node.plugins.grace}), given to {@code bin/ocn-node} as {@code -Dkey=value}.
         */
        public Builder setting(String key, String value) {
            if (RESERVED_SETTINGS.contains(key)) {
                throw new IllegalArgumentException(key + " is set by the harness (free ports, a fresh data folder, "
                        + "the admin key of adminKey(String))");
            }
            settings.put(key, value);
            return this;
        }

        /** Sets the admin API key (default: a random one, see {@link OcnTestNode#adminKey()}). */
        public Builder adminKey(String key) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("an admin key is not blank");
            }
            this.adminKey = key;
            return this;
        }

        /** Runs this distribution archive ({@code ocn-node-<version>.tar.gz}) instead of the one found by default. */
        public Builder archive(Path tarGz) {
            this.archive = tarGz;
            return this;
        }

        /** Unpacks nodes here (default: {@value #WORK_DIRECTORY_PROPERTY}, else {@code target/ocn-test-nodes}). */
        public Builder workDirectory(Path directory) {
            this.workDirectory = directory;
            return this;
        }

        /** How long the node may take to answer {@code /health} (default 120 s, for loaded build machines). */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** How long a plugin may take to start, and a configuration to be read (default 60 s). */
        public Builder pluginTimeout(Duration timeout) {
            this.pluginTimeout = timeout;
            return this;
        }

        /**
         * Unpacks the distribution, writes the configurations, starts the node, waits for {@code /health}, deploys
         * the plugins and waits until each started.
         *
         * @throws IllegalStateException when the node does not start or a plugin does not, with the node's output
         */
        public OcnTestNode start() {
            Path distribution = NodeArchive.locate(archive);
            plugins.forEach(PluginBundle::read); // a missing jar or one that is not a bundle fails before the node starts
            Path work = workDirectory != null ? workDirectory
                    : Path.of(System.getProperty(WORK_DIRECTORY_PROPERTY, "target/ocn-test-nodes"));
            Path folder;
            try {
                Files.createDirectories(work);
                folder = Files.createTempDirectory(work.toAbsolutePath(), "node-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a node folder in " + work, e);
            }
            Path home = NodeArchive.unpack(distribution, folder);
            configurations.forEach((pid, properties) -> ConfigFiles.write(home.resolve("etc"), pid, properties));
            OcnTestNode node = new OcnTestNode(folder, home, adminKey, Map.copyOf(settings), startTimeout,
                    pluginTimeout);
            try {
                node.launch();
                plugins.forEach(node::deploy);
                return node;
            } catch (RuntimeException e) {
                node.close();
                throw e;
            }
        }
    }
}
