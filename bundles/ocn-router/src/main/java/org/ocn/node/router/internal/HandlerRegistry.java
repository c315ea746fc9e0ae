package org.ocn.node.router.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.ModuleId;
import org.ocn.node.api.ocpi.VersionNumber;
import org.ocn.node.spi.endpoints.ServedEndpoint;
import org.ocn.node.spi.routing.OcpiModuleHandler;
import org.osgi.framework.Constants;

/**
 * The module handlers the router knows, by module, interface role and version; the best ranked first (then the
 * lowest service id), as the {@link OcpiModuleHandler} javadoc promises.
 */
final class HandlerRegistry {

    record Key(String module, InterfaceRole role, VersionNumber version) {
    }

    private record Rank(int ranking, long serviceId) {
        static final Comparator<Rank> ORDER = Comparator.comparingInt((Rank r) -> -r.ranking)
                .thenComparingLong(Rank::serviceId);
    }

    private final Map<Key, ConcurrentSkipListMap<Rank, OcpiModuleHandler>> handlers = new ConcurrentHashMap<>();

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
        }
    }

    void remove(Map<String, Object> properties) {
        Rank rank = rank(properties);
        for (Key key : keys(properties)) {
            ConcurrentSkipListMap<Rank, OcpiModuleHandler> ranked = handlers.get(key);
            if (ranked != null) {
                ranked.remove(rank);
            }
        }
    }

    Optional<OcpiModuleHandler> select(String module, InterfaceRole role, VersionNumber version) {
        ConcurrentSkipListMap<Rank, OcpiModuleHandler> ranked = handlers.get(new Key(module, role, version));
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
