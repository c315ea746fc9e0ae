package org.ocn.node.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The built distribution run as an operator runs it: {@code bin/ocn-node} with {@code -D} arguments, its own port
 * and data folder. {@code bin/ocn-node} execs Karaf, which execs Java, so the process started is the JVM.
 */
final class Node implements AutoCloseable {

    static final String ADMIN_KEY = "bench-admin-key";

    private final Path home;
    private final Path dataDir;
    private final int port;
    private final int shellPort;
    private final List<String> args;
    private final String javaOpts;
    private Process process;
    private int starts;

    /** @param javaOpts EXTRA_JAVA_OPTS of {@code bin/ocn-node} (a profiler, say), or null */
    Node(Path home, Path dataDir, int port, int shellPort, List<String> args, String javaOpts) {
        this.home = home;
        this.dataDir = dataDir;
        this.port = port;
        this.shellPort = shellPort;
        this.args = args;
        this.javaOpts = javaOpts;
    }

    String url() {
        return "http://localhost:" + port;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return dataDir.resolveSibling(dataDir.getFileName() + ".out");
    }

    /**
     * Starts the node with these extra arguments and waits until {@code GET /health} answers 200.
     *
     * @return milliseconds from launching {@code bin/ocn-node} to that first 200
     */
    double start(String... extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/ocn-node").toString());
        command.add("-Dserver.port=" + port);
        command.add("-Docn.node.shellPort=" + shellPort);
        command.add("-Docn.node.dataDir=" + dataDir);
        command.add("-Docn.node.apikey=" + ADMIN_KEY);
        command.addAll(args);
        command.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        starts++;
        if (javaOpts != null) {
            // {port} and {start} tell recordings of several nodes and restarts apart (JFR on Java 17 has no %p)
            pb.environment().put("EXTRA_JAVA_OPTS", javaOpts.replace("{port}", String.valueOf(port))
                    .replace("{start}", String.valueOf(starts)));
        }
        Files.createDirectories(dataDir.getParent());
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(url() + "/health")).timeout(Duration.ofSeconds(2)).build();
        long launched = System.nanoTime();
        process = pb.start();
        long deadline = launched + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the node exited with " + process.exitValue() + "; see " + log());
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - launched) / 1e6;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("the node did not answer /health with 200 within 120 s; see " + log());
    }

    /** Stops the node with SIGTERM and waits for it to exit. */
    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
