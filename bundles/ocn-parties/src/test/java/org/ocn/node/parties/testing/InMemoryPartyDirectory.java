package org.ocn.node.parties.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.ocn.node.api.ocpi.BusinessDetails;
import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.CredentialsRole;
import org.ocn.node.api.ocpi.Endpoint;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.api.ocpi.TokenEncoding;
import org.ocn.node.api.ocpi.VersionNumber;
import org.ocn.node.parties.DirectoryException;
import org.ocn.node.parties.DirectoryException.Reason;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.parties.Platform;
import org.ocn.node.parties.Registered;
import org.ocn.node.parties.Registration;
import org.ocn.node.parties.TokenMatch;

/**
 * The party directory in memory, for the unit tests of the bundles that read it: the whole contract of
 * {@link PartyDirectory} (tokens, registration, update, unregistration, status changes, with the same errors as the
 * stored directory), plus platforms put in as given ({@link #with}), so that a test can start from any state with
 * the timestamps it needs. Shared through this bundle's test jar.
 */
public final class InMemoryPartyDirectory implements PartyDirectory {

    private final Map<Long, Platform> platforms = new TreeMap<>();
    private final Map<String, Long> registrationTokens = new HashMap<>();
    private final Map<String, Long> accessTokens = new HashMap<>();
    private final Map<Long, Instant> lastSeen = new HashMap<>();
    private final List<String> statusChanges = new ArrayList<>();
    private long nextId = 1;

    /** A platform hosting one party ("CC/PID") in one role; {@code PLANNED}: no roles yet, the party admitted. */
    public static Platform platform(long id, ConnectionStatus status, String party, Role role, String versionsUrl,
                                    Instant updatedAt, Endpoint... endpoints) {
        PartyId p = PartyId.of(party.split("/")[0], party.split("/")[1]);
        return new Platform(id, status, Set.of(p), status == ConnectionStatus.PLANNED ? List.of()
                : List.of(new CredentialsRole(role, BusinessDetails.named(party), p)), versionsUrl, VersionNumber.V2_2_1,
                List.of(endpoints), TokenEncoding.BASE64, "token-b-" + id, Instant.EPOCH, updatedAt);
    }

    /** A platform hosting these parties as CPOs, changed now. */
    public static Platform platform(long id, ConnectionStatus status, PartyId... parties) {
        List<CredentialsRole> roles = new ArrayList<>();
        for (PartyId p : parties) {
            roles.add(new CredentialsRole(Role.CPO, BusinessDetails.named(p.toString()), p));
        }
        return new Platform(id, status, Set.of(parties), roles, "http://127.0.0.1:9/versions", VersionNumber.V2_2_1,
                List.of(), TokenEncoding.BASE64, "token-b-" + id, Instant.now(), Instant.now());
    }

    /** Puts platforms in as given (replacing those with the same id); they have no tokens. */
    public synchronized InMemoryPartyDirectory with(Platform... given) {
        for (Platform p : given) {
            platforms.put(p.id(), p);
            nextId = Math.max(nextId, p.id() + 1);
        }
        return this;
    }

    /** @return the status changes made through {@link #setStatus}, as "id STATUS", in order */
    public synchronized List<String> statusChanges() {
        return List.copyOf(statusChanges);
    }

    @Override
    public synchronized String issueRegistrationToken(Collection<PartyId> parties) throws DirectoryException {
        for (PartyId party : parties) {
            if (connectedHost(party, -1).isPresent()) {
                throw new DirectoryException(Reason.PARTY_CONNECTED, party + " is connected");
            }
        }
        long id = nextId++;
        Instant now = Instant.now();
        platforms.put(id, new Platform(id, ConnectionStatus.PLANNED, Set.copyOf(parties), List.of(), null, null,
                List.of(), TokenEncoding.BASE64, null, now, now));
        String token = UUID.randomUUID().toString();
        registrationTokens.put(token, id);
        return token;
    }

