package org.ocn.node.router.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.ModuleId;
import org.ocn.node.api.ocpi.VersionNumber;
import org.ocn.node.spi.endpoints.ServedEndpoint;
import org.ocn.node.spi.routing.OcpiModuleHandler;
import org.osgi.framework.Constants;

/**
 * The module handlers the router knows, by module, interface role and version; the best ranked first (then the
 * lowest service id), as the {@link OcpiModuleHandler} javadoc promises.
 *
 * <p>While a plugin is updated or replaced its module has no handler for a moment: a request then waits for one up to
 * the grace period (decisions §19), without holding a thread, for a standard module (which the node always means to
 * serve) and for a custom module whose handler left within the grace period.
 */
final class HandlerRegistry {

    record Key(String module, InterfaceRole role, VersionNumber version) {
    }

    private record Rank(int ranking, long serviceId) {
        static final Comparator<Rank> ORDER = Comparator.comparingInt((Rank r) -> -r.ranking)
                .thenComparingLong(Rank::serviceId);
    }

    private final Map<Key, ConcurrentSkipListMap<Rank, OcpiModuleHandler>> handlers = new ConcurrentHashMap<>();
    /** When the last handler of a key left, for the keys that have none now. */
    private final Map<Key, Instant> departed = new ConcurrentHashMap<>();
    private final Map<Key, List<CompletableFuture<Optional<OcpiModuleHandler>>>> waiting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final Duration grace;

    /**
     * @param timer where waits time out and waiting requests resume (never the thread that registers a handler)
     * @param grace how long a request waits for a handler at most
     */
    HandlerRegistry(ScheduledExecutorService timer, Duration grace) {
        this.timer = timer;
        this.grace = grace;
    }

    /** @return the keys the service properties name; empty when they name none validly */
    static List<Key> keys(Map<String, Object> properties) {
        List<Key> keys = new ArrayList<>();
        Object module = properties.get(OcpiModuleHandler.MODULE);
        Object role = properties.get(OcpiModuleHandler.ROLE);
        if (!(module instanceof String m) || m.isBlank() || role == null) {
            return keys;
        }
        InterfaceRole interfaceRole;
        try {
            interfaceRole = InterfaceRole.valueOf(role.toString());
        } catch (IllegalArgumentException e) {
            return keys;
        }
        for (String v : strings(properties.get(OcpiModuleHandler.VERSION))) {
            VersionNumber.parse(v).ifPresent(version -> keys.add(new Key(m, interfaceRole, version)));
        }
        return keys;
    }

    private static List<String> strings(Object value) {
        if (value instanceof String s) {
            return List.of(s);
        }
        if (value instanceof String[] a) {
            return List.of(a);
        }
        if (value instanceof java.util.Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    private static Rank rank(Map<String, Object> properties) {
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        return new Rank(ranking instanceof Integer i ? i : 0, (Long) properties.get(Constants.SERVICE_ID));
    }

    void add(OcpiModuleHandler handler, Map<String, Object> properties) {
        Rank rank = rank(properties);
        for (Key key : keys(properties)) {
            handlers.computeIfAbsent(key, k -> new ConcurrentSkipListMap<>(Rank.ORDER)).put(rank, handler);
            departed.remove(key);
            List<CompletableFuture<Optional<OcpiModuleHandler>>> waiters = waiting.remove(key);
            if (waiters != null) {
                Optional<OcpiModuleHandler> selected = select(key);
                timer.execute(() -> waiters.forEach(w -> w.complete(selected)));
            }
        }
    }

    void remove(Map<String, Object> properties) {
        Rank rank = rank(properties);
        for (Key key : keys(properties)) {
            ConcurrentSkipListMap<Rank, OcpiModuleHandler> ranked = handlers.get(key);
            if (ranked != null) {
                ranked.remove(rank);
                if (ranked.isEmpty()) {
                    departed.put(key, Instant.now());
                }
            }
        }
    }

    /**
     * The handler for a request, waiting for one when the module has none right now but is expected to (a standard
     * module, or a custom one whose handler left within the grace period).
     *
     * @return the handler, or empty when none came within the grace period or none is expected
     */
    CompletionStage<Optional<OcpiModuleHandler>> await(String module, InterfaceRole role, VersionNumber version) {
        Key key = new Key(module, role, version);
        Optional<OcpiModuleHandler> now = select(key);
        if (now.isPresent()) {
            return CompletableFuture.completedFuture(now);
        }
        Instant left = departed.get(key);
        boolean expected = ModuleId.fromIdentifier(module).isPresent()
                || left != null && left.plus(grace).isAfter(Instant.now());
        if (!expected || grace.isZero()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletableFuture<Optional<OcpiModuleHandler>> waiter = new CompletableFuture<>();
        waiting.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(waiter);
        // a handler may have come between the first look and joining the queue
        Optional<OcpiModuleHandler> meanwhile = select(key);
        if (meanwhile.isPresent()) {
            waiter.complete(meanwhile);
        } else {
            timer.schedule(() -> {
                List<CompletableFuture<Optional<OcpiModuleHandler>>> waiters = waiting.get(key);
                if (waiters != null) {
                    waiters.remove(waiter);
                }
                waiter.complete(Optional.empty());
            }, grace.toMillis(), TimeUnit.MILLISECONDS);
        }
        return waiter;
    }

    /** @return how many requests wait for a handler now */
    int waiting() {
        return waiting.values().stream().mapToInt(List::size).sum();
    }

    Optional<OcpiModuleHandler> select(String module, InterfaceRole role, VersionNumber version) {
        return select(new Key(module, role, version));
    }

    private Optional<OcpiModuleHandler> select(Key key) {
        ConcurrentSkipListMap<Rank, OcpiModuleHandler> ranked = handlers.get(key);
        if (ranked == null) {
            return Optional.empty();
        }
        Map.Entry<Rank, OcpiModuleHandler> best = ranked.firstEntry();
        return best == null ? Optional.empty() : Optional.of(best.getValue());
    }

    /** @return an endpoint for every module, interface and version with a handler */
    List<ServedEndpoint> served() {
        List<ServedEndpoint> served = new ArrayList<>();
        handlers.forEach((key, ranked) -> {
            if (ranked.isEmpty()) {
                return;
            }
            String path = ModuleId.fromIdentifier(key.module()).isPresent()
                    ? "/ocpi/" + key.role().pathSegment() + "/" + key.version().text() + "/" + key.module()
                    : "/ocpi/custom/" + key.role().pathSegment() + "/" + key.module();
            served.add(new ServedEndpoint(key.version(), key.module(), key.role(), path));
        });
        return served;
    }

    int size() {
        return (int) handlers.values().stream().filter(m -> !m.isEmpty()).count();
    }
}
