package org.ocn.node.rules.internal;

import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.ocn.node.store.Store;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every platform's rules, by platform id: kept in the store (the truth, which survives restarts) and read from
 * memory. Writes are serialised by one lock and committed before memory changes, so a reader never sees rules that
 * were not stored. Shared by the components of this bundle only (its service type is private).
 */
@Component(name = "ocn.rules.book", service = RulesBook.class)
public class RulesBook {

    private static final Logger LOG = LoggerFactory.getLogger(RulesBook.class);

    /** A change of one platform's rules, which may refuse to happen. */
    @FunctionalInterface
    interface Change {
        PlatformRules apply(PlatformRules current) throws RulesViolation;
    }

    private final RulesStore store;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Map<Long, PlatformRules> byPlatform = new ConcurrentHashMap<>();

    @Activate
    public RulesBook(@Reference(target = Store.DATA_SOURCE_TARGET) DataSource dataSource) throws SQLException {
        store = new RulesStore(dataSource);
        byPlatform.putAll(store.loadAll());
        LOG.info("OcnRules: {} platforms with rules", byPlatform.size());
    }

    /** @return the platform's rules ({@link PlatformRules#NONE} when it never set any) */
    PlatformRules rules(long platformId) {
        return byPlatform.getOrDefault(platformId, PlatformRules.NONE);
    }

    /** @return how many platforms have rules of their own */
    int size() {
        return byPlatform.size();
    }

    /**
     * Changes a platform's rules and stores them before returning.
     *
     * @return the new rules
     * @throws RulesViolation if the change refuses (nothing changed)
     * @throws SQLException   if they could not be stored (nothing changed)
     */
    PlatformRules change(long platformId, Change change) throws RulesViolation, SQLException {
        writeLock.lock();
        try {
            PlatformRules changed = change.apply(rules(platformId));
            store.save(platformId, changed);
            if (changed.isDefault()) {
                byPlatform.remove(platformId);
            } else {
                byPlatform.put(platformId, changed);
            }
            return changed;
        } finally {
            writeLock.unlock();
        }
    }

    /** Forgets a platform's rules (it unregistered: a new registration is a new platform). */
    void drop(long platformId) throws SQLException {
        writeLock.lock();
        try {
            if (byPlatform.containsKey(platformId)) {
                store.delete(platformId);
                byPlatform.remove(platformId);
                LOG.info("OcnRules of platform {} dropped: it unregistered", platformId);
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Forgets the rules of every platform but these (those that unregistered while the bundle was not running). */
    void keepOnly(Collection<Long> registeredPlatforms) throws SQLException {
        for (Long id : new HashSet<>(byPlatform.keySet())) {
            if (!registeredPlatforms.contains(id)) {
                drop(id);
            }
        }
    }
}
