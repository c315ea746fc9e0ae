package org.ocn.node.admin.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.CredentialsRole;
import org.ocn.node.api.ocpi.Endpoint;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.api.ocpi.VersionNumber;
import org.ocn.node.parties.DirectoryException;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.parties.Platform;

/**
 * The parties of this node as the operator sees them (the admin API's {@code /admin/parties} and the
 * {@code ocn:parties} shell command), and their unregistration by the operator: the way out for a party whose token C
 * was lost, and for a registration token that must not be used any more.
 */
public final class PartyEntries {

    /**
     * One party of one platform.
     *
     * @param party       country code and party id
     * @param roles       the roles the party registered (none while it is planned)
     * @param status      the platform's status
     * @param platformId  the node's id of the platform
     * @param version     the OCPI version agreed, or null before registration
     * @param versionsUrl the platform's versions URL, or null before registration
     * @param endpoints   the platform's endpoints (none before registration or after unregistration)
     * @param lastSeen    when the platform last presented its token C, or null
     * @param updatedAt   when the platform last changed
     */
    public record PartyEntry(PartyId party, List<Role> roles, ConnectionStatus status, long platformId,
                             VersionNumber version, String versionsUrl, List<Endpoint> endpoints, Instant lastSeen,
                             Instant updatedAt) {
    }

    private final PartyDirectory directory;

    public PartyEntries(PartyDirectory directory) {
        this.directory = directory;
    }

    /** @return every party of every platform the node knows, by party then platform */
    public List<PartyEntry> list() {
        List<PartyEntry> entries = new ArrayList<>();
        for (Platform p : directory.platforms()) {
            List<PartyId> parties = p.status() == ConnectionStatus.PLANNED ? List.copyOf(p.admitted())
                    : p.roles().stream().map(CredentialsRole::party).distinct().toList();
            for (PartyId party : parties) {
                entries.add(entry(p, party));
            }
        }
        entries.sort(Comparator.comparing((PartyEntry e) -> e.party().toString()).thenComparingLong(PartyEntry::platformId));
        return entries;
    }

    /** @return the party as its current platform holds it (a registered one first, then a planned one) */
    public Optional<PartyEntry> find(PartyId party) {
        return directory.findByParty(party).map(p -> entry(p, party));
    }

    /**
     * Unregisters the platform holding the party: its tokens die and its parties become {@code SUSPENDED}; a planned
     * one's registration token dies. The operator can then issue a new registration token for the party.
     *
     * @return the party as now held, empty when the node does not know it
     * @throws DirectoryException {@code WRONG_STATE} when the party is unregistered already
     */
    public Optional<PartyEntry> unregister(PartyId party) throws DirectoryException {
        Optional<Platform> holder = directory.findByParty(party);
        if (holder.isEmpty()) {
            return Optional.empty();
        }
        Platform gone = directory.unregister(holder.get().id());
        return Optional.of(entry(gone, party));
    }

    private PartyEntry entry(Platform p, PartyId party) {
        List<Role> roles = p.roles().stream().filter(r -> r.party().equals(party)).map(CredentialsRole::role).toList();
        return new PartyEntry(party, roles, p.status(), p.id(), p.version(), p.versionsUrl(), p.endpoints(),
                directory.lastSeen(p.id()).orElse(null), p.updatedAt());
    }
}
