package org.ocn.node.parties.internal;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.CredentialsRole;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.parties.DirectoryException;
import org.ocn.node.parties.DirectoryException.Reason;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.parties.PartyListener;
import org.ocn.node.parties.Platform;
import org.ocn.node.parties.Registered;
import org.ocn.node.parties.Registration;
import org.ocn.node.parties.TokenMatch;
import org.ocn.node.spi.health.HealthIndicator;
import org.ocn.node.spi.health.HealthState;
import org.ocn.node.store.Store;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The party directory on the node's store. Writes are serialised by one lock and committed before the in-memory
 * index is swapped; reads take the current index without locking.
 */
@Component(name = "ocn.parties", service = {PartyDirectory.class, HealthIndicator.class},
        property = HealthIndicator.NAME + "=parties")
public class StoredPartyDirectory implements PartyDirectory, HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(StoredPartyDirectory.class);
    private static final Duration LAST_SEEN_WRITE_INTERVAL = Duration.ofMinutes(1);

    private final PlatformStore store;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final List<PartyListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile PlatformIndex index;
    /** When each platform last presented its token C; written to the store at most once a minute per platform. */
    private final Map<Long, Instant> lastSeen = new ConcurrentHashMap<>();
    private final Map<Long, Instant> lastSeenStored = new ConcurrentHashMap<>();

    @Activate
    public StoredPartyDirectory(@Reference(target = Store.DATA_SOURCE_TARGET) DataSource dataSource)
            throws SQLException {
        store = new PlatformStore(dataSource);
        index = PlatformIndex.of(store.loadAll());
        lastSeenStored.putAll(store.loadLastSeen());
        lastSeen.putAll(lastSeenStored);
        LOG.info("Party directory: {} platforms, {} parties known", index.byId().size(), index.byParty().size());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(PartyListener listener) {
        listeners.add(listener);
    }

    void removeListener(PartyListener listener) {
        listeners.remove(listener);
    }

    private void notifyListeners(Platform before, Platform after) {
        for (PartyListener listener : listeners) {
            try {
                listener.platformChanged(this, before, after);
            } catch (RuntimeException e) {
                LOG.warn("Party listener {} failed on platform {}: {}", listener, after.id(), e.toString());
            }
        }
    }

    @Override
    public HealthState check() {
        long connected = index.byId().values().stream().filter(r -> r.platform().isRegistered()).count();
        return HealthState.up(connected + " platforms registered");
    }

    @Override
    public String issueRegistrationToken(Collection<PartyId> parties) throws DirectoryException {
        Set<PartyId> named = new LinkedHashSet<>(parties);
        Platform created = null;
        writeLock.lock();
        try {
            for (PartyId party : named) {
                Optional<Platform> holder = registeredHolder(party);
                if (holder.isPresent()) {
                    throw new DirectoryException(Reason.PARTY_CONNECTED,
                            "party " + party + " is already connected to this node");
                }
            }
            String token = TokenHash.newToken();
            String hash = TokenHash.of(token);
            Instant now = Instant.now();
            long id = store.insertPending(hash, named, now);
            Platform pending = new Platform(id, ConnectionStatus.PLANNED, named, List.of(), null, null, List.of(),
                    null, null, now, now);
            index = index.with(new PlatformStore.Row(pending, hash, null));
            LOG.info("Registration token issued for {} (platform {})", named, id);
            created = pending;
            return token;
        } catch (SQLException e) {
            throw new DirectoryException(Reason.STORE, "the registration token could not be stored: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
            if (created != null) {
                notifyListeners(null, created);
            }
        }
    }

    @Override
    public Optional<TokenMatch> findByToken(String token) {
        String hash = TokenHash.of(token);
        PlatformIndex current = index;
        Long id = current.byTokenHash().get(hash);
        if (id == null) {
            return Optional.empty();
        }
        PlatformStore.Row row = current.byId().get(id);
        if (hash.equals(row.tokenAHash())) {
            return Optional.of(new TokenMatch(row.platform(), TokenMatch.Kind.REGISTRATION));
        }
        Instant now = Instant.now();
        if (row.tokenAHash() != null) {
            row = retireTokenA(id, now);
            if (row == null) {
                return Optional.empty(); // re-registered or unregistered meanwhile: this token C is dead
            }
        } else {
            seen(id, now);
        }
        return Optional.of(new TokenMatch(row.platform(), TokenMatch.Kind.ACCESS));
    }

    /**
     * The platform's token C was used for the first time: its registration token dies (until then a party whose
     * answer was lost could register again with it).
     *
     * @return the platform's row as now, or null if that token C is no longer the platform's
     */
    private PlatformStore.Row retireTokenA(long id, Instant now) {
        writeLock.lock();
        try {
            PlatformStore.Row row = index.byId().get(id);
            if (row == null || row.tokenCHash() == null) {
                return null;
            }
            if (row.tokenAHash() == null) {
                return row;
            }
            store.retireTokenA(id, now);
            PlatformStore.Row retired = new PlatformStore.Row(row.platform(), null, row.tokenCHash());
            index = index.with(retired);
            lastSeen.put(id, now);
            lastSeenStored.put(id, now);
            LOG.info("Platform {} used its token C: its registration token is retired", id);
            return retired;
        } catch (SQLException e) {
            // the token C is valid either way; token A is retired on its next use
            LOG.warn("Platform {}: its registration token could not be retired: {}", id, e.toString());
            return index.byId().get(id);
        } finally {
            writeLock.unlock();
        }
    }

    private void seen(long id, Instant now) {
        lastSeen.put(id, now);
        Instant stored = lastSeenStored.get(id);
        if (stored == null || Duration.between(stored, now).compareTo(LAST_SEEN_WRITE_INTERVAL) >= 0) {
            lastSeenStored.put(id, now);
            try {
                store.saveLastSeen(id, now);
            } catch (SQLException e) {
                LOG.debug("Platform {}: last seen not stored: {}", id, e.toString());
            }
        }
    }

    @Override
    public Optional<Instant> lastSeen(long platformId) {
        return Optional.ofNullable(lastSeen.get(platformId));
    }

    @Override
    public Optional<Platform> findByParty(PartyId party) {
        PlatformIndex current = index;
        Long id = current.byParty().get(party);
        return id == null ? Optional.empty() : Optional.of(current.byId().get(id).platform());
    }

    @Override
    public Optional<ConnectionStatus> connectionStatus(PartyId party) {
        return findByParty(party).map(Platform::status);
    }

    @Override
    public Registered register(long platformId, Registration registration) throws DirectoryException {
        Platform before;
        Registered registered;
        writeLock.lock();
        try {
            PlatformStore.Row row = existing(platformId);
            // a registered platform whose token C was never used registers afresh: its answer may have been lost
            boolean pending = row.platform().status() == ConnectionStatus.PLANNED || row.platform().isRegistered();
            if (!pending || row.tokenAHash() == null) {
                throw new DirectoryException(Reason.WRONG_STATE, "the registration token was already used");
            }
            before = row.platform();
            registered = save(row, registration, row.platform().isRegistered()
                    ? "registered again (its first token C was never used)" : "registered");
        } finally {
            writeLock.unlock();
        }
        notifyListeners(before, registered.platform());
        return registered;
    }

    @Override
    public Registered update(long platformId, Registration registration) throws DirectoryException {
        Platform before;
        Registered registered;
        writeLock.lock();
        try {
            PlatformStore.Row row = existing(platformId);
            if (!row.platform().isRegistered()) {
                throw new DirectoryException(Reason.WRONG_STATE, "the platform is not registered");
            }
            before = row.platform();
            registered = save(row, registration, "updated its credentials");
        } finally {
            writeLock.unlock();
        }
        notifyListeners(before, registered.platform());
        return registered;
    }

    private Registered save(PlatformStore.Row row, Registration registration, String what) throws DirectoryException {
        long id = row.platform().id();
        for (CredentialsRole role : registration.credentials().roles()) {
            Optional<Platform> holder = registeredHolder(role.party());
            if (holder.isPresent() && holder.get().id() != id) {
                throw new DirectoryException(Reason.PARTY_CONNECTED,
                        "party " + role.party() + " is already connected to this node through another platform");
            }
        }
        String tokenC = TokenHash.newToken();
        String hash = TokenHash.of(tokenC);
        Instant now = Instant.now();
        try {
            store.saveRegistration(id, registration, hash, now);
        } catch (SQLException e) {
            throw new DirectoryException(Reason.STORE, "the registration could not be stored: " + e.getMessage(), e);
        }
        Platform saved = new Platform(id, ConnectionStatus.CONNECTED, row.platform().admitted(),
                registration.credentials().roles(), registration.credentials().url(), registration.version(),
                registration.endpoints(), registration.tokenEncoding(), registration.credentials().token(),
                row.platform().createdAt(), now);
        PlatformIndex updated = index.with(new PlatformStore.Row(saved, row.tokenAHash(), hash));
        // parties taken over from unregistered platforms no longer belong to those
        List<PlatformStore.Row> rows = new ArrayList<>();
        for (PlatformStore.Row other : updated.byId().values()) {
            Platform p = other.platform();
            if (p.id() != id && p.status() == ConnectionStatus.SUSPENDED
                    && p.roles().stream().anyMatch(r -> saved.hosts(r.party()))) {
                List<CredentialsRole> kept = p.roles().stream().filter(r -> !saved.hosts(r.party())).toList();
                rows.add(new PlatformStore.Row(new Platform(p.id(), p.status(), p.admitted(), kept, p.versionsUrl(),
                        p.version(), p.endpoints(), p.tokenEncoding(), p.tokenB(), p.createdAt(), p.updatedAt()),
                        other.tokenAHash(), other.tokenCHash()));
            } else {
                rows.add(other);
            }
        }
        index = PlatformIndex.of(rows);
        LOG.info("Platform {} {}: {} on OCPI {}", id, what,
                saved.roles().stream().map(r -> r.role() + " " + r.party()).toList(), saved.version());
        return new Registered(saved, tokenC);
    }

    @Override
    public Platform unregister(long platformId) throws DirectoryException {
        Platform before;
        Platform gone;
        writeLock.lock();
        try {
            PlatformStore.Row row = existing(platformId);
            if (row.platform().status() == ConnectionStatus.SUSPENDED) {
                throw new DirectoryException(Reason.WRONG_STATE, "the platform is already unregistered");
            }
            Instant now = Instant.now();
            store.saveUnregistered(platformId, now);
            Platform p = row.platform();
            before = p;
            gone = new Platform(p.id(), ConnectionStatus.SUSPENDED, p.admitted(), p.roles(), p.versionsUrl(),
                    p.version(), List.of(), p.tokenEncoding(), null, p.createdAt(), now);
            index = index.with(new PlatformStore.Row(gone, null, null));
            LOG.info("Platform {} unregistered: {}", platformId, p.roles().stream().map(CredentialsRole::party).toList());
        } catch (SQLException e) {
            throw new DirectoryException(Reason.STORE, "the change could not be stored: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
        notifyListeners(before, gone);
        return gone;
    }

    @Override
    public Platform setStatus(long platformId, ConnectionStatus status) throws DirectoryException {
        if (status != ConnectionStatus.CONNECTED && status != ConnectionStatus.OFFLINE) {
            throw new DirectoryException(Reason.WRONG_STATE, "a registered platform is CONNECTED or OFFLINE, not " + status);
        }
        Platform before;
        Platform changed;
        writeLock.lock();
        try {
            PlatformStore.Row row = existing(platformId);
            Platform p = row.platform();
            if (!p.isRegistered()) {
                throw new DirectoryException(Reason.WRONG_STATE, "the platform is not registered");
            }
            if (p.status() == status) {
                return p;
            }
            Instant now = Instant.now();
            store.saveStatus(platformId, status, now);
            before = p;
            changed = new Platform(p.id(), status, p.admitted(), p.roles(), p.versionsUrl(), p.version(),
                    p.endpoints(), p.tokenEncoding(), p.tokenB(), p.createdAt(), now);
            index = index.with(new PlatformStore.Row(changed, row.tokenAHash(), row.tokenCHash()));
            LOG.info("Platform {} is {}: {}", platformId, status, p.roles().stream().map(CredentialsRole::party).toList());
        } catch (SQLException e) {
            throw new DirectoryException(Reason.STORE, "the change could not be stored: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
        notifyListeners(before, changed);
        return changed;
    }

    @Override
    public List<Platform> platforms() {
        return index.byId().values().stream().map(PlatformStore.Row::platform)
                .sorted(java.util.Comparator.comparingLong(Platform::id)).toList();
    }

    private PlatformStore.Row existing(long platformId) throws DirectoryException {
        PlatformStore.Row row = index.byId().get(platformId);
        if (row == null) {
            throw new DirectoryException(Reason.UNKNOWN_PLATFORM, "no platform " + platformId);
        }
        return row;
    }

    private Optional<Platform> registeredHolder(PartyId party) {
        return findByParty(party).filter(Platform::isRegistered);
    }
}
