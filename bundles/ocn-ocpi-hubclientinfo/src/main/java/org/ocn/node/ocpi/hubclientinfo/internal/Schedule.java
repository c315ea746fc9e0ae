package org.ocn.node.ocpi.hubclientinfo.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;

/**
 * A task run on a schedule, on a daemon thread of its own: the component that opens it closes it in its
 * {@code @Deactivate}, which stops the thread. A run that throws is logged, and the schedule goes on.
 */
final class Schedule implements AutoCloseable {

    private final ScheduledExecutorService thread;
    private final Runnable task;

    /**
     * @param threadName the name of its thread
     * @param task       what to run
     * @param log        where a failed run is reported
     */
    Schedule(String threadName, Runnable task, Logger log) {
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        this.task = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("{} failed; it runs again on schedule", threadName, e);
            }
        };
    }

    /** Runs the task first after {@code firstDelayMs}, then {@code periodMs} after each run ends. */
    void every(long firstDelayMs, long periodMs) {
        thread.scheduleWithFixedDelay(task, firstDelayMs, periodMs, TimeUnit.MILLISECONDS);
    }

    /** Runs the task once more, after {@code delayMs}, besides the schedule (never at the same time as another run). */
    void once(long delayMs) {
        try {
            thread.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // the component is going away
        }
    }

    @Override
    public void close() throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(5, TimeUnit.SECONDS);
    }
}
