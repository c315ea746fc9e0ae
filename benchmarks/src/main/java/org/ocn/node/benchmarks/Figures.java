package org.ocn.node.benchmarks;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * The figures of each phase, as rows of the results table: the direct baseline, the bare proxy, routed phases (each
 * with the direct and bare-proxy figures beside it) and the signed phase, with their goals.
 */
final class Figures {

    private final Results results;
    private final int rate;
    private final int connections;
    private final Supplier<String> generator;

    /**
     * @param rate        the fixed rate of the latency phases, requests/s
     * @param connections the requests in flight at saturation
     * @param generator   what saturated the targets, in words
     */
    Figures(Results results, int rate, int connections, Supplier<String> generator) {
        this.results = results;
        this.rate = rate;
        this.connections = connections;
        this.generator = generator;
    }

    void addDirect(String size, Benchmark.Measured d, LoadGenerator.Target t) {
        LatencyRecorder.Percentiles p = d.rated().percentiles();
        String body = t.expectedLength() / 1024 + " KB answer";
        results.add("direct " + size + " GET: throughput (the baseline)", d.sat().throughput(), "req/s", Double.NaN,
                Double.NaN, null, body + ", " + connections + " in flight, " + d.sat().errors() + " errors"
                        + (d.sat().firstError() == null ? "" : ": " + d.sat().firstError()) + "; " + closedLoop(d.sat()));
        results.add("direct " + size + " GET: mock CPO CPU per request", d.sat().targetCpuPerRequestMs(), "ms",
                Goal.atMost(0.02, "<= 0.02 ms"));
        results.add("direct " + size + " GET: load generator CPU per request", d.sat().generatorCpuPerRequestMs(),
                "ms", Double.NaN, Double.NaN, null, headroom(d.sat()));
        results.add("direct " + size + " GET: p50 at " + rate + " req/s", p.p50(), "ms", null);
        results.add("direct " + size + " GET: p99 at " + rate + " req/s", p.p99(), "ms", null);
        results.add("direct " + size + " GET: p99.9 at " + rate + " req/s", p.p999(), "ms", null);
    }

    /**
     * @return the generator's headroom at saturation, in words: whether the generator or the target was the limit.
     *         Both share the machine's cores, so a generator that needs a large share of them lowers the baseline.
     */
    String headroom(LoadGenerator.Outcome o) {
        return headroom(generator.get(), o.generatorCpuPerRequestMs(), o.targetCpuPerRequestMs(), o.throughput(),
                Runtime.getRuntime().availableProcessors());
    }

    static String headroom(String generator, double generatorMs, double targetMs, double throughput, int cores) {
        if (Double.isNaN(generatorMs) || generatorMs <= 0) {
            return generator + ": its CPU was not measured";
        }
        double generatorCores = generatorMs * throughput / 1000;
        return String.format(Locale.ROOT, "%s: alone it could send %.0f req/s per core; at %.0f req/s it used %.2f of "
                        + "the %d cores, the target %.2f (%.1f times the generator's CPU per request)", generator,
                1000 / generatorMs, throughput, generatorCores, cores, targetMs * throughput / 1000, targetMs / generatorMs);
    }

    /** @return the latencies at saturation (closed loop: the time in flight, not the latency at a given rate) */
    private static String closedLoop(LoadGenerator.Outcome o) {
        LatencyRecorder.Percentiles p = o.percentiles();
        return String.format(Locale.ROOT, "at saturation (closed loop) p50 %.3f ms, p99 %.3f ms", p.p50(), p.p99());
    }

    void addBareProxy(String size, Benchmark.Measured b, Benchmark.Measured d) {
        LatencyRecorder.Percentiles p = b.rated().percentiles();
        LatencyRecorder.Percentiles direct = d.rated().percentiles();
        double tput = b.sat().throughput();
        results.add("bare proxy, " + size + " GET: throughput", tput, "req/s", d.sat().throughput(),
                tput / d.sat().throughput(), null, b.sat().errors() + " errors" + (b.sat().firstError() == null ? ""
                        : ": " + b.sat().firstError()) + "; " + closedLoop(b.sat()));
        results.add("bare proxy, " + size + " GET: proxy CPU per request", b.sat().targetCpuPerRequestMs(), "ms", null);
        results.add("bare proxy, " + size + " GET: added p50 (proxy - direct)", p.p50() - direct.p50(), "ms", null);
        results.add("bare proxy, " + size + " GET: added p99 (proxy - direct)", p.p99() - direct.p99(), "ms", null);
    }

