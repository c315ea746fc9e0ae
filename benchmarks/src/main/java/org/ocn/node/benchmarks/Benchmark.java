package org.ocn.node.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import org.eclipse.jetty.http.HttpFields;
import org.ocn.node.crypto.EthereumKey;
import org.ocn.node.notary.Notary;
import org.ocn.node.notary.ValuesToSign;
import org.ocn.node.registry.chain.testing.LocalChain;

/**
 * The benchmark of issues 6 and 16. Runs, on loopback, a mock CPO (its own process), a mock eMSP, a bare proxy (its
 * own process), the built distribution (fresh data folders under {@code benchmarks/target/bench-run}) and a load
 * generator (wrk where it is installed, else the benchmark's own), then measures, each against the same requests sent
 * directly to the mock CPO and through the bare proxy in the same run:
 *
 * <ol>
 * <li>the direct baseline (small and large GET), with the mock CPO's and the generator's own CPU per request;</li>
 * <li>the bare proxy's baseline ({@link BareProxy}: Jetty 12's server and asynchronous client, two map lookups);</li>
 * <li>the node's start time and resident memory at idle;</li>
 * <li>routed GETs eMSP -> node -> CPO: throughput at saturation, node CPU and peak memory per request, latency at a
 * fixed rate;</li>
 * <li>a plugin module updated under load: failed requests and the p99 over the update;</li>
 * <li>the same small GET with {@code ocn.node.signatures=true} (a restart: the start time of a node with data);</li>
 * <li>two nodes on a local chain (eMSP on one, CPO on the other).</li>
 * </ol>
 *
 * Prints a table with every figure, its ratios to the baselines and the goals of the issues, and writes JSON.
 *
 * <p>Over 400 lines on purpose: this class is the run's script, its phases in the order they run, each phase a
 * method that starts what it measures and hands the figures to {@link Figures}; the machinery lives apart
 * ({@link Workbench}: folders, ports, helper JVMs; {@link Figures}: the table's rows; {@link LoadGenerator},
 * {@link Wrk}, {@link Node}). Splitting the script further would scatter one sequence over several files.
 */
public final class Benchmark {

    static final String MSP = "DE/MSP";
    static final String CPO = "CH/CPO";
    /** Fixed, so that one OCN-Signature (which covers it) serves every request. */
    static final String CORRELATION_ID = "bench-correlation-0001";
    static final String MSP_KEY = LocalChain.KEYS.get(3);
    static final String CPO_KEY = LocalChain.KEYS.get(4);
    static final String NODE1_KEY = LocalChain.KEYS.get(1);
    static final String NODE2_KEY = LocalChain.KEYS.get(2);

    private final Options options;
    private final Path root;
    private final Path work;
    private final Results results = new Results();
    private Figures figures;
    private final Workbench bench;
    private Path home;
    private MockParty emsp;
    private String cpoBase;
    private final String cpoTokenB = "B-cpo-" + UUID.randomUUID();
    private LoadGenerator load;
    /** What saturates the targets: wrk, or {@link #load}. */
    private Saturator saturator;

    private Benchmark(Options options, Path root) {
        this.options = options;
        this.root = root;
        this.work = root.resolve("benchmarks/target/bench-run");
        this.bench = new Workbench(root, work, options.portBase());
    }

    public static void main(String[] args) throws Exception {
        Path root = findRoot();
        Options options;
        try {
            options = Options.parse(args, root);
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            System.err.print((e.getMessage() == null || e.getMessage().isEmpty() ? "" : e.getMessage() + "\n")
                    + Options.USAGE);
            System.exit(2);
            return;
        }
        Benchmark b = new Benchmark(options, root);
        try {
            b.run();
        } finally {
            b.bench.close();
        }
        System.exit(0);
    }

