package org.ocn.node.ocpi.hubclientinfo.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.CredentialsRole;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.parties.Platform;
import org.ocn.node.web.json.OcpiJson;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** ClientInfo objects: what the node tells its parties about the parties connected to it. */
final class ClientInfos {

    /**
     * One ClientInfo.
     *
     * @param party       the party
     * @param role        its role
     * @param status      its connection status
     * @param lastUpdated when its status last changed
     */
    record ClientInfo(PartyId party, Role role, ConnectionStatus status, Instant lastUpdated) {

        ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("party_id", party.partyId());
            o.put("country_code", party.countryCode());
            o.put("role", role.name());
            o.put("status", status.name());
            o.put("last_updated", OcpiJson.dateTime(lastUpdated));
            return o;
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
        infos.sort(Comparator.comparing(ClientInfo::lastUpdated)
                .thenComparing(i -> i.party().toString()).thenComparing(ClientInfo::role));
        return infos;
    }

    /** @return the ClientInfos to push for a change of one platform */
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