    @Override
    public synchronized Optional<TokenMatch> findByToken(String token) {
        Long registering = registrationTokens.get(token);
        if (registering != null) {
            return Optional.of(new TokenMatch(platforms.get(registering), TokenMatch.Kind.REGISTRATION));
        }
        Long id = accessTokens.get(token);
        if (id == null) {
            return Optional.empty();
        }
        registrationTokens.values().remove(id); // the first use of token C retires token A
        lastSeen.put(id, Instant.now());
        return Optional.of(new TokenMatch(platforms.get(id), TokenMatch.Kind.ACCESS));
    }

    @Override
    public synchronized Optional<Instant> lastSeen(long platformId) {
        return Optional.ofNullable(lastSeen.get(platformId));
    }

    @Override
    public synchronized Optional<Platform> findByParty(PartyId party) {
        // a registered host wins over one that left or one still planned
        return platforms.values().stream().filter(p -> p.hosts(party) || p.admitted().contains(party))
                .sorted(Comparator.comparing((Platform p) -> !p.isRegistered())).findFirst();
    }

    @Override
    public synchronized Optional<ConnectionStatus> connectionStatus(PartyId party) {
        return findByParty(party).map(Platform::status);
    }

    @Override
    public synchronized Registered register(long platformId, Registration registration) throws DirectoryException {
        Platform p = existing(platformId);
        if (!registrationTokens.containsValue(platformId)) {
            throw new DirectoryException(Reason.WRONG_STATE, "platform " + platformId + " registered already");
        }
        return store(p, registration); // token A lives on until token C is used

    }

    @Override
    public synchronized Registered update(long platformId, Registration registration) throws DirectoryException {
        Platform p = existing(platformId);
        if (!p.isRegistered()) {
            throw new DirectoryException(Reason.WRONG_STATE, "platform " + platformId + " is not registered");
        }
        return store(p, registration);
    }

    @Override
    public synchronized Platform unregister(long platformId) throws DirectoryException {
        Platform p = existing(platformId);
        if (p.status() == ConnectionStatus.SUSPENDED) {
            throw new DirectoryException(Reason.WRONG_STATE, "platform " + platformId + " is already unregistered");
        }
        accessTokens.values().remove(platformId);
        registrationTokens.values().remove(platformId);
        return put(p, ConnectionStatus.SUSPENDED);
    }

    @Override
    public synchronized Platform setStatus(long platformId, ConnectionStatus status) throws DirectoryException {
        Platform changed = put(existing(platformId), status);
        statusChanges.add(platformId + " " + status);
        return changed;
    }

    @Override
    public synchronized List<Platform> platforms() {
        return List.copyOf(platforms.values());
    }

    private Registered store(Platform p, Registration registration) throws DirectoryException {
        for (CredentialsRole role : registration.credentials().roles()) {
            if (connectedHost(role.party(), p.id()).isPresent()) {
                throw new DirectoryException(Reason.PARTY_CONNECTED, role.party() + " is connected through another platform");
            }
        }
        Platform registered = new Platform(p.id(), ConnectionStatus.CONNECTED, p.admitted(),
                registration.credentials().roles(), registration.credentials().url(), registration.version(),
                registration.endpoints(), registration.tokenEncoding(), registration.credentials().token(),
                p.createdAt(), Instant.now());
        platforms.put(p.id(), registered);
        accessTokens.values().remove(p.id());
        String tokenC = UUID.randomUUID().toString();
        accessTokens.put(tokenC, p.id());
        return new Registered(registered, tokenC);
    }

    private Platform put(Platform p, ConnectionStatus status) {
        Platform changed = new Platform(p.id(), status, p.admitted(), p.roles(), p.versionsUrl(), p.version(),
                p.endpoints(), p.tokenEncoding(), p.tokenB(), p.createdAt(), Instant.now());
        platforms.put(p.id(), changed);
        return changed;
    }

    private Optional<Platform> connectedHost(PartyId party, long except) {
        return platforms.values().stream().filter(p -> p.id() != except && p.isRegistered() && p.hosts(party))
                .findFirst();
    }

    private Platform existing(long platformId) throws DirectoryException {
        Platform p = platforms.get(platformId);
        if (p == null) {
            throw new DirectoryException(Reason.UNKNOWN_PLATFORM, "no platform " + platformId);
        }
        return p;
    }
}
