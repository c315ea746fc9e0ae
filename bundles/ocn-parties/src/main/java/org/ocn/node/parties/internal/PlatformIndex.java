package org.ocn.node.parties.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.CredentialsRole;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.parties.Platform;

/**
 * An immutable view of all platforms, by id, by the hash of each live token (A and C) and by party; the directory
 * replaces it as a whole on every change, so that lookups read it without a lock.
 */
record PlatformIndex(Map<Long, PlatformStore.Row> byId, Map<String, Long> byTokenHash, Map<PartyId, Long> byParty) {

    static PlatformIndex of(Collection<PlatformStore.Row> rows) {
        Map<Long, PlatformStore.Row> byId = new HashMap<>();
        Map<String, Long> byToken = new HashMap<>();
        Map<PartyId, Long> byParty = new HashMap<>();
        for (PlatformStore.Row row : rows) {
            Platform p = row.platform();
            byId.put(p.id(), row);
            if (row.tokenAHash() != null) {
                byToken.put(row.tokenAHash(), p.id());
            }
            if (row.tokenCHash() != null) {
                byToken.put(row.tokenCHash(), p.id());
            }
        }
        // parties: registered platforms win over pending ones, which win over unregistered ones
        for (ConnectionStatus status : List.of(ConnectionStatus.SUSPENDED, ConnectionStatus.PLANNED,
                ConnectionStatus.OFFLINE, ConnectionStatus.CONNECTED)) {
            for (PlatformStore.Row row : rows) {
                Platform p = row.platform();
                if (p.status() == status) {
                    Collection<PartyId> parties = status == ConnectionStatus.PLANNED ? p.admitted()
                            : p.roles().stream().map(CredentialsRole::party).toList();
                    parties.forEach(party -> byParty.put(party, p.id()));
                }
            }
        }
        return new PlatformIndex(Map.copyOf(byId), Map.copyOf(byToken), Map.copyOf(byParty));
    }

    PlatformIndex with(PlatformStore.Row changed) {
        Map<Long, PlatformStore.Row> rows = new HashMap<>(byId);
        rows.put(changed.platform().id(), changed);
        return of(rows.values());
    }
}
