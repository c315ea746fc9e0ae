package org.ocn.node.router.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.ocn.node.spi.listeners.OcpiMessageListener;
import org.ocn.node.spi.routing.OcpiRequest;
import org.osgi.framework.Constants;

/**
 * The message listeners the router calls, with what each asked to see ({@link OcpiMessageListener} service
 * properties), best ranked first. Reads are lock-free: the list is copied on the rare change.
 */
final class ListenerRegistry {

    private record Registered(OcpiMessageListener listener, Set<String> modules, Set<String> roles, Set<String> methods,
                              int ranking, long serviceId) {

        boolean wants(OcpiRequest request) {
            return (modules.isEmpty() || modules.contains(request.module().toLowerCase(Locale.ROOT)))
                    && (roles.isEmpty() || roles.contains(request.role().name()))
                    && (methods.isEmpty() || methods.contains(request.method()));
        }
    }

    private static final Comparator<Registered> ORDER = Comparator.comparingInt((Registered r) -> -r.ranking)
            .thenComparingLong(Registered::serviceId);

    private final List<Registered> listeners = new CopyOnWriteArrayList<>();

    void add(OcpiMessageListener listener, Map<String, Object> properties) {
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        Registered r = new Registered(listener, values(properties.get(OcpiMessageListener.MODULE), true),
                values(properties.get(OcpiMessageListener.ROLE), false),
                values(properties.get(OcpiMessageListener.METHOD), false),
                ranking instanceof Integer i ? i : 0, (Long) properties.get(Constants.SERVICE_ID));
        synchronized (listeners) {
            List<Registered> next = new ArrayList<>(listeners);
            next.add(r);
            next.sort(ORDER);
            listeners.clear();
            listeners.addAll(next);
        }
    }

    void remove(OcpiMessageListener listener) {
        listeners.removeIf(r -> r.listener() == listener);
    }

    /** @return the listeners that want to see this request, in the order they are called */
    List<OcpiMessageListener> matching(OcpiRequest request) {
        if (listeners.isEmpty()) {
            return List.of();
        }
        List<OcpiMessageListener> out = new ArrayList<>(2);
        for (Registered r : listeners) {
            if (r.wants(request)) {
                out.add(r.listener());
            }
        }
        return out;
    }

    int size() {
        return listeners.size();
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
