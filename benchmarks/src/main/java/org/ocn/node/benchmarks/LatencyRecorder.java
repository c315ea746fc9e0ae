package org.ocn.node.benchmarks;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Latencies of one phase, kept exactly (no buckets): at the rates measured here a phase has at most a few million
 * requests, so sorting them once at the end is cheap and the percentiles need no error bound. Each sample also
 * keeps when its request was due, so that a window of the phase (a plugin update) can be looked at alone.
 * Recording is lock-free and safe from any thread; reading is meant for after the phase.
 */
final class LatencyRecorder {

    private final long[] dueNanos;
    private final long[] latencyNanos;
    private final AtomicInteger next = new AtomicInteger();

    LatencyRecorder(int capacity) {
        dueNanos = new long[capacity];
        latencyNanos = new long[capacity];
    }

    /**
     * @param due     when the request was due (open loop: its scheduled send time), on the {@link System#nanoTime}
     *                clock
     * @param latency from then to the complete answer
     */
    void record(long due, long latency) {
        int i = next.getAndIncrement();
        if (i < latencyNanos.length) {
            dueNanos[i] = due;
            latencyNanos[i] = latency;
        }
    }

    /** @return samples recorded (at most the capacity) */
    int count() {
        return Math.min(next.get(), latencyNanos.length);
    }

    /** @return samples that did not fit */
    int dropped() {
        return Math.max(0, next.get() - latencyNanos.length);
    }

    /** @return the percentiles of every sample */
    Percentiles percentiles() {
        int n = count();
        return Percentiles.of(Arrays.copyOf(latencyNanos, n));
    }

    /** @return the percentiles of the samples due within [from, to) */
    Percentiles percentilesDueBetween(long from, long to) {
        int n = count();
        long[] picked = new long[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (dueNanos[i] >= from && dueNanos[i] < to) {
                picked[k++] = latencyNanos[i];
            }
        }
        return Percentiles.of(Arrays.copyOf(picked, k));
    }

    /** Percentiles in milliseconds, by the nearest-rank method (the smallest sample with at least p% at or below it). */
    record Percentiles(int count, double p50, double p99, double p999, double max) {

        static Percentiles of(long[] nanos) {
            if (nanos.length == 0) {
                return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Percentiles(sorted.length, ms(rank(sorted, 50)), ms(rank(sorted, 99)), ms(rank(sorted, 99.9)),
                    ms(sorted[sorted.length - 1]));
        }

        /** @return the nearest-rank percentile of sorted values */
        static long rank(long[] sorted, double percent) {
            // the small tolerance keeps 99.9% of 1000 at rank 999 despite binary fractions
            int rank = (int) Math.ceil(percent * sorted.length / 100.0 - 1e-9);
            return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
        }

        private static double ms(long nanos) {
            return nanos / 1e6;
        }
    }
}
