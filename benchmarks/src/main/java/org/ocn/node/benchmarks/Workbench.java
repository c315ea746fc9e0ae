package org.ocn.node.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The benchmark's workbench: the work folder the distribution is unpacked into, free loopback ports from the
 * configured base on, helper JVMs (the mock CPO, the bare proxy), and whatever must be stopped when the run ends.
 */
final class Workbench {

    private final Path root;
    private final Path work;
    private final int portBase;
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private int nextPort;

    Workbench(Path root, Path work, int portBase) {
        this.root = root;
        this.work = work;
        this.portBase = portBase;
        this.nextPort = portBase;
    }

    /** Stops this when the run ends (after whatever was added later). */
    void onClose(AutoCloseable closeable) {
        cleanup.add(closeable);
    }

    /** Unpacks the distribution into the work folder (emptied first); returns the node's home. */
    Path unpack(Path archive) throws IOException, InterruptedException {
        if (archive == null) {
            try (Stream<Path> files = Files.list(root.resolve("distribution/target"))) {
                archive = files.filter(f -> f.getFileName().toString().matches("ocn-node-.*\\.tar\\.gz"))
                        .findFirst().orElseThrow(() -> new IllegalStateException(
                                "no distribution/target/ocn-node-*.tar.gz: run mvn -B -q install -DskipTests first"));
            }
        }
        deleteTree(work);
        Files.createDirectories(work);
        Process p = new ProcessBuilder("tar", "xzf", archive.toAbsolutePath().toString()).directory(work.toFile())
                .inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("tar xzf " + archive + " failed");
        }
        try (Stream<Path> dirs = Files.list(work)) {
            return dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    /** A helper JVM the benchmark started, and the base URL it printed. */
    record Started(Process process, String base) {
    }

    /**
     * Starts a class of this jar in a JVM of its own (so that its CPU is its own) and waits until it prints {@code
     * READY <base URL>}. The process is destroyed when the benchmark ends.
     */
    Started startJvm(List<String> jvmOptions, Class<?> main, String what, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        onClose(p::destroy);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("READY ")) {
            throw new IllegalStateException("the " + what + " did not start: " + line);
        }
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // keep its pipe from filling up
                }
            } catch (IOException e) {
                // gone
            }
        }, what + "-output");
        drain.setDaemon(true);
        drain.start();
        return new Started(p, line.substring("READY ".length()));
    }

    /** @return a free loopback port from the configured base on */
    int freePort() throws IOException {
        while (nextPort < 65535) {
            int port = nextPort++;
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // next
            }
        }
        throw new IOException("no free port from " + portBase);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Stops whatever was started, last first. */
    void close() {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            try {
                cleanup.get(i).close();
            } catch (Exception e) {
                System.out.printf("could not stop %s: %s%n", cleanup.get(i), e);
            }
        }
    }
}