    /**
     * A routed phase's figures, each with the direct baseline and the bare proxy's figure next to it.
     *
     * @param throughputGoal the goal on the throughput (a share of direct or of the bare proxy)
     * @param cpuGoal        the goal on the node CPU per request, or null
     */
    void addRouted(String what, Benchmark.Measured n, Benchmark.Measured d, Benchmark.Measured bare, Goal throughputGoal, Goal cpuGoal) {
        LatencyRecorder.Percentiles p = n.rated().percentiles();
        LatencyRecorder.Percentiles b = d.rated().percentiles();
        LatencyRecorder.Percentiles x = bare.rated().percentiles();
        double tput = n.sat().throughput();
        double base = d.sat().throughput();
        results.add(what + ": throughput", tput, "req/s", base, tput / base, bare.sat().throughput(), throughputGoal,
                n.sat().errors() + " errors" + (n.sat().firstError() == null ? "" : ": " + n.sat().firstError()) + "; "
                        + closedLoop(n.sat()));
        results.add(what + ": node CPU per request", n.sat().targetCpuPerRequestMs(), "ms", Double.NaN, Double.NaN,
                bare.sat().targetCpuPerRequestMs(), cpuGoal, null);
        results.add(what + ": p50 at " + rate + " req/s", p.p50(), "ms", b.p50(), p.p50() / b.p50(), x.p50(),
                null, null);
        results.add(what + ": p99 at " + rate + " req/s", p.p99(), "ms", b.p99(), p.p99() / b.p99(), x.p99(),
                null, null);
        results.add(what + ": p99.9 at " + rate + " req/s", p.p999(), "ms", b.p999(), p.p999() / b.p999(),
                x.p999(), null, n.rated().errors() + " errors" + (n.rated().firstError() == null ? ""
                        : ": " + n.rated().firstError()));
        // the bare proxy column: what the bare proxy adds to direct (no ratio: differences near zero, or below it)
        results.add(what + ": added p50 (node - direct)", p.p50() - b.p50(), "ms", Double.NaN, Double.NaN,
                x.p50() - b.p50(), Double.NaN, Goal.atMost(0.5, "< 0.5 ms"), null);
        results.add(what + ": added p99 (node - direct)", p.p99() - b.p99(), "ms", Double.NaN, Double.NaN,
                x.p99() - b.p99(), Double.NaN, Goal.atMost(2, "< 2 ms"), null);
    }

    void addSigned(Benchmark.Measured s, Benchmark.Measured off, Benchmark.Measured d, Benchmark.Measured bare) {
        LatencyRecorder.Percentiles p = s.rated().percentiles();
        LatencyRecorder.Percentiles b = d.rated().percentiles();
        results.add("signatures on, small GET: throughput", s.sat().throughput(), "req/s", off.sat().throughput(),
                s.sat().throughput() / off.sat().throughput(), bare.sat().throughput(),
                Goal.atLeastPercent(50, ">= 50% of signatures off"),
                String.format(Locale.ROOT, "%.1f%% of direct; baseline here: signatures off; %d errors%s",
                        100 * s.sat().throughput() / d.sat().throughput(), s.sat().errors(),
                        s.sat().firstError() == null ? "" : ": " + s.sat().firstError()));
        results.add("signatures on, small GET: node CPU per request", s.sat().targetCpuPerRequestMs(), "ms",
                Goal.atMost(1, "< 1 ms"));
        results.add("signatures on, small GET: p50 at " + rate + " req/s", p.p50(), "ms", b.p50(),
                p.p50() / b.p50(), null, null);
        results.add("signatures on, small GET: p99 at " + rate + " req/s", p.p99(), "ms", b.p99(),
                p.p99() / b.p99(), null, s.rated().errors() + " errors");
    }
}
