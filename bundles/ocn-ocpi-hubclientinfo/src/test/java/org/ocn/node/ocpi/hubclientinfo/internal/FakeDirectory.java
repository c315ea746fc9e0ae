package org.ocn.node.ocpi.hubclientinfo.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.ocn.node.api.ocpi.BusinessDetails;
import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.CredentialsRole;
import org.ocn.node.api.ocpi.Endpoint;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.api.ocpi.TokenEncoding;
import org.ocn.node.api.ocpi.VersionNumber;
import org.ocn.node.parties.DirectoryException;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.parties.Platform;
import org.ocn.node.parties.Registered;
import org.ocn.node.parties.Registration;
import org.ocn.node.parties.TokenMatch;

/** A party directory in memory for the tests: platforms as given, status changes recorded. */
final class FakeDirectory implements PartyDirectory {

    final List<Platform> platforms = new ArrayList<>();
    final List<String> statusChanges = new ArrayList<>();

    /** A platform hosting one party in one role. */
    static Platform platform(long id, ConnectionStatus status, String party, Role role, String versionsUrl,
                             Instant updatedAt, Endpoint... endpoints) {
        PartyId p = PartyId.of(party.split("/")[0], party.split("/")[1]);
        return new Platform(id, status, Set.of(p), status == ConnectionStatus.PLANNED ? List.of()
                : List.of(new CredentialsRole(role, BusinessDetails.named(party), p)), versionsUrl, VersionNumber.V2_2_1,
                List.of(endpoints), TokenEncoding.BASE64, "token-b-" + id, Instant.EPOCH, updatedAt);
    }

    FakeDirectory with(Platform... added) {
        platforms.addAll(List.of(added));
        return this;
    }

    @Override
    public synchronized List<Platform> platforms() {
        return List.copyOf(platforms);
    }

    @Override
    public synchronized Platform setStatus(long platformId, ConnectionStatus status) throws DirectoryException {
        for (int i = 0; i < platforms.size(); i++) {
            Platform p = platforms.get(i);
            if (p.id() == platformId) {
                Platform changed = new Platform(p.id(), status, p.admitted(), p.roles(), p.versionsUrl(), p.version(),
                        p.endpoints(), p.tokenEncoding(), p.tokenB(), p.createdAt(), Instant.now());
                platforms.set(i, changed);
                statusChanges.add(platformId + " " + status);
                return changed;
            }
        }
        throw new DirectoryException(DirectoryException.Reason.UNKNOWN_PLATFORM, "no platform " + platformId);
    }

    synchronized List<String> statusChanges() {
        return List.copyOf(statusChanges);
    }

    @Override
    public synchronized Optional<Platform> findByParty(PartyId party) {
        return platforms.stream().filter(p -> p.hosts(party) || p.admitted().contains(party)).findFirst();
    }

    @Override
    public String issueRegistrationToken(Collection<PartyId> parties) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<TokenMatch> findByToken(String token) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<ConnectionStatus> connectionStatus(PartyId party) {
        return findByParty(party).map(Platform::status);
    }

    @Override
    public Registered register(long platformId, Registration registration) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Registered update(long platformId, Registration registration) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Platform unregister(long platformId) {
        throw new UnsupportedOperationException();
    }
}
