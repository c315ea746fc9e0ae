package org.ocn.node.ocpi.hubclientinfo.internal;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;

/**
 * A JDK HTTP client on a small pool of daemon threads of its own, for the calls a component makes in the background.
 * The component that opens it closes it in its {@code @Deactivate}, which stops the threads.
 */
final class BackgroundHttp implements AutoCloseable {

    private final ExecutorService threads;
    private final HttpClient client;

    /**
     * @param threadName     the name of its threads (they show in thread dumps)
     * @param size           the number of threads
     * @param connectTimeout time to connect
     */
    BackgroundHttp(String threadName, int size, Duration connectTimeout) {
        threads = Executors.newFixedThreadPool(size, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        client = HttpClient.newBuilder().executor(threads).connectTimeout(connectTimeout).build();
    }

    /** @return the answer's status, or the failure (connection refused, timeout) */
    CompletableFuture<HttpResponse<Void>> send(HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    }

    /** Sends without waiting; logs a failure or an answer outside 2xx as a warning naming what it was. */
    void fireAndForget(HttpRequest request, Logger log, String what) {
        send(request).whenComplete((response, error) -> {
            if (error != null) {
                log.warn("{} failed: {}", what, error.toString());
            } else if (response.statusCode() / 100 != 2) {
                log.warn("{} answered HTTP {}", what, response.statusCode());
            } else {
                log.debug("{} done", what);
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
    }
}
