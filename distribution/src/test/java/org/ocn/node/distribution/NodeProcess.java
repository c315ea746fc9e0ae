package org.ocn.node.distribution;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The assembled distribution run as an operator runs it: the archive unpacked into a fresh folder, and
 * {@code bin/ocn-node} started as a process with {@code -D} arguments.
 */
final class NodeProcess implements AutoCloseable {

    static final String ADMIN_KEY = "it-admin-key";

    private final Path home;
    private final Path dataDir;
    private final int port;
    private final int shellPort;
    private final List<String> extraArgs;
    private final Map<String, String> environment;
    private Process process;
    private int starts;

    private NodeProcess(Path home, Path dataDir, int port, int shellPort, List<String> extraArgs,
                        Map<String, String> environment) {
        this.home = home;
        this.dataDir = dataDir;
        this.port = port;
        this.shellPort = shellPort;
        this.extraArgs = extraArgs;
        this.environment = environment;
    }

    /** Unpacks the distribution archive into {@code target/it/<name>/} (removed first). */
    static Path unpack(String name) throws IOException, InterruptedException {
        Path archive = Path.of(System.getProperty("ocn.dist.archive", "target/ocn-node-0.1.0-SNAPSHOT.tar.gz"));
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("no distribution archive at " + archive.toAbsolutePath()
                    + ": run the build (mvn install) first");
        }
        Path dir = Path.of("target", "it", name).toAbsolutePath();
        deleteTree(dir);
        Files.createDirectories(dir);
        run(dir, "tar", "xzf", archive.toAbsolutePath().toString());
        try (var entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    static NodeProcess in(Path home, Path dataDir, List<String> extraArgs, Map<String, String> environment)
            throws IOException {
        return new NodeProcess(home, dataDir, freePort(), freePort(), extraArgs, environment);
    }

    /** A node on a given port (its URL must be known before it starts, for example to list it on a chain). */
    static NodeProcess on(int port, Path home, Path dataDir, List<String> extraArgs) throws IOException {
        return new NodeProcess(home, dataDir, port, freePort(), extraArgs, Map.of());
    }

    static NodeProcess in(Path home, Path dataDir) throws IOException {
        return in(home, dataDir, List.of("-Docn.node.apikey=" + ADMIN_KEY), Map.of());
    }

    Path home() {
        return home;
    }

    Path dataDir() {
        return dataDir;
    }

    int port() {
        return port;
    }

    /** The operator shell's port (SSH on 127.0.0.1). */
    int shellPort() {
        return shellPort;
    }

    String url() {
        return "http://localhost:" + port;
    }

    Path output() {
        return home.resolve("ocn-node-" + port + ".out");
    }

    /** Starts the node and waits until {@code GET /health} answers 200. */
    NodeProcess start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/ocn-node").toString());
        command.add("-Dserver.port=" + port);
        command.add("-Docn.node.shellPort=" + shellPort);
        command.add("-Docn.node.dataDir=" + dataDir);
        command.addAll(extraArgs);
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output().toFile()));
        pb.environment().putAll(environment);
        process = pb.start();
        starts++;
        awaitHealthy(Duration.ofSeconds(120));
        return this;
    }

    private void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the node exited with " + process.exitValue() + "; output:\n"
                        + Files.readString(output()));
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url() + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the node did not answer /health with 200 within " + timeout + "; output:\n"
                + Files.readString(output()));
    }

    /** Stops the node with SIGTERM, as Ctrl-C or a service manager would, and waits for it to exit. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the node did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** Kills the node with SIGKILL: no shutdown hook, no clean close of the database. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** @return the node's Java process id ({@code bin/ocn-node} execs Karaf, which execs Java) */
    long pid() {
        return process.pid();
    }

    /** @return the number of threads of the node's process now (Linux: {@code /proc/<pid>/status}) */
    int threads() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.substring("Threads:".length()).trim());
            }
        }
        throw new IllegalStateException("no Threads: line in /proc/" + pid() + "/status");
    }

    /**
     * @return the names of the node's threads now, by name with digits left out (so that the numbered threads of one
     *         pool count together), with how many there are (Linux: {@code /proc/<pid>/task/<tid>/comm}, names cut to
     *         15 characters)
     */
    java.util.SortedMap<String, Integer> threadNames() throws IOException {
        java.util.SortedMap<String, Integer> names = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid()), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "#");
                    names.merge(name, 1, Integer::sum);
                } catch (java.nio.file.NoSuchFileException ended) {
                    // the thread ended meanwhile
                }
            }
        }
        return names;
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    String log() throws IOException {
        return Files.readString(output());
    }

    /** @return how many times the text occurs in the node's output */
    int occurrences(String text) throws IOException {
        String log = log();
        int n = 0;
        for (int i = log.indexOf(text); i >= 0; i = log.indexOf(text, i + 1)) {
            n++;
        }
        return n;
    }

    /** Waits up to 60 s until the node's output holds the text {@code times} times. */
    void awaitLog(String text, int times) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (occurrences(text) < times) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("'" + text + "' not logged " + times + " times within 60 s");
            }
            Thread.sleep(250);
        }
    }

    int starts() {
        return starts;
    }

    @Override
    public void close() throws InterruptedException {
        if (isAlive()) {
            stop();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed with " + p.exitValue());
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