    /** @return the checkout: the folder (this one or above) holding distribution/target */
    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("distribution/target"))) {
                return d;
            }
        }
        throw new IllegalStateException("run from the checkout after the build (mvn -B -q install -DskipTests): "
                + "no distribution/target above " + dir);
    }

    private void run() throws Exception {
        Instant began = Instant.now();
        describeRun();
        say("preparing %s", work);
        home = bench.unpack(options.archive());
        Workbench.Started cpo = bench.startJvm(List.of("-Xms256m", "-Xmx256m", "-XX:+UseSerialGC"), MockParty.class, "mock CPO",
                String.valueOf(bench.freePort()), cpoTokenB, CPO_KEY);
        cpoBase = cpo.base();
        emsp = new MockParty(bench.freePort(), "B-msp-" + UUID.randomUUID(), false, MSP_KEY);
        bench.onClose(emsp);
        load = new LoadGenerator(Math.max(options.connections(), options.rateConnections()));
        bench.onClose(load);
        saturator = saturator();
        figures = new Figures(results, options.rate(), options.connections(), saturator::describe);
        say("saturation: %s; fixed rate: %s, open loop", saturator.describe(), load.describe());
        results.describe("generator_saturation", saturator.describe());
        results.describe("generator_fixed_rate", load.describe() + ", open loop");

        // 1. the direct baseline
        LoadGenerator.Target directSmall = target("direct small", cpoBase + "/cpo/2.2.1/locations/LOC00001",
                "Token " + Http.base64(cpoTokenB), null);
        LoadGenerator.Target directLarge = target("direct large", cpoBase + "/cpo/2.2.1/locations",
                "Token " + Http.base64(cpoTokenB), null);
        Measured dSmall = measure(directSmall, this::mockCpoCpu);
        Measured dLarge = measure(directLarge, this::mockCpoCpu);
        figures.addDirect("small", dSmall, directSmall);
        figures.addDirect("large", dLarge, directLarge);

        // 1b. the bare proxy's baseline
        BareProxyPhases bare = bareProxy(dSmall, dLarge);
        Measured pSmall = bare.small();
        Measured pLarge = bare.large();

        // 2-4. one node
        Node node = new Node(home, work.resolve("node"), bench.freePort(), bench.freePort(), List.of(), options.nodeJavaOpts());
        bench.onClose(node);
        say("starting the node (fresh data folder)");
        double firstStart = node.start();
        String tokenC = register(node, emsp, "EMSP", MSP);
        register(node, cpoParty(), "CPO", CPO);
        Thread.sleep(2000);
        double idleRss = ProcStats.rssMb(node.pid());
        String auth = "Token " + Http.base64(tokenC);
        LoadGenerator.Target routedSmall = target("routed small", node.url() + "/ocpi/sender/2.2.1/locations/LOC00001",
                auth, null);
        LoadGenerator.Target routedLarge = target("routed large", node.url() + "/ocpi/sender/2.2.1/locations",
                auth, null);
        settle(routedSmall, () -> ProcStats.cpuNanos(node.pid()), node.pid());
        Measured nSmall = measure(routedSmall, () -> ProcStats.cpuNanos(node.pid()), node.pid());
        settle(routedLarge, () -> ProcStats.cpuNanos(node.pid()), node.pid());
        Measured nLarge = measure(routedLarge, () -> ProcStats.cpuNanos(node.pid()), node.pid());
        figures.addRouted("node, small GET", nSmall, dSmall, pSmall, Goal.atLeastPercentOfProxy(85, ">= 85% of bare proxy"),
                Goal.atMostPercentOfProxy(120, "<= 1.2x bare proxy"));
        figures.addRouted("node, large GET", nLarge, dLarge, pLarge, Goal.atLeastPercentOfProxy(85, ">= 85% of bare proxy"),
                Goal.atMostPercentOfProxy(120, "<= 1.2x bare proxy"));
        moduleUpdate(node, auth);

        // 5. signatures on: a restart of the same node (its data kept: the start time of a node in service)
        node.stop();
        say("restarting the node with ocn.node.signatures=true");
        double restart = node.start("-Docn.node.signatures=true");
        Http.send("POST", cpoBase + "/bench/signing/on", null, (String) null);
        LoadGenerator.Target signedSmall = target("routed small, signed", routedSmall.uri().toString(), auth,
                signature(MSP, CPO, null));
        settle(signedSmall, () -> ProcStats.cpuNanos(node.pid()), node.pid());
        Measured sSmall = measure(signedSmall, () -> ProcStats.cpuNanos(node.pid()), node.pid());
        Http.send("POST", cpoBase + "/bench/signing/off", null, (String) null);
        double peakRss = Math.max(Math.max(nSmall.peakRssMb(), nLarge.peakRssMb()), sSmall.peakRssMb());
        node.stop();
        figures.addSigned(sSmall, nSmall, dSmall, pSmall);

        // 6. two nodes
        Measured twoSmall = options.twoNodes() ? twoNodes(directSmall) : null;
        if (twoSmall != null) {
            figures.addRouted("two nodes, small GET", twoSmall, dSmall, pSmall, Goal.atLeastPercent(15, ">= 15% of direct"),
                    null);
        } else {
            results.add("two nodes, small GET: throughput", Double.NaN, "req/s", dSmall.sat().throughput(), Double.NaN,
                    pSmall.sat().throughput(), Goal.atLeastPercent(15, ">= 15% of direct"),
                    "not measured (--no-two-nodes or no local chain)");
        }

        results.add("node start to first 200 of /health, restart", restart, "ms",
                Goal.atMost(4000, "< 4 s (idle machine)"));
        results.add("node start to first 200 of /health, first start", firstStart, "ms", null);
        results.add("node resident memory, idle", idleRss, "MB", Goal.atMost(300, "< 300 MB"));
        results.add("node resident memory, under load (peak)", peakRss, "MB", Goal.atMost(400, "< 400 MB"));
        results.describe("duration_s", Duration.between(began, Instant.now()).toSeconds());
        report();
    }

    // ---------------------------------------------------------------------------------------------- measuring

    /** A saturation phase and a fixed-rate phase against one target. */
    record Measured(LoadGenerator.Outcome sat, LoadGenerator.Outcome rated, double peakRssMb) {
    }

    /** The bare proxy's small and large GET. */
    private record BareProxyPhases(Measured small, Measured large) {
    }

    private Measured measure(LoadGenerator.Target target, LongSupplier targetCpu, long... rssPids) throws Exception {
        say("%s: saturation, %d in flight, %d+%d s", target.name(), options.connections(),
                options.warmup().toSeconds(), options.measure().toSeconds());
        LoadGenerator.Outcome sat;
        double peak;
        try (ProcStats.PeakRss rss = rssPids.length == 0 ? null : new ProcStats.PeakRss(rssPids)) {
            sat = saturator.saturate(target, options.connections(), options.warmup(), options.measure(), targetCpu);
            peak = rss == null ? Double.NaN : rss.peakMb();
        }
        say("  %.0f req/s, %d errors%s; target CPU %.4f ms/req, load generator CPU %.4f ms/req; p50 %.3f ms, p99 "
                        + "%.3f ms (closed loop)", sat.throughput(), sat.errors(),
                sat.firstError() == null ? "" : " (" + sat.firstError() + ")", sat.targetCpuPerRequestMs(),
                sat.generatorCpuPerRequestMs(), sat.percentiles().p50(), sat.percentiles().p99());
        say("%s: %d req/s for %d+%d s", target.name(), options.rate(), options.warmup().toSeconds(),
                options.measure().toSeconds());
        LoadGenerator.Outcome rated = rated(target, null, null);
        LatencyRecorder.Percentiles p = rated.percentiles();
        say("  p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms, %d errors%s", p.p50(), p.p99(), p.p999(),
                p.max(), rated.errors(), rated.firstError() == null ? "" : " (" + rated.firstError() + ")");
        return new Measured(sat, rated, peak);
    }

    /**
     * Saturates a node in windows of 2 s until its JIT compilers rest (under 1% of a core in a window) or {@code
     * --settle} has passed. After a start, and on a code path it has not run yet, a JVM compiles for tens of
     * seconds, and the compilers' CPU would count in the phase's figures as if every request cost it; a node in
     * service has long paid it. The start itself is measured apart (start time, resident memory). The Java
     * generator settles whichever generator measures next: the windows are short, and what matters is the load.
     */
    private void settle(LoadGenerator.Target target, LongSupplier nodeCpu, long... pids) throws InterruptedException {
        if (options.settle().isZero()) {
            return;
        }
        long deadline = System.nanoTime() + options.settle().toNanos();
        Duration window = Duration.ofSeconds(2);
        int windows = 0;
        double cpu;
        long compiling;
        LoadGenerator.Outcome o;
        do {
            long compilersBefore = ProcStats.compilerCpuNanos(pids);
            o = load.saturate(target, options.connections(), Duration.ZERO, window, nodeCpu);
            compiling = ProcStats.compilerCpuNanos(pids) - compilersBefore;
            cpu = o.targetCpuPerRequestMs();
            windows++;
        } while (compiling > window.toNanos() / 100 && System.nanoTime() < deadline);
        boolean settled = compiling <= window.toNanos() / 100;
        say("  %s: %s after %d s (JIT compilers %.0f ms in the last 2 s), target CPU %.4f ms/req at %.0f req/s%s",
                target.name(), settled ? "settled" : "NOT settled (--settle reached; the figures below include compiling)",
                windows * window.toSeconds(), compiling / 1e6, cpu, o.throughput(),
                o.errors() == 0 ? "" : ", " + o.errors() + " errors (" + o.firstError() + ")");
    }

    private LoadGenerator.Outcome rated(LoadGenerator.Target target, Runnable during, long[] window) throws Exception {
        return load.fixedRate(target, options.rate(), options.warmup(), options.measure(),
                options.measure().dividedBy(4), during, window);
    }

    private long mockCpoCpu() {
        Http.Answer a = Http.send("GET", cpoBase + "/bench/stats", null, (String) null);
        return Long.parseLong(a.body().trim().split(" ")[1]);
    }

    /** @return a target whose good answer is learned (and checked) with one request first */
    private LoadGenerator.Target target(String name, String url, String authorization, String signature) {
        HttpFields.Mutable headers = HttpFields.build()
                .put("Authorization", authorization)
                .put("X-Correlation-ID", CORRELATION_ID)
                .put("OCPI-from-country-code", MSP.split("/")[0]).put("OCPI-from-party-id", MSP.split("/")[1])
                .put("OCPI-to-country-code", CPO.split("/")[0]).put("OCPI-to-party-id", CPO.split("/")[1]);
        if (signature != null) {
            headers.put("OCN-Signature", signature);
        }
        java.net.http.HttpRequest.Builder probe = java.net.http.HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30)).header("X-Request-ID", "probe");
        headers.forEach(f -> probe.header(f.getName(), f.getValue()));
        try {
            java.net.http.HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(probe.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            String body = new String(r.body(), StandardCharsets.UTF_8);
            if (r.statusCode() != 200 || !body.contains("\"status_code\":1000")) {
                throw new IllegalStateException(name + ": GET " + url + " answered HTTP " + r.statusCode() + " "
                        + (body.length() > 400 ? body.substring(0, 400) + "..." : body));
            }
            return new LoadGenerator.Target(name, URI.create(url), headers.asImmutable(), r.body().length);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(name + ": GET " + url + " failed: " + e, e);
        }
    }

    /** @return the OCN-Signature of the routed GET (no query, no body) as the sending party's client signs it */
    static String signature(String from, String to, String query) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-correlation-id", CORRELATION_ID);
        headers.put("ocpi-from-country-code", from.split("/")[0]);
        headers.put("ocpi-from-party-id", from.split("/")[1]);
        headers.put("ocpi-to-country-code", to.split("/")[0]);
        headers.put("ocpi-to-party-id", to.split("/")[1]);
        Notary notary = new Notary();
        return notary.serialize(notary.sign(new ValuesToSign(headers, Map.of(), null), EthereumKey.fromPrivateKey(MSP_KEY)));
    }

    // ---------------------------------------------------------------------------------------------- phases

    /** Installs the forwarding plugin, then updates it while its module is routed at the fixed rate. */
    private void moduleUpdate(Node node, String auth) throws Exception {
        String adminAuth = "Token " + Node.ADMIN_KEY;
        Http.Answer installed = Http.send("POST", node.url() + "/admin/plugins", adminAuth, PluginJar.build("1.0.0"),
                "application/java-archive");
        if (installed.status() != 201) {
            throw new IllegalStateException("the plugin could not be installed: " + installed);
        }
        LoadGenerator.Target custom = target("plugin module", node.url() + "/ocpi/custom/sender/"
                + MockParty.CUSTOM_MODULE + "/LOC00001", auth, null);
        long[] window = new long[2];
        String[] answer = new String[1];
        say("plugin update under load: %d req/s, PUT /admin/plugins/%s after %d s", options.rate(),
                PluginJar.SYMBOLIC_NAME, options.warmup().plus(options.measure().dividedBy(4)).toSeconds());
        LoadGenerator.Outcome o = rated(custom, () -> {
            try {
                Http.Answer a = Http.send("PUT", node.url() + "/admin/plugins/" + PluginJar.SYMBOLIC_NAME, adminAuth,
                        PluginJar.build("1.0.1"), "application/java-archive");
                answer[0] = a.status() + " " + a.body();
            } catch (IOException e) {
                answer[0] = e.toString();
            }
        }, window);
        // the window: from the PUT to a second after its answer (requests the update delayed are due within it)
        LatencyRecorder.Percentiles swap = o.latencies().percentilesDueBetween(window[0],
                window[1] + TimeUnit.SECONDS.toNanos(1));
        LatencyRecorder.Percentiles all = o.latencies().percentiles();
        say("  update answered %s in %.0f ms; %d failed requests%s; p99 over the update %.3f ms (max %.3f), whole "
                        + "phase p99 %.3f ms", answer[0].startsWith("200") ? "200" : answer[0],
                (window[1] - window[0]) / 1e6, o.errors(), o.firstError() == null ? "" : " (" + o.firstError() + ")",
                swap.p99(), swap.max(), all.p99());
        String note = answer[0].startsWith("200") ? null : "the update failed: " + answer[0];
        results.add("plugin update under load: failed requests", o.errors(), "req", Double.NaN, Double.NaN,
                Goal.atMost(0, "0"), note);
        results.add("plugin update under load: p99 over the update", swap.p99(), "ms", Double.NaN, Double.NaN,
                Goal.atMost(100, "< 100 ms"), String.format(Locale.ROOT, "%d requests due from the PUT to 1 s after "
                        + "its answer (%.0f ms); max %.1f ms", swap.count(), (window[1] - window[0]) / 1e6, swap.max()));
    }

    /** Two nodes on a local chain: the eMSP connected to the first, the CPO to the second. */
    private Measured twoNodes(LoadGenerator.Target directSmall) {
        try {
            ensureLocalChainInstalled();
            LocalChain chain = LocalChain.start();
            bench.onClose(chain);
            int port1 = bench.freePort();
            int port2 = bench.freePort();
            chain.setNode(NODE1_KEY, "http://localhost:" + port1);
            chain.setNode(NODE2_KEY, "http://localhost:" + port2);
            chain.setParty(MSP_KEY, "DE", "MSP", List.of(1), LocalChain.address(NODE1_KEY));
            chain.setParty(CPO_KEY, "CH", "CPO", List.of(0), LocalChain.address(NODE2_KEY));
            Node node1 = new Node(home, work.resolve("node-1"), port1, bench.freePort(), chainArgs(chain, NODE1_KEY, port1),
                    options.nodeJavaOpts());
            Node node2 = new Node(home, work.resolve("node-2"), port2, bench.freePort(), chainArgs(chain, NODE2_KEY, port2),
                    options.nodeJavaOpts());
            bench.onClose(node1);
            bench.onClose(node2);
            say("two nodes on a local chain: starting");
            node1.start();
            node2.start();
            awaitListed(node1, CPO, node2);
            awaitListed(node2, MSP, node1);
            String tokenC = register(node1, emsp, "EMSP", MSP);
            register(node2, cpoParty(), "CPO", CPO);
            LoadGenerator.Target routed = target("two nodes small", node1.url() + "/ocpi/sender/2.2.1/locations/LOC00001",
                    "Token " + Http.base64(tokenC), null);
            LongSupplier bothNodes = () -> ProcStats.cpuNanos(node1.pid()) + ProcStats.cpuNanos(node2.pid());
            settle(routed, bothNodes, node1.pid(), node2.pid());
            Measured m = measure(routed, bothNodes, node1.pid(), node2.pid());
            node1.stop();
            node2.stop();
            return m;
        } catch (Exception | AssertionError e) {
            say("two nodes: not measured: %s", e);
            return null;
        }
    }

    private static List<String> chainArgs(LocalChain chain, String key, int port) {
        return List.of("-Docn.node.url=http://localhost:" + port, "-Docn.node.privateKey=" + key,
                "-Docn.node.web3.provider=" + chain.url(), "-Docn.node.web3.contracts.registry=" + chain.registry(),
                "-Docn.node.web3.contracts.permissions=" + chain.permissions());
    }

    private static void awaitListed(Node node, String party, Node at) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            Http.Answer a = Http.send("GET", node.url() + "/ocn/registry/node/" + party, null, (String) null);
            if (a.status() == 200 && a.body().contains(at.url())) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(party + " never appeared in the registry index of " + node.url());
            }
            Thread.sleep(100);
        }
    }

    /** anvil comes from npm (the lockfile of the chain registry's tests); the test build installs it, so may we. */
    private void ensureLocalChainInstalled() throws IOException, InterruptedException {
        Path dir = root.resolve("bundles/ocn-registry-chain/src/test/chain");
        System.setProperty("ocn.chain.dir", dir.toString());
        if (Files.isExecutable(dir.resolve("node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"))) {
            return;
        }
        say("installing the local chain (npm ci in %s)", root.relativize(dir));
        Process p = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("npm ci failed in " + dir);
        }
    }

    private void describeRun() {
        results.describe("started", Instant.now().toString());
        results.describe("cores", Runtime.getRuntime().availableProcessors());
        results.describe("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        results.describe("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        results.describe("warmup_s", options.warmup().toMillis() / 1000.0);
        results.describe("settle_max_s", options.settle().toMillis() / 1000.0);
        results.describe("measured_s", options.measure().toMillis() / 1000.0);
        results.describe("connections_at_saturation", options.connections());
        results.describe("fixed_rate", options.rate());
        results.describe("connections_at_fixed_rate", options.rateConnections());
        try {
            results.describe("load_average", Files.readString(Path.of("/proc/loadavg")).trim());
        } catch (IOException e) {
            // not Linux
        }
    }

    private void report() throws IOException {
        System.out.println();
        System.out.println("OCN node benchmark (issues 6 and 16): every ratio is to a baseline measured in this run, "
                + "direct to the mock CPO or through the bare proxy");
        System.out.println("saturation: " + saturator.describe() + "; fixed rate: " + load.describe() + ", open loop");
        System.out.print(results.table());
        results.write(options.out());
        System.out.println("JSON: " + options.out());
    }

    // ---------------------------------------------------------------------------------------------- set-up

    /** @return wrk when it is on the PATH (and --generator allows it), else the Java generator */
    private Saturator saturator() throws IOException, InterruptedException {
        if (options.generator() == Options.Generator.JAVA) {
            return load;
        }
        Path wrk = Wrk.find(System.getenv("PATH"));
        if (wrk == null) {
            if (options.generator() == Options.Generator.WRK) {
                throw new IllegalStateException("--generator wrk: no wrk on the PATH (Debian: apt-get install wrk)");
            }
            say("no wrk on the PATH (Debian: apt-get install wrk): the Java generator saturates the targets, and its "
                    + "own CPU per request limits the direct baseline (see its headroom in the table)");
            return load;
        }
        return new Wrk(wrk, options.wrkThreads());
    }

    /**
     * Measures the bare proxy ({@link BareProxy}, in a JVM of its own with the node's heap limit) in front of the mock
     * CPO, small and large GET, each settled first as the node is, then stops it.
     *
     * @return the small and the large GET
     */
    private BareProxyPhases bareProxy(Measured dSmall, Measured dLarge) throws Exception {
        String tokenC = Http.base64("C-bare-" + UUID.randomUUID());
        Workbench.Started proxy = bench.startJvm(List.of("-Xmx512m"), BareProxy.class, "bare proxy",
                String.valueOf(bench.freePort()), tokenC,
                CPO, "Token " + Http.base64(cpoTokenB), "locations=" + cpoBase + "/cpo/" + MockParty.VERSION + "/locations");
        long pid = proxy.process().pid();
        LongSupplier cpu = () -> ProcStats.cpuNanos(pid);
        String auth = "Token " + tokenC;
        LoadGenerator.Target small = target("bare proxy small", proxy.base() + "/ocpi/sender/2.2.1/locations/LOC00001",
                auth, null);
        LoadGenerator.Target large = target("bare proxy large", proxy.base() + "/ocpi/sender/2.2.1/locations", auth,
                null);
        settle(small, cpu, pid);
        Measured pSmall = measure(small, cpu, pid);
        settle(large, cpu, pid);
        Measured pLarge = measure(large, cpu, pid);
        proxy.process().destroy();
        proxy.process().waitFor(10, TimeUnit.SECONDS);
        figures.addBareProxy("small", pSmall, dSmall);
        figures.addBareProxy("large", pLarge, dLarge);
        return new BareProxyPhases(pSmall, pLarge);
    }

    /** The CPO as the handshake needs it: its versions URL and token B (it runs in its own process). */
    private MockParty.Handshake cpoParty() {
        return new MockParty.Handshake(cpoBase + "/ocpi/versions", cpoTokenB);
    }

    /** Registers a party end to end (token A from the admin API, credentials POST) and returns its token C. */
    private static String register(Node node, MockParty party, String role, String id) {
        return register(node, new MockParty.Handshake(party.versionsUrl(), party.tokenB()), role, id);
    }

    private static String register(Node node, MockParty.Handshake party, String role, String id) {
        String[] cc = id.split("/");
        Http.Answer a = Http.send("POST", node.url() + "/admin/generate-registration-token", "Token " + Node.ADMIN_KEY,
                "[{\"country_code\":\"" + cc[0] + "\",\"party_id\":\"" + cc[1] + "\"}]");
        if (a.status() != 200) {
            throw new IllegalStateException("no registration token: " + a);
        }
        String tokenA = a.json().get("token").asText();
        Http.Answer c = Http.send("POST", node.url() + "/ocpi/2.2.1/credentials", "Token " + Http.base64(tokenA),
                "{\"token\":\"" + party.tokenB() + "\",\"url\":\"" + party.versionsUrl() + "\",\"roles\":[{\"role\":\""
                        + role + "\",\"business_details\":{\"name\":\"" + id + " benchmark\"},\"party_id\":\"" + cc[1]
                        + "\",\"country_code\":\"" + cc[0] + "\"}]}");
        if (c.status() != 200 || c.json().path("status_code").asInt() != 1000) {
            throw new IllegalStateException(id + " could not register: " + c);
        }
        return c.json().at("/data/token").asText();
    }

    private static void say(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[%tT] " + format + "%n", Stream.concat(Stream.of(new java.util.Date()),
                Stream.of(args)).toArray());
        System.out.flush();
    }
}
