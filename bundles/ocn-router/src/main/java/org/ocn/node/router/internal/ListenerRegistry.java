package org.ocn.node.router.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import org.ocn.node.spi.listeners.OcpiMessageListener;
import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;
import org.osgi.framework.Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message listeners the router calls, with what each asked to see ({@link OcpiMessageListener} service
 * properties), best ranked first. Reads are lock-free: an immutable list is replaced on the rare change.
 *
 * <p>A listener that goes away is usually coming back: its plugin is being updated. So that a tap (a settlement
 * service counting CDRs, say) misses nothing across an update, the exchanges a departed listener would have seen are
 * held, up to {@value #MAX_HELD} of them and for the grace period, and handed to the listener that registers next
 * under the same {@code component.name} (Declarative Services gives the same name to the new version's component),
 * in order, before it sees new ones. A listener without a component name, or one that does not return within the
 * grace period, is simply gone (logged with the number of exchanges it did not see). Only {@code exchanged} is held:
 * requests routed during the swap are not enriched by the departed listener.
 */
final class ListenerRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerRegistry.class);

    /** Bound of the exchanges held for one departed listener: a plugin that never comes back costs little. */
    static final int MAX_HELD = 10_000;

    private static final String COMPONENT_NAME = "component.name";

    /** One registration; {@code removed} is set when the service goes, so a late {@code exchanged} is held. */
    private static final class Registered {
        final OcpiMessageListener listener;
        final String name;
        final Set<String> modules;
        final Set<String> roles;
        final Set<String> methods;
        final int ranking;
        final long serviceId;
        volatile boolean removed;

        Registered(OcpiMessageListener listener, Map<String, Object> properties) {
            this.listener = listener;
            this.name = properties.get(COMPONENT_NAME) instanceof String s ? s : null;
            this.modules = values(properties.get(OcpiMessageListener.MODULE), true);
            this.roles = values(properties.get(OcpiMessageListener.ROLE), false);
            this.methods = values(properties.get(OcpiMessageListener.METHOD), false);
            this.ranking = properties.get(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
            this.serviceId = properties.get(Constants.SERVICE_ID) instanceof Long l ? l : 0L;
        }

        boolean wants(OcpiRequest request) {
            return (modules.isEmpty() || modules.contains(request.module().toLowerCase(Locale.ROOT)))
                    && (roles.isEmpty() || roles.contains(request.role().name()))
                    && (methods.isEmpty() || methods.contains(request.method()));
        }
    }

    /** The exchanges held for a listener being updated. Guarded by the registry's lock. */
    private static final class Held {
        final Registered departed;
        final long deadline;
        final ArrayDeque<Map.Entry<OcpiRequest, OcpiReply>> exchanges = new ArrayDeque<>();
        int dropped;

        Held(Registered departed, long deadline) {
            this.departed = departed;
            this.deadline = deadline;
        }
    }

    /**
     * A listener as the router holds it for one request: what it matched at the start of the request, told about
     * the answer at the end (held for the listener's return when it went away meanwhile).
     */
    static final class Interested {
        private final Registered registered;

        private Interested(Registered registered) {
            this.registered = registered;
        }

        OcpiMessageListener listener() {
            return registered.listener;
        }
    }

    private static final Comparator<Registered> ORDER = Comparator.comparingInt((Registered r) -> -r.ranking)
            .thenComparingLong(r -> r.serviceId);

    private final long graceNanos;
    private final LongSupplier clock;
    private final Object lock = new Object();
    private volatile List<Registered> listeners = List.of();
    /** Departed listeners by component name; read without the lock only to skip the common case (empty). */
    private volatile Map<String, Held> held = Map.of();

    ListenerRegistry(Duration grace) {
        this(grace, System::nanoTime);
    }

    ListenerRegistry(Duration grace, LongSupplier clock) {
        this.graceNanos = grace.toNanos();
        this.clock = clock;
    }

    void add(OcpiMessageListener listener, Map<String, Object> properties) {
        Registered r = new Registered(listener, properties);
        Held back;
        synchronized (lock) {
            expire();
            back = r.name == null ? null : held.get(r.name);
        }
        if (back != null) {
            replay(r, back);
        }
        synchronized (lock) {
            if (back != null) {
                // what arrived while replaying goes first, then the listener is in the list (same lock: nothing between)
                replay(r, back);
                Map<String, Held> next = new HashMap<>(held);
                next.remove(r.name);
                held = Map.copyOf(next);
                if (back.dropped > 0) {
                    LOG.warn("Listener {} is back; {} exchanges beyond the {} held were not seen", r.name,
                            back.dropped, MAX_HELD);
                }
            }
            List<Registered> next = new ArrayList<>(listeners);
            next.add(r);
            next.sort(ORDER);
            listeners = List.copyOf(next);
        }
    }

    void remove(OcpiMessageListener listener) {
        synchronized (lock) {
            List<Registered> next = new ArrayList<>(listeners);
            for (Registered r : listeners) {
                if (r.listener == listener) {
                    next.remove(r);
                    r.removed = true;
                    if (r.name != null && graceNanos > 0) {
                        Map<String, Held> nextHeld = new HashMap<>(held);
                        nextHeld.put(r.name, new Held(r, clock.getAsLong() + graceNanos));
                        held = Map.copyOf(nextHeld);
                    }
                }
            }
            listeners = List.copyOf(next);
        }
    }

    /** @return the listeners that want to see this request, in the order they are called */
    List<Interested> matching(OcpiRequest request) {
        List<Registered> current = listeners;
        Map<String, Held> away = held;
        if (current.isEmpty() && away.isEmpty()) {
            return List.of();
        }
        List<Interested> out = new ArrayList<>(2);
        for (Registered r : current) {
            if (r.wants(request)) {
                out.add(new Interested(r));
            }
        }
        for (Held h : away.values()) {
            if (h.departed.wants(request)) {
                out.add(new Interested(h.departed));
            }
        }
        return out;
    }

    /** @return the listeners, of those matched, that are still registered: they may enrich the request */
    static List<OcpiMessageListener> enriching(List<Interested> interested) {
        if (interested.isEmpty()) {
            return List.of(); // the usual case: no allocation on the routing path
        }
        List<OcpiMessageListener> out = new ArrayList<>(interested.size());
        for (Interested i : interested) {
            if (!i.registered.removed) {
                out.add(i.registered.listener);
            }
        }
        return out;
    }

    /** Tells the listeners about an answered request; a listener that went away meanwhile gets it on its return. */
    void tell(List<Interested> interested, OcpiRequest request, OcpiReply reply) {
        for (Interested i : interested) {
            Registered r = i.registered;
            if (r.removed && hold(r, request, reply)) {
                continue;
            }
            if (!r.removed) {
                call(r, request, reply);
            }
        }
    }

    int size() {
        return listeners.size();
    }

    /** @return the number of exchanges held for listeners being updated */
    int heldCount() {
        synchronized (lock) {
            return held.values().stream().mapToInt(h -> h.exchanges.size()).sum();
        }
    }

    /** @return whether the exchange is kept for the listener's return (false: it is gone for good) */
    private boolean hold(Registered departed, OcpiRequest request, OcpiReply reply) {
        synchronized (lock) {
            expire();
            Held h = departed.name == null ? null : held.get(departed.name);
            if (h == null) {
                // it already came back: the new registration under the same name takes it
                Registered successor = departed.name == null ? null : listeners.stream()
                        .filter(r -> departed.name.equals(r.name)).findFirst().orElse(null);
                if (successor != null) {
                    call(successor, request, reply);
                    return true;
                }
                return false;
            }
            if (h.exchanges.size() >= MAX_HELD) {
                h.dropped++;
            } else {
                h.exchanges.add(Map.entry(request, reply));
            }
            return true;
        }
    }

    private void replay(Registered r, Held back) {
        while (true) {
            Map.Entry<OcpiRequest, OcpiReply> next;
            synchronized (lock) {
                next = back.exchanges.poll();
            }
            if (next == null) {
                return;
            }
            call(r, next.getKey(), next.getValue());
        }
    }

    /** Drops what is held for listeners whose grace period ended. Called with the lock held. */
    private void expire() {
        if (held.isEmpty()) {
            return;
        }
        long now = clock.getAsLong();
        Map<String, Held> next = new HashMap<>(held);
        boolean changed = next.values().removeIf(h -> {
            if (now - h.deadline < 0) {
                return false;
            }
            int unseen = h.exchanges.size() + h.dropped;
            if (unseen > 0) {
                LOG.warn("Listener {} did not come back within the grace period; {} exchanges it did not see",
                        h.departed.name, unseen);
            } else {
                LOG.info("Listener {} did not come back within the grace period (uninstalled)", h.departed.name);
            }
            return true;
        });
        if (changed) {
            held = Map.copyOf(next);
        }
    }

    private static void call(Registered r, OcpiRequest request, OcpiReply reply) {
        try {
            r.listener.exchanged(request, reply);
        } catch (RuntimeException e) {
            LOG.warn("Listener {} failed on {} {}", r.listener.getClass().getName(), request.method(),
                    request.module(), e);
        }
    }

    private static Set<String> values(Object value, boolean lowerCase) {
        List<String> raw = new ArrayList<>();
        if (value instanceof String s) {
            raw.add(s);
        } else if (value instanceof String[] a) {
            raw.addAll(List.of(a));
        } else if (value instanceof java.util.Collection<?> c) {
            c.forEach(x -> raw.add(String.valueOf(x)));
        }
        return raw.stream().map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> lowerCase ? s.toLowerCase(Locale.ROOT) : s.toUpperCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }
}
