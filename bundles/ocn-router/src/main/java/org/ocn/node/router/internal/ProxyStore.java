package org.ocn.node.router.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.store.SchemaMigrations;

/**
 * The node's proxies, kept in the store (decisions §14) and answered from memory. Written through: a proxy is
 * committed before its node URL is handed out, so it survives a restart.
 */
final class ProxyStore {

    static final String OWNER = "org.ocn.node.router.proxies";

    /** Append-only: never edit a released step, add one. */
    static final List<String> SCHEMA = List.of(
            "CREATE TABLE OCN_PROXY ("
                    + " ID CHAR(36) NOT NULL PRIMARY KEY,"
                    + " KIND VARCHAR(16) NOT NULL,"
                    + " OWNER_COUNTRY_CODE CHAR(2) NOT NULL,"
                    + " OWNER_PARTY_ID CHAR(3) NOT NULL,"
                    + " USER_COUNTRY_CODE CHAR(2) NOT NULL,"
                    + " USER_PARTY_ID CHAR(3) NOT NULL,"
                    + " TARGET_URL VARCHAR(8192) NOT NULL,"
                    + " CHAIN_ID CHAR(36),"
                    + " CREATED_AT TIMESTAMP NOT NULL,"
                    + " EXPIRES_AT TIMESTAMP NOT NULL)",
            "CREATE INDEX OCN_PROXY_CHAIN ON OCN_PROXY (CHAIN_ID)",
            "CREATE INDEX OCN_PROXY_EXPIRES ON OCN_PROXY (EXPIRES_AT)");

    private final DataSource dataSource;
    private final Map<String, Proxy> byId = new ConcurrentHashMap<>();

    ProxyStore(DataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        SchemaMigrations.apply(dataSource, OWNER, SCHEMA);
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT ID, KIND, OWNER_COUNTRY_CODE, OWNER_PARTY_ID,"
                     + " USER_COUNTRY_CODE, USER_PARTY_ID, TARGET_URL, CHAIN_ID, CREATED_AT, EXPIRES_AT"
                     + " FROM OCN_PROXY WHERE EXPIRES_AT > ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Proxy p = new Proxy(rs.getString(1).trim(), Proxy.Kind.valueOf(rs.getString(2)),
                            PartyId.of(rs.getString(3), rs.getString(4)), PartyId.of(rs.getString(5), rs.getString(6)),
                            rs.getString(7), rs.getString(8) == null ? null : rs.getString(8).trim(),
                            rs.getTimestamp(9).toInstant(), rs.getTimestamp(10).toInstant());
                    byId.put(p.id(), p);
                }
            }
        }
    }

    int size() {
        return byId.size();
    }

    /** Creates and stores a proxy. */
    Proxy create(Proxy.Kind kind, PartyId owner, PartyId user, String targetUrl, String chainId, Instant expiresAt)
            throws SQLException {
        return create(UUID.randomUUID().toString(), kind, owner, user, targetUrl, chainId, expiresAt);
    }

    /** Creates and stores a proxy under an id chosen elsewhere (another node's {@code proxy_uid}). */
    Proxy create(String id, Proxy.Kind kind, PartyId owner, PartyId user, String targetUrl, String chainId,
                 Instant expiresAt) throws SQLException {
        if (byId.containsKey(id)) {
            throw new SQLException("proxy " + id + " exists already");
        }
        Proxy p = new Proxy(id, kind, owner, user, targetUrl, chainId, Instant.now(), expiresAt);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO OCN_PROXY (ID, KIND, OWNER_COUNTRY_CODE,"
                     + " OWNER_PARTY_ID, USER_COUNTRY_CODE, USER_PARTY_ID, TARGET_URL, CHAIN_ID, CREATED_AT, EXPIRES_AT)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, p.id());
            ps.setString(2, kind.name());
            ps.setString(3, owner.countryCode());
            ps.setString(4, owner.partyId());
            ps.setString(5, user.countryCode());
            ps.setString(6, user.partyId());
            ps.setString(7, targetUrl);
            ps.setString(8, chainId);
            ps.setTimestamp(9, Timestamp.from(p.createdAt()));
            ps.setTimestamp(10, Timestamp.from(expiresAt));
            ps.executeUpdate();
        }
        byId.put(p.id(), p);
        return p;
    }

    /** @return the live proxy with this id and kind */
    Optional<Proxy> find(String id, Proxy.Kind kind) {
        Proxy p = byId.get(id);
        if (p == null || p.kind() != kind || p.expired(Instant.now())) {
            return Optional.empty();
        }
        return Optional.of(p);
    }

    /** Makes every proxy of a pagination expire at {@code when} at the latest (its last page was read). */
    void endChain(String chainId, Instant when) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE OCN_PROXY SET EXPIRES_AT = ? WHERE CHAIN_ID = ? AND EXPIRES_AT > ?")) {
            ps.setTimestamp(1, Timestamp.from(when));
            ps.setString(2, chainId);
            ps.setTimestamp(3, Timestamp.from(when));
            ps.executeUpdate();
        }
        byId.replaceAll((id, p) -> chainId.equals(p.chainId()) && p.expiresAt().isAfter(when) ? p.expiringAt(when) : p);
    }

    /** Forgets expired proxies, in memory and in the store. @return how many */
    int removeExpired(Instant now) throws SQLException {
        int removed = 0;
        for (Proxy p : byId.values()) {
            if (p.expired(now) && byId.remove(p.id(), p)) {
                removed++;
            }
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM OCN_PROXY WHERE EXPIRES_AT <= ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.executeUpdate();
        }
        return removed;
    }
}
