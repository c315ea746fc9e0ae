package org.ocn.node.spi.services;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.ocn.node.api.ocpi.PartyId;

/**
 * Who a service is, as its service properties (written by {@link OcnServiceIdentity @OcnServiceIdentity} and its
 * configuration) say.
 *
 * @param party       its OCPI identity
 * @param name        its name
 * @param url         a public URL describing it, or empty
 * @param permissions which copies of its users' messages it wants
 * @param modules     the custom modules it answers
 */
public record ServiceDescriptor(PartyId party, String name, String url, Set<ServicePermission> permissions,
                                List<String> modules) {

    /** Service property: the OCPI identity, {@code "CC/PID"}. */
    public static final String PARTY = "ocn.service.party";
    /** Service property: the name. */
    public static final String NAME = "ocn.service.name";
    /** Service property: a public URL describing the service. */
    public static final String URL = "ocn.service.url";
    /** Service property: {@link ServicePermission} names. */
    public static final String PERMISSIONS = "ocn.service.permissions";
    /** Service property: custom module identifiers. */
    public static final String MODULES = "ocn.service.modules";

    public ServiceDescriptor {
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(name, "name");
        url = url == null ? "" : url;
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
        modules = List.copyOf(modules);
    }

    /**
     * Reads a descriptor from service properties.
     *
     * @throws IllegalArgumentException naming the property that is missing or malformed
     */
    public static ServiceDescriptor fromProperties(Map<String, ?> properties) {
        Object party = properties.get(PARTY);
        if (!(party instanceof String text) || !text.contains("/")) {
            throw new IllegalArgumentException(PARTY + " must be \"CC/PID\", not " + party);
        }
        String[] cc = text.split("/", 2);
        PartyId id = PartyId.of(cc[0].trim(), cc[1].trim());
        Object name = properties.get(NAME);
        if (!(name instanceof String n) || n.isBlank()) {
            throw new IllegalArgumentException(NAME + " is required");
        }
        Set<ServicePermission> permissions = EnumSet.noneOf(ServicePermission.class);
        for (String p : strings(properties.get(PERMISSIONS))) {
            try {
                permissions.add(ServicePermission.valueOf(p.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PERMISSIONS + ": unknown permission " + p, e);
            }
        }
        Object url = properties.get(URL);
        return new ServiceDescriptor(id, n.trim(), url == null ? "" : url.toString(), permissions,
                strings(properties.get(MODULES)));
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof String s) {
            if (!s.isBlank()) {
                for (String part : s.split(",")) {
                    out.add(part.trim());
                }
            }
        } else if (value instanceof String[] array) {
            out.addAll(List.of(array));
        } else if (value instanceof Collection<?> c) {
            c.forEach(x -> out.add(String.valueOf(x)));
        } else if (value != null) {
            out.add(value.toString());
        }
        return out;
    }
}
