package org.ocn.node.benchmarks;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The load generator: Jetty 12's asynchronous client on a handful of threads, several keep-alive connections, no
 * thread waiting on an answer. Two ways to load a target:
 *
 * <ul>
 * <li>{@link #saturate}: closed loop, a fixed number of requests always in flight (one per connection): the highest
 * throughput the target reaches;</li>
 * <li>{@link #fixedRate}: open loop at a fixed rate, each request due at its scheduled time whether or not earlier
 * ones were answered, and its latency counted from that time (so a stall of the target shows in every request it
 * delayed: no coordinated omission).</li>
 * </ul>
 *
 * An answer counts as good when it is HTTP 200 with the expected length (learned from a probe whose body was
 * checked for status_code 1000); anything else, or no answer, is an error.
 */
final class LoadGenerator implements Saturator, AutoCloseable {

    /**
     * A request sent again and again. {@code expectedLength} is the body length of a good answer.
     *
     * @param body the request body (sent with the headers' Content-Type), or null
     */
    record Target(String name, URI uri, String method, HttpFields headers, byte[] body, long expectedLength) {

        Target(String name, URI uri, HttpFields headers, long expectedLength) {
            this(name, uri, "GET", headers, null, expectedLength);
        }
    }

    /**
     * What one phase measured. Rates are over the measured window (after the warm-up).
     *
     * @param latencies   every latency measured, or null when the generator keeps none (wrk)
     * @param percentiles the latencies' percentiles
     */
    record Outcome(long requests, long errors, Duration measured, LatencyRecorder latencies,
                   LatencyRecorder.Percentiles percentiles, long generatorCpuNanos, long targetCpuNanos,
                   String firstError) {

        Outcome(long requests, long errors, Duration measured, LatencyRecorder latencies, long generatorCpuNanos,
                long targetCpuNanos, String firstError) {
            this(requests, errors, measured, latencies, latencies.percentiles(), generatorCpuNanos, targetCpuNanos,
                    firstError);
        }

        double throughput() {
            return requests / (measured.toNanos() / 1e9);
        }

        /** @return the load generator's own CPU per answered request, in ms (NaN when it was not measured) */
        double generatorCpuPerRequestMs() {
            return requests == 0 || generatorCpuNanos < 0 ? Double.NaN : generatorCpuNanos / 1e6 / requests;
        }

        /** @return the target's CPU per answered request, in ms (NaN when it was not measured) */
        double targetCpuPerRequestMs() {
            return requests == 0 || targetCpuNanos < 0 ? Double.NaN : targetCpuNanos / 1e6 / requests;
        }
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final HttpClient client;
    private final AtomicLong requestIds = new AtomicLong();

    /** @param connections keep-alive connections per target at most */
    LoadGenerator(int connections) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(8, 8);
        threads.setName("load");
        threads.setDaemon(true);
        client = new HttpClient();
        client.setExecutor(threads);
        client.setMaxConnectionsPerDestination(connections);
        client.setMaxRequestsQueuedPerDestination(1 << 20);
        client.setConnectTimeout(5_000);
        client.setIdleTimeout(120_000);
        client.setFollowRedirects(false);
        client.setUserAgentField(null);
        client.getContentDecoderFactories().clear();
        client.start();
    }

    /** Called once per answer. */
    private interface Done {
        void done(boolean good, long completedAt, String error);
    }

    @Override
    public String describe() {
        return "the benchmark's Java generator (Jetty 12 asynchronous client, 8 threads)";
    }

    private void send(Target target, Done done) {
        Request request = client.newRequest(target.uri()).method(target.method()).timeout(30, TimeUnit.SECONDS)
                .headers(h -> h.add(target.headers()).put("X-Request-ID", Long.toString(requestIds.incrementAndGet())));
        if (target.body() != null) {
            String type = target.headers().get(HttpHeader.CONTENT_TYPE);
            request.body(new BytesRequestContent(type == null ? "application/octet-stream" : type, target.body()));
        }
        request.send(new Response.Listener() {
                    private long length;

                    @Override
                    public void onContent(Response response, ByteBuffer content) {
                        length += content.remaining();
                    }

                    @Override
                    public void onComplete(Result result) {
                        long now = System.nanoTime();
                        if (result.isFailed()) {
                            done.done(false, now, String.valueOf(result.getFailure()));
                        } else if (result.getResponse().getStatus() != 200 || length != target.expectedLength()) {
                            done.done(false, now, "HTTP " + result.getResponse().getStatus() + ", " + length
                                    + " bytes instead of " + target.expectedLength());
                        } else {
                            done.done(true, now, null);
                        }
                    }
                });
    }

    /**
     * Keeps {@code inFlight} requests in flight for the warm-up and then the measured time.
     *
     * @param targetCpu the CPU time used so far by the processes serving the target, in ns, read at the start and
     *                  the end of the measured time
     */
    @Override
    public Outcome saturate(Target target, int inFlight, Duration warmup, Duration measure, LongSupplier targetCpu)
            throws InterruptedException {
        long start = System.nanoTime();
        long from = start + warmup.toNanos();
        long to = from + measure.toNanos();
        Tally tally = new Tally(new LatencyRecorder(4_000_000));
        CountDownLatch finished = new CountDownLatch(inFlight);
        long[] cpu = new long[4];
        Thread cpuMarks = new Thread(() -> {
            sleepUntil(from);
            cpu[0] = OS.getProcessCpuTime();
            cpu[2] = targetCpu.getAsLong();
            sleepUntil(to);
            cpu[1] = OS.getProcessCpuTime();
            cpu[3] = targetCpu.getAsLong();
        }, "cpu-marks");
        cpuMarks.start();
        for (int i = 0; i < inFlight; i++) {
            new Runnable() {
                long sentAt;

                @Override
                public void run() {
                    sentAt = System.nanoTime();
                    send(target, (ok, completedAt, error) -> {
                        if (completedAt >= from && completedAt < to) {
                            tally.count(ok, sentAt, completedAt, error);
                        }
                        if (completedAt < to) {
                            run();
                        } else {
                            finished.countDown();
                        }
                    });
                }
            }.run();
        }
        finished.await(to - System.nanoTime() + TimeUnit.SECONDS.toNanos(40), TimeUnit.NANOSECONDS);
        cpuMarks.join();
        return new Outcome(tally.good.sum(), tally.bad.sum(), measure, tally.latencies, cpu[1] - cpu[0],
                cpu[2] < 0 || cpu[3] < 0 ? -1 : cpu[3] - cpu[2], tally.firstError());
    }

    /**
     * Sends {@code rate} requests per second for the warm-up and then the measured time, open loop.
     *
     * @param during run once the measured time has begun (a plugin update), or null
     * @param window receives the {@link System#nanoTime} at which {@code during} began and ended
     */
    Outcome fixedRate(Target target, int rate, Duration warmup, Duration measure, Duration actionAfter,
                      Runnable during, long[] window) throws InterruptedException {
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        long from = start + warmup.toNanos();
        long to = from + measure.toNanos();
        int expected = (int) (measure.toNanos() / interval) + 16;
        Tally tally = new Tally(new LatencyRecorder(expected));
        LongAdder pending = new LongAdder();
        Thread action = null;
        if (during != null) {
            action = new Thread(() -> {
                sleepUntil(from + actionAfter.toNanos());
                window[0] = System.nanoTime();
                during.run();
                window[1] = System.nanoTime();
            }, "action-under-load");
            action.start();
        }
        long cpuFrom = 0;
        for (long i = 0;; i++) {
            long due = start + i * interval;
            if (due >= to) {
                break;
            }
            if (cpuFrom == 0 && due >= from) {
                cpuFrom = OS.getProcessCpuTime();
            }
            sleepUntil(due);
            boolean measured = due >= from;
            pending.increment();
            send(target, (ok, completedAt, error) -> {
                if (measured) {
                    tally.count(ok, due, completedAt, error);
                }
                pending.decrement();
            });
        }
        long cpuTo = OS.getProcessCpuTime();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (pending.sum() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        if (action != null) {
            action.join();
        }
        long unanswered = pending.sum();
        if (unanswered > 0) {
            tally.errors.putIfAbsent(unanswered + " requests unanswered after 40 s", true);
        }
        return new Outcome(tally.good.sum(), tally.bad.sum() + unanswered, measure, tally.latencies, cpuTo - cpuFrom,
                -1, tally.firstError());
    }

    /** Good answers with their latencies, errors with the kinds seen. */
    private record Tally(LatencyRecorder latencies, LongAdder good, LongAdder bad, Map<String, Boolean> errors) {

        Tally(LatencyRecorder latencies) {
            this(latencies, new LongAdder(), new LongAdder(), new ConcurrentHashMap<>());
        }

        void count(boolean ok, long due, long completedAt, String error) {
            if (ok) {
                good.increment();
                latencies.record(due, completedAt - due);
            } else {
                bad.increment();
                errors.putIfAbsent(error, true);
            }
        }

        String firstError() {
            return errors.keySet().stream().findFirst().orElse(null);
        }
    }

    private static void sleepUntil(long nanoTime) {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }
}
