package org.ocn.node.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Saturation with <a href="https://github.com/wg/wrk">wrk</a>, a C load generator with an event loop per thread,
 * which needs a few microseconds of CPU per request where the benchmark's Java generator needs 100-200: with it, the
 * direct baseline measures the mock CPO rather than the generator. The benchmark never installs it: it uses the wrk
 * it finds on the PATH ({@code apt-get install wrk} on Debian).
 *
 * <p>Each phase is two runs of wrk on the same Lua script ({@link WrkScript}): the warm-up, not counted, then the
 * measured run. wrk's own CPU is what this process's ended children used during the measured run ({@link
 * ProcStats#endedChildrenCpuNanos}). wrk does not check bodies (a {@code response()} function would cost a Lua call
 * and a copy of every answer); it counts answers with a status other than 2xx/3xx, and the run is flagged when the
 * bytes per answer do not fit the expected body (a probe checked one answer before, see {@code Benchmark.target}).
 */
final class Wrk implements Saturator {

    /** More header bytes per answer than this, and the answers are not the expected ones. */
    static final int MAX_HEADER_BYTES = 4096;

    private final Path executable;
    private final String version;
    private final int threads;

    /** @param threads wrk's threads at most (one event loop each) */
    Wrk(Path executable, int threads) throws IOException, InterruptedException {
        this.executable = executable;
        this.threads = threads;
        this.version = version(executable);
    }

    /** @return the wrk executable on this PATH (a {@code PATH}-style list of folders), or null */
    static Path find(String path) {
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "wrk");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** @return the first line wrk prints about itself, "wrk debian/4.1.0-3+b2 [epoll] ..." */
    private static String version(Path executable) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true).start();
        String out = read(p.getInputStream());
        p.waitFor(10, TimeUnit.SECONDS);
        String first = out.strip().lines().findFirst().orElse("wrk");
        int copyright = first.indexOf(" Copyright");
        return copyright > 0 ? first.substring(0, copyright) : first;
    }

    @Override
    public String describe() {
        return version + " (" + executable + "), " + threads + " threads";
    }

    static List<String> command(Path executable, int threads, int connections, long seconds, Path script, URI uri) {
        return List.of(executable.toString(), "-t", String.valueOf(threads), "-c", String.valueOf(connections), "-d",
                seconds + "s", "--timeout", "30s", "--latency", "-s", script.toString(), uri.toString());
    }

    @Override
    public LoadGenerator.Outcome saturate(LoadGenerator.Target target, int inFlight, Duration warmup, Duration measure,
                                          LongSupplier targetCpu) throws IOException, InterruptedException {
        Path script = Files.createTempFile("ocn-bench-wrk-", ".lua");
        try {
            Files.writeString(script, WrkScript.of(target));
            int t = Math.max(1, Math.min(threads, inFlight));
            if (!warmup.isZero()) {
                run(command(executable, t, inFlight, seconds(warmup), script, target.uri()));
            }
            long generatorBefore = ProcStats.endedChildrenCpuNanos();
            long targetBefore = targetCpu.getAsLong();
            WrkReport r = run(command(executable, t, inFlight, seconds(measure), script, target.uri()));
            long targetAfter = targetCpu.getAsLong();
            long generatorAfter = ProcStats.endedChildrenCpuNanos();
            String sizes = sizeProblem(r, target.expectedLength());
            // answers of the wrong size: no answer can be told good, so none counts (the table shows 0 req/s)
            return new LoadGenerator.Outcome(sizes != null ? 0 : r.good(),
                    sizes != null ? r.requests() : r.socketErrors() + r.badStatus(),
                    Duration.ofNanos(Math.round(r.seconds() * 1e9)), null,
                    new LatencyRecorder.Percentiles((int) Math.min(Integer.MAX_VALUE, r.requests()), r.latency(50),
                            r.latency(99), r.latency(99.9), r.maxLatencyMs()),
                    generatorBefore < 0 || generatorAfter < 0 ? -1 : generatorAfter - generatorBefore,
                    targetBefore < 0 || targetAfter < 0 ? -1 : targetAfter - targetBefore,
                    sizes != null ? sizes : errors(r));
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** @return wrk's whole seconds for a phase (it takes no fractions), at least 1 */
    static long seconds(Duration d) {
        return Math.max(1, Math.round(d.toMillis() / 1000.0));
    }

    /**
     * @return what is wrong with the sizes of a run's answers, or null: the bytes per answer must fit a body of
     *         {@code expectedBody} bytes plus at most {@link #MAX_HEADER_BYTES} of status line and headers (the
     *         bytes of answers cut off by the end of the run add at most a few bytes per answer)
     */
    static String sizeProblem(WrkReport r, long expectedBody) {
        if (r.requests() == 0) {
            return null;
        }
        double perAnswer = r.bytes() / r.requests();
        if (perAnswer < expectedBody || perAnswer > expectedBody + MAX_HEADER_BYTES) {
            return String.format(Locale.ROOT, "answers of %.0f bytes on average with their headers, where a good one "
                    + "has a body of %d bytes: not (all) the expected answer", perAnswer, expectedBody);
        }
        return null;
    }

    /** @return the errors wrk counted, in words, or null */
    static String errors(WrkReport r) {
        if (r.requests() == 0) {
            return "no answer";
        }
        if (r.badStatus() > 0) {
            return r.badStatus() + " answers with an HTTP status other than 2xx or 3xx";
        }
        if (r.socketErrors() > 0) {
            return r.socketErrors() + " socket errors (connect, read, write, timeout)";
        }
        return null;
    }

    private static WrkReport run(List<String> command) throws IOException, InterruptedException {
        long seconds = Long.parseLong(command.get(command.indexOf("-d") + 1).replace("s", ""));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = read(p.getInputStream());
        if (!p.waitFor(seconds + 60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("wrk did not end: " + String.join(" ", command));
        }
        try {
            return WrkReport.parse(out);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("wrk exited with " + p.exitValue() + ": " + e.getMessage(), e);
        }
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
