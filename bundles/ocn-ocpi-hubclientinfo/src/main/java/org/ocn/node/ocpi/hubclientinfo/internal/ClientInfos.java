package org.ocn.node.ocpi.hubclientinfo.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.CredentialsRole;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.parties.Platform;
import org.ocn.node.web.json.OcpiJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** ClientInfo objects: what the node tells its parties about the parties of this node and of the network. */
final class ClientInfos {

    /** Orders a list as the hubclientinfo list shows it: oldest change first. */
    static final Comparator<ClientInfo> OLDEST_FIRST = Comparator.comparing(ClientInfo::lastUpdated)
            .thenComparing(i -> i.party().toString()).thenComparing(ClientInfo::role);

    /**
     * One ClientInfo.
     *
     * @param party       the party
     * @param role        its role
     * @param status      its connection status
     * @param lastUpdated when its status last changed
     */
    record ClientInfo(PartyId party, Role role, ConnectionStatus status, Instant lastUpdated) {

        /** The key of a ClientInfo in a list: one entry per party and role. */
        record Key(PartyId party, Role role) {
        }

        Key key() {
            return new Key(party, role);
        }

        /** @return the OCPI ClientInfo object, fields in the order the reference node writes them */
        ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("party_id", party.partyId());
            o.put("country_code", party.countryCode());
            o.put("role", role.name());
            o.put("status", status.name());
            o.put("last_updated", OcpiJson.dateTime(lastUpdated));
            return o;
        }

        /**
         * Reads an OCPI ClientInfo object.
         *
         * @throws IllegalArgumentException naming the field that is missing or invalid
         */
        static ClientInfo fromJson(JsonNode json) {
            if (json == null || !json.isObject()) {
                throw new IllegalArgumentException("a ClientInfo is a JSON object with party_id, country_code, role, "
                        + "status and last_updated");
            }
            PartyId party = PartyId.of(text(json, "country_code"), text(json, "party_id"));
            Role role = constant(Role.class, json, "role");
            ConnectionStatus status = constant(ConnectionStatus.class, json, "status");
            String lastUpdated = text(json, "last_updated");
            Instant at = OcpiJson.parseDateTime(lastUpdated).orElseThrow(() -> new IllegalArgumentException(
                    "last_updated '" + lastUpdated + "' is not an OCPI DateTime (for example 2026-01-31T12:00:00Z)"));
            return new ClientInfo(party, role, status, at);
        }

        private static String text(JsonNode json, String field) {
            JsonNode value = json.get(field);
            if (value == null || !value.isTextual() || value.asText().isBlank()) {
                throw new IllegalArgumentException(field + " is missing or not a string");
            }
            return value.asText();
        }

        private static <E extends Enum<E>> E constant(Class<E> type, JsonNode json, String field) {
            String value = text(json, field);
            try {
                return Enum.valueOf(type, value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + " '" + value + "' is not one of "
                        + java.util.Arrays.toString(type.getEnumConstants()));
            }
        }
    }

    private ClientInfos() {
    }

    /** @return a ClientInfo for every role of every platform that registered (connected, offline or gone) */
    static List<ClientInfo> of(List<Platform> platforms) {
        List<ClientInfo> infos = new ArrayList<>();
        for (Platform p : platforms) {
            if (p.status() == ConnectionStatus.PLANNED) {
                continue;
            }
            for (CredentialsRole r : p.roles()) {
                infos.add(new ClientInfo(r.party(), r.role(), p.status(), p.updatedAt()));
            }
        }
        infos.sort(OLDEST_FIRST);
        return infos;
    }

    /** The hubclientinfo list without services: {@link #combined(List, List, List)}. */
    static List<ClientInfo> combined(List<Platform> platforms, List<ClientInfo> network) {
        return combined(platforms, List.of(), network);
    }

    /**
     * The hubclientinfo list: the parties that registered here, the services that run (or ran) here, and the parties
     * of the network (reported by other nodes, or planned here), one entry per party and role. A party registered
     * here now, or a service running here, is shown as this node sees it; otherwise the latest news wins (a party
     * that left this node and connected to another shows as the other node reports it).
     *
     * @param platforms the platforms of this node
     * @param services  the ClientInfos of this node's services
     * @param network   the network's ClientInfos this node stores
     * @return the list, oldest change first
     */
    static List<ClientInfo> combined(List<Platform> platforms, List<ClientInfo> services, List<ClientInfo> network) {
        Map<ClientInfo.Key, ClientInfo> byKey = new LinkedHashMap<>();
        of(platforms).forEach(i -> byKey.put(i.key(), i));
        for (ClientInfo service : services) {
            ClientInfo platform = byKey.get(service.key());
            if (platform == null || !isCurrent(platform)) {
                byKey.put(service.key(), service);
            }
        }
        for (ClientInfo remote : network) {
            ClientInfo local = byKey.get(remote.key());
            if (local == null || !isCurrent(local) && remote.lastUpdated().isAfter(local.lastUpdated())) {
                byKey.put(remote.key(), remote);
            }
        }
        List<ClientInfo> all = new ArrayList<>(byKey.values());
        all.sort(OLDEST_FIRST);
        return all;
    }

    /** @return whether this node's entry is the truth about its party: connected (or offline) here now */
    private static boolean isCurrent(ClientInfo local) {
        return local.status() == ConnectionStatus.CONNECTED || local.status() == ConnectionStatus.OFFLINE;
    }

    /** @return the ClientInfos to tell others of for a change of one platform */
    static List<ClientInfo> changes(Platform before, Platform after) {
        List<ClientInfo> changes = new ArrayList<>();
        boolean wasRegistered = before != null && before.isRegistered();
        if (after.isRegistered()) {
            for (CredentialsRole r : after.roles()) {
                boolean known = wasRegistered && before.roles().stream()
                        .anyMatch(b -> b.party().equals(r.party()) && b.role() == r.role());
                if (!known || before.status() != after.status()) {
                    changes.add(new ClientInfo(r.party(), r.role(), after.status(), after.updatedAt()));
                }
            }
            if (wasRegistered) {
                for (CredentialsRole r : before.roles()) {
                    boolean kept = after.roles().stream()
                            .anyMatch(a -> a.party().equals(r.party()) && a.role() == r.role());
                    if (!kept) {
                        changes.add(new ClientInfo(r.party(), r.role(), ConnectionStatus.SUSPENDED, after.updatedAt()));
                    }
                }
            }
        } else if (wasRegistered && after.status() == ConnectionStatus.SUSPENDED) {
            for (CredentialsRole r : before.roles()) {
                changes.add(new ClientInfo(r.party(), r.role(), ConnectionStatus.SUSPENDED, after.updatedAt()));
            }
        }
        return changes;
    }
}
