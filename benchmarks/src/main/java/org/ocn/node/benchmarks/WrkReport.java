package org.ocn.node.benchmarks;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one run of {@code wrk --latency} reported. wrk prints a summary for people (values rounded, with units) and
 * then whatever the script's {@code done()} prints; the benchmark's script ({@link WrkScript}) prints one line of
 * exact counts ({@link #EXACT_PREFIX}). The parser reads both: the exact line where it is there (it wins), the
 * human summary else, so that a run with any other script still parses.
 *
 * @param requests          answers wrk completed (any HTTP status)
 * @param seconds           the run's length as wrk timed it
 * @param bytes             bytes read, headers included (from the summary: rounded to 2 decimals of its unit)
 * @param requestsPerSecond requests / seconds
 * @param socketErrors      connect, read and write errors and timeouts
 * @param badStatus         answers with an HTTP status other than 2xx or 3xx
 * @param latencyMs         latency percentile (50, 75, 90, 99 and, from the exact line, 99.9) to milliseconds
 * @param maxLatencyMs      the longest latency, NaN when wrk did not print it
 * @param exact             whether the exact line was there
 */
record WrkReport(long requests, double seconds, double bytes, double requestsPerSecond, long socketErrors,
                 long badStatus, NavigableMap<Double, Double> latencyMs, double maxLatencyMs, boolean exact) {

    /** The start of the line {@link WrkScript}'s {@code done()} prints. */
    static final String EXACT_PREFIX = "ocn-bench:";

    private static final String NUMBER = "(\\d+(?:\\.\\d+)?)";
    private static final Pattern SUMMARY = Pattern.compile("^\\s*(\\d+) requests in " + NUMBER + "(us|ms|s|m|h), "
            + NUMBER + "([KMGTP]?)B read\\s*$", Pattern.MULTILINE);
    private static final Pattern RATE = Pattern.compile("^Requests/sec:\\s*" + NUMBER + "\\s*$", Pattern.MULTILINE);
    private static final Pattern PERCENTILE = Pattern.compile("^\\s*" + NUMBER + "%\\s+" + NUMBER + "(us|ms|s|m|h)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern MAX = Pattern.compile("^[ \\t]*Latency[ \\t]+\\S+[ \\t]+\\S+[ \\t]+" + NUMBER + "(us|ms|s|m|h)\\s",
            Pattern.MULTILINE);
    private static final Pattern SOCKET = Pattern.compile(
            "^\\s*Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)\\s*$", Pattern.MULTILINE);
    private static final Pattern STATUS = Pattern.compile("^\\s*Non-2xx or 3xx responses: (\\d+)\\s*$",
            Pattern.MULTILINE);

    /** @return the latency at this percentile in ms, NaN when wrk did not report it */
    double latency(double percentile) {
        Double ms = latencyMs.get(percentile);
        return ms == null ? Double.NaN : ms;
    }

    /** @return answers with a 2xx or 3xx status and no socket error behind them */
    long good() {
        return Math.max(0, requests - badStatus);
    }

    /**
     * @param output wrk's standard output
     * @throws IllegalArgumentException when it holds no summary (wrk could not connect, or failed to start)
     */
    static WrkReport parse(String output) {
        for (String line : output.split("\n")) {
            if (line.startsWith(EXACT_PREFIX)) {
                return exact(line.substring(EXACT_PREFIX.length()), output);
            }
        }
        Matcher summary = SUMMARY.matcher(output);
        Matcher rate = RATE.matcher(output);
        if (!summary.find() || !rate.find()) {
            throw new IllegalArgumentException("no wrk summary in: " + excerpt(output));
        }
        long requests = Long.parseLong(summary.group(1));
        double seconds = micros(summary.group(2), summary.group(3)) / 1e6;
        double bytes = Double.parseDouble(summary.group(4)) * Math.pow(1024, "KMGTP".indexOf(summary.group(5)) + 1);
        NavigableMap<Double, Double> latency = new TreeMap<>();
        Matcher p = PERCENTILE.matcher(output);
        while (p.find()) {
            latency.put(Double.parseDouble(p.group(1)), micros(p.group(2), p.group(3)) / 1000);
        }
        Matcher max = MAX.matcher(output);
        return new WrkReport(requests, seconds, bytes, Double.parseDouble(rate.group(1)), socketErrors(output),
                count(STATUS, output), Collections.unmodifiableNavigableMap(latency),
                max.find() ? micros(max.group(1), max.group(2)) / 1000 : Double.NaN, false);
    }

    /** The exact line: {@code requests=N duration_us=N bytes=N connect=N ... p50_us=N ... p99.9_us=N max_us=N}. */
    private static WrkReport exact(String line, String output) {
        Map<String, String> values = new TreeMap<>();
        for (String pair : line.trim().split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        NavigableMap<Double, Double> latency = new TreeMap<>();
        for (Map.Entry<String, String> v : values.entrySet()) {
            String key = v.getKey();
            if (key.startsWith("p") && key.endsWith("_us")) {
                latency.put(Double.parseDouble(key.substring(1, key.length() - 3)), Double.parseDouble(v.getValue()) / 1000);
            }
        }
        try {
            long requests = Long.parseLong(values.get("requests"));
            double seconds = Long.parseLong(values.get("duration_us")) / 1e6;
            long socket = Long.parseLong(values.get("connect")) + Long.parseLong(values.get("read"))
                    + Long.parseLong(values.get("write")) + Long.parseLong(values.get("timeout"));
            return new WrkReport(requests, seconds, Double.parseDouble(values.get("bytes")),
                    seconds > 0 ? requests / seconds : Double.NaN, socket, Long.parseLong(values.get("status")),
                    Collections.unmodifiableNavigableMap(latency),
                    values.containsKey("max_us") ? Double.parseDouble(values.get("max_us")) / 1000 : Double.NaN, true);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("incomplete " + EXACT_PREFIX + " line in: " + excerpt(output), e);
        }
    }

    private static long socketErrors(String output) {
        Matcher m = SOCKET.matcher(output);
        if (!m.find()) {
            return 0; // wrk prints the line only when there was one
        }
        long sum = 0;
        for (int g = 1; g <= 4; g++) {
            sum += Long.parseLong(m.group(g));
        }
        return sum;
    }

    private static long count(Pattern p, String output) {
        Matcher m = p.matcher(output);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** @return a time as wrk formats it ({@code 512.00us}, {@code 1.23ms}, {@code 2.00s}, {@code 1.00m}) in us */
    static double micros(String number, String unit) {
        double n = Double.parseDouble(number);
        return switch (unit) {
            case "us" -> n;
            case "ms" -> n * 1e3;
            case "s" -> n * 1e6;
            case "m" -> n * 60e6;
            case "h" -> n * 3600e6;
            default -> throw new IllegalArgumentException("unknown time unit " + unit);
        };
    }

    private static String excerpt(String output) {
        String text = output.strip();
        return text.isEmpty() ? "(nothing)" : text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d requests in %.2f s (%.0f/s), %d socket errors, %d bad status, p50 %.3f ms, "
                + "p99 %.3f ms", requests, seconds, requestsPerSecond, socketErrors, badStatus, latency(50), latency(99));
    }
}
