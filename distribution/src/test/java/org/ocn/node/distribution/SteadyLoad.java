package org.ocn.node.distribution;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * Requests at a steady rate, sent asynchronously (the rate does not drop when answers are slow, as it would with a
 * fixed number of callers), each answer checked; what failed is kept with the reason: an exception (refused or reset
 * connection, timeout), or an answer the check refused.
 */
final class SteadyLoad implements AutoCloseable {

    /** What a run gave. */
    record Result(long sent, long succeeded, List<String> failures) {

        @Override
        public String toString() {
            return sent + " sent, " + succeeded + " succeeded, " + failures.size() + " failed"
                    + (failures.isEmpty() ? "" : ", first: " + failures.subList(0, Math.min(5, failures.size())));
        }
    }

    private final ExecutorService callbacks = Executors.newFixedThreadPool(4);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(callbacks).build();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final LongFunction<HttpRequest> request;
    private final Predicate<HttpResponse<String>> succeeded;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong ok = new AtomicLong();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    /** Counts the requests under way, so that {@link #stop} waits for every answer. */
    private final Phaser underWay = new Phaser(1);

    /**
     * @param request   the n-th request (n from 0)
     * @param succeeded whether an answer is a success
     */
    SteadyLoad(LongFunction<HttpRequest> request, Predicate<HttpResponse<String>> succeeded) {
        this.request = request;
        this.succeeded = succeeded;
    }

    /** Starts sending {@code perSecond} requests a second, in batches every 10 ms. */
    SteadyLoad start(int perSecond) {
        double perTick = perSecond / 100.0;
        double[] owed = {0};
        ticker.scheduleAtFixedRate(() -> {
            owed[0] += perTick;
            while (owed[0] >= 1) {
                owed[0]--;
                send(sent.getAndIncrement());
            }
        }, 0, 10, TimeUnit.MILLISECONDS);
        return this;
    }

    private void send(long n) {
        HttpRequest r;
        try {
            r = request.apply(n);
        } catch (RuntimeException e) {
            failures.add("request " + n + " could not be made: " + e);
            return;
        }
        underWay.register();
        client.sendAsync(r, HttpResponse.BodyHandlers.ofString()).whenComplete((answer, error) -> {
            try {
                if (error != null) {
                    failures.add(r.method() + " " + r.uri().getPath() + ": " + error);
                } else if (succeeded.test(answer)) {
                    ok.incrementAndGet();
                } else {
                    failures.add(r.method() + " " + r.uri().getPath() + ": HTTP " + answer.statusCode() + " "
                            + answer.body());
                }
            } finally {
                underWay.arriveAndDeregister();
            }
        });
    }

    /** @return the number of requests sent so far */
    long sent() {
        return sent.get();
    }

    /** Stops sending and waits for the answers of every request sent (each has its own timeout). */
    Result stop() throws InterruptedException {
        ticker.shutdown();
        ticker.awaitTermination(5, TimeUnit.SECONDS);
        underWay.arriveAndAwaitAdvance();
        return new Result(sent.get(), ok.get(), List.copyOf(failures));
    }

    @Override
    public void close() throws InterruptedException {
        ticker.shutdownNow();
        callbacks.shutdownNow();
    }
}
