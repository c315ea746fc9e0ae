package org.ocn.node.rules.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.ocn.node.api.ocpi.BusinessDetails;
import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.CredentialsRole;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.api.ocpi.TokenEncoding;
import org.ocn.node.api.ocpi.VersionNumber;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.parties.Platform;
import org.ocn.node.parties.Registered;
import org.ocn.node.parties.Registration;
import org.ocn.node.parties.TokenMatch;

/** A party directory holding platforms put in by the test; only the lookups the rules make. */
final class FakeDirectory implements PartyDirectory {

    private final List<Platform> platforms = new ArrayList<>();

    /** Adds a platform with this status hosting these parties (as CPOs) and returns it. */
    Platform add(long id, ConnectionStatus status, PartyId... parties) {
        List<CredentialsRole> roles = new ArrayList<>();
        for (PartyId p : parties) {
            roles.add(new CredentialsRole(Role.CPO, BusinessDetails.named(p.toString()), p));
        }
        Platform p = new Platform(id, status, Set.of(parties), roles, "http://127.0.0.1:9/versions",
                VersionNumber.V2_2_1, List.of(), TokenEncoding.BASE64, "b", Instant.now(), Instant.now());
        platforms.removeIf(x -> x.id() == id);
        platforms.add(p);
        return p;
    }

    @Override
    public Optional<Platform> findByParty(PartyId party) {
        // as the real directory: a registered host wins over one that left
        return platforms.stream().filter(p -> p.hosts(party))
                .sorted((a, b) -> Boolean.compare(b.isRegistered(), a.isRegistered())).findFirst();
    }

    @Override
    public List<Platform> platforms() {
        return List.copyOf(platforms);
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
        throw new UnsupportedOperationException();
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

    @Override
    public Platform setStatus(long platformId, org.ocn.node.api.ocpi.ConnectionStatus status) {
        throw new UnsupportedOperationException();
    }
}
