package org.ocn.node.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** The command line of the benchmark; see {@link #USAGE}. */
record Options(Duration warmup, Duration settle, Duration measure, int connections, int rateConnections, int rate, Path out,
               Path archive, int portBase, boolean twoNodes, String nodeJavaOpts, Generator generator, int wrkThreads) {

    /** Which generator saturates the targets. */
    enum Generator {
        /** wrk when it is on the PATH, else the Java generator */
        AUTO,
        /** wrk, and an error when it is not on the PATH */
        WRK,
        /** the Java generator, even when wrk is there */
        JAVA
    }

    static final String USAGE = """
            Usage: java -jar benchmarks/target/ocn-benchmarks.jar [options]
              --quick               a smoke run: 1 s warm-up and 3 s per phase (default 8 s and 12 s)
              --warmup S            seconds of warm-up before each measured phase
              --settle S            before each node phase, saturate the node until its JIT compilers rest, for
                                    S seconds at most (default 60; --quick 6; 0: no settling)
              --seconds S           measured seconds per phase
              --connections N       requests in flight (one per connection) at saturation (default 16)
              --rate R              fixed rate of the latency phases, requests/s (default 1000)
              --rate-connections N  connections the fixed-rate phases may open (default 8)
              --out FILE            where the JSON goes (default benchmarks/target/results.json)
              --dist ARCHIVE        the distribution archive (default distribution/target/ocn-node-*.tar.gz)
              --port-base P         first port to try for the node and mocks (default 18400)
              --no-two-nodes        skip the two-node phase (it needs the local chain: npm ci, done on demand)
              --node-java-opts "…"  EXTRA_JAVA_OPTS for the node, {port} and {start} replaced, for example
                                    "-XX:StartFlightRecording=filename=/tmp/node-{port}-{start}.jfr,settings=profile"
              --generator G         what saturates the targets: auto (default: wrk when it is on the PATH, else
                                    the Java generator), wrk, java; the fixed-rate phases always use the Java
                                    generator (open loop)
              --wrk-threads N       wrk's threads (default: the machine's cores, at most the connections)
            """;

    static Options parse(String[] args, Path root) {
        Duration warmup = Duration.ofSeconds(8);
        Duration settle = Duration.ofSeconds(60);
        Duration measure = Duration.ofSeconds(12);
        int connections = 16;
        int rateConnections = 8;
        int rate = 1000;
        Path out = root.resolve("benchmarks/target/results.json");
        Path archive = null;
        int portBase = 18400;
        boolean twoNodes = true;
        String javaOpts = null;
        Generator generator = Generator.AUTO;
        int wrkThreads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> {
                    warmup = Duration.ofSeconds(1);
                    settle = Duration.ofSeconds(6);
                    measure = Duration.ofSeconds(3);
                }
                case "--warmup" -> warmup = Duration.ofMillis((long) (Double.parseDouble(args[++i]) * 1000));
                case "--settle" -> settle = Duration.ofMillis((long) (Double.parseDouble(args[++i]) * 1000));
                case "--seconds" -> measure = Duration.ofMillis((long) (Double.parseDouble(args[++i]) * 1000));
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--rate-connections" -> rateConnections = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--dist" -> archive = Path.of(args[++i]);
                case "--port-base" -> portBase = Integer.parseInt(args[++i]);
                case "--no-two-nodes" -> twoNodes = false;
                case "--node-java-opts" -> javaOpts = args[++i];
                case "--generator" -> generator = Generator.valueOf(args[++i].toUpperCase(Locale.ROOT));
                case "--wrk-threads" -> wrkThreads = Integer.parseInt(args[++i]);
                case "-h", "--help" -> throw new IllegalArgumentException("");
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return new Options(warmup, settle, measure, connections, rateConnections, rate, out, archive, portBase, twoNodes,
                javaOpts, generator, wrkThreads);
    }
}
