package org.ocn.node.services.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.services.RunningService;

/**
 * Requests waiting for a service that went away to come back ({@link
 * org.ocn.node.services.ServiceDirectory#awaitReturn}): each wait is a future and a timeout on one timer thread, so no
 * thread is held while a request waits. Futures complete on the timer thread, never on the thread that registered the
 * service.
 */
final class ReturnWaiters implements AutoCloseable {

    private record Waiter(CompletableFuture<Optional<RunningService>> future, ScheduledFuture<?> timeout) {
    }

    private final ScheduledExecutorService timer;
    private final Map<PartyId, List<Waiter>> waiting = new HashMap<>();
    private boolean closed;

    ReturnWaiters(String threadName) {
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Waits up to {@code grace} for the party's service.
     *
     * @param running the party's service now; read under this object's lock, so that a service that comes back
     *                while the wait is set up is not missed ({@link #returned} is called after the service is visible)
     */
    synchronized CompletableFuture<Optional<RunningService>> await(PartyId party, Duration grace,
                                                                  Supplier<Optional<RunningService>> running) {
        Optional<RunningService> now = running.get();
        if (now.isPresent() || closed || grace.isZero() || grace.isNegative()) {
            return CompletableFuture.completedFuture(now);
        }
        CompletableFuture<Optional<RunningService>> future = new CompletableFuture<>();
        ScheduledFuture<?> timeout;
        try {
            timeout = timer.schedule(() -> expire(party, future), grace.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        waiting.computeIfAbsent(party, p -> new ArrayList<>()).add(new Waiter(future, timeout));
        return future;
    }

    /** Completes the waits for the party with its service, which is running now. */
    void returned(PartyId party, RunningService service) {
        List<Waiter> done;
        synchronized (this) {
            done = waiting.remove(party);
        }
        if (done != null) {
            for (Waiter w : done) {
                w.timeout().cancel(false);
                complete(w.future(), Optional.of(service));
            }
        }
    }

    /** @return how many requests wait */
    synchronized int waiting() {
        return waiting.values().stream().mapToInt(List::size).sum();
    }

    private void expire(PartyId party, CompletableFuture<Optional<RunningService>> future) {
        synchronized (this) {
            List<Waiter> list = waiting.get(party);
            if (list != null) {
                list.removeIf(w -> w.future() == future);
                if (list.isEmpty()) {
                    waiting.remove(party);
                }
            }
        }
        future.complete(Optional.empty());
    }

    private void complete(CompletableFuture<Optional<RunningService>> future, Optional<RunningService> value) {
        try {
            timer.execute(() -> future.complete(value));
        } catch (RejectedExecutionException e) {
            future.complete(value);
        }
    }

    /** Completes every wait with empty and stops the timer. */
    @Override
    public void close() throws InterruptedException {
        List<Waiter> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            waiting.values().forEach(all::addAll);
            waiting.clear();
        }
        timer.shutdownNow();
        for (Waiter w : all) {
            w.future().complete(Optional.empty());
        }
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
