package org.ocn.node.rules.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.store.SchemaMigrations;

/**
 * The rules tables and their SQL: one row per platform that changed its rules (keyed by the party directory's
 * platform id), its entries and their modules. Each write is one transaction. Callers serialise writes.
 */
final class RulesStore {

    static final String OWNER = "org.ocn.node.rules";

    /** Append-only: never edit a released step, add one. */
    static final List<String> SCHEMA = List.of(
            "CREATE TABLE OCN_RULES ("
                    + " PLATFORM_ID BIGINT NOT NULL PRIMARY KEY,"
                    + " SIGNATURES BOOLEAN NOT NULL,"
                    + " ACTIVE_LIST VARCHAR(16))",
            "CREATE TABLE OCN_RULES_ENTRY ("
                    + " PLATFORM_ID BIGINT NOT NULL REFERENCES OCN_RULES (PLATFORM_ID) ON DELETE CASCADE,"
                    + " COUNTRY_CODE CHAR(2) NOT NULL,"
                    + " PARTY_ID CHAR(3) NOT NULL,"
                    + " POSITION INT NOT NULL,"
                    + " PRIMARY KEY (PLATFORM_ID, COUNTRY_CODE, PARTY_ID))",
            "CREATE TABLE OCN_RULES_MODULE ("
                    + " PLATFORM_ID BIGINT NOT NULL,"
                    + " COUNTRY_CODE CHAR(2) NOT NULL,"
                    + " PARTY_ID CHAR(3) NOT NULL,"
                    + " MODULE VARCHAR(64) NOT NULL,"
                    + " POSITION INT NOT NULL,"
                    + " PRIMARY KEY (PLATFORM_ID, COUNTRY_CODE, PARTY_ID, POSITION),"
                    + " FOREIGN KEY (PLATFORM_ID, COUNTRY_CODE, PARTY_ID)"
                    + " REFERENCES OCN_RULES_ENTRY (PLATFORM_ID, COUNTRY_CODE, PARTY_ID) ON DELETE CASCADE)");

    private final DataSource dataSource;

    RulesStore(DataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        SchemaMigrations.apply(dataSource, OWNER, SCHEMA);
    }

    /** @return the stored rules by platform id */
    Map<Long, PlatformRules> loadAll() throws SQLException {
        Map<Long, PlatformRules> all = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            Map<String, List<String>> modules = new LinkedHashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT PLATFORM_ID, COUNTRY_CODE,"
                    + " PARTY_ID, MODULE FROM OCN_RULES_MODULE ORDER BY PLATFORM_ID, COUNTRY_CODE, PARTY_ID, POSITION")) {
                while (rs.next()) {
                    modules.computeIfAbsent(entryKey(rs.getLong(1), rs.getString(2), rs.getString(3)),
                            k -> new ArrayList<>()).add(rs.getString(4));
                }
            }
            Map<Long, List<RuleEntry>> entries = new LinkedHashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT PLATFORM_ID, COUNTRY_CODE,"
                    + " PARTY_ID FROM OCN_RULES_ENTRY ORDER BY PLATFORM_ID, POSITION")) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    entries.computeIfAbsent(id, k -> new ArrayList<>()).add(new RuleEntry(
                            PartyId.of(rs.getString(2), rs.getString(3)),
                            modules.getOrDefault(entryKey(id, rs.getString(2), rs.getString(3)), List.of())));
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT PLATFORM_ID, SIGNATURES, ACTIVE_LIST FROM OCN_RULES ORDER BY PLATFORM_ID")) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    String active = rs.getString(3);
                    all.put(id, new PlatformRules(rs.getBoolean(2), active == null ? null : RuleList.valueOf(active),
                            entries.getOrDefault(id, List.of())));
                }
            }
        }
        return all;
    }

    /** Replaces a platform's rules; default rules are not stored (no row means no rules). */
    void save(long platformId, PlatformRules rules) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                delete(c, platformId);
                if (!rules.isDefault()) {
                    insert(c, platformId, rules);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Forgets a platform's rules. */
    void delete(long platformId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            delete(c, platformId);
        }
    }

    private static void delete(Connection c, long platformId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM OCN_RULES WHERE PLATFORM_ID = ?")) {
            ps.setLong(1, platformId);
            ps.executeUpdate();
        }
    }

    private static void insert(Connection c, long platformId, PlatformRules rules) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO OCN_RULES (PLATFORM_ID, SIGNATURES, ACTIVE_LIST) VALUES (?, ?, ?)")) {
            ps.setLong(1, platformId);
            ps.setBoolean(2, rules.signatures());
            ps.setString(3, rules.active() == null ? null : rules.active().name());
            ps.executeUpdate();
        }
        try (PreparedStatement entry = c.prepareStatement("INSERT INTO OCN_RULES_ENTRY"
                + " (PLATFORM_ID, COUNTRY_CODE, PARTY_ID, POSITION) VALUES (?, ?, ?, ?)");
             PreparedStatement module = c.prepareStatement("INSERT INTO OCN_RULES_MODULE"
                     + " (PLATFORM_ID, COUNTRY_CODE, PARTY_ID, MODULE, POSITION) VALUES (?, ?, ?, ?, ?)")) {
            int position = 0;
            for (RuleEntry e : rules.entries()) {
                entry.setLong(1, platformId);
                entry.setString(2, e.party().countryCode());
                entry.setString(3, e.party().partyId());
                entry.setInt(4, position++);
                entry.addBatch();
                int modulePosition = 0;
                for (String m : e.modules()) {
                    module.setLong(1, platformId);
                    module.setString(2, e.party().countryCode());
                    module.setString(3, e.party().partyId());
                    module.setString(4, m);
                    module.setInt(5, modulePosition++);
                    module.addBatch();
                }
            }
            // entries first: the modules refer to them
            entry.executeBatch();
            module.executeBatch();
        }
    }

    private static String entryKey(long platformId, String countryCode, String partyId) {
        return platformId + "/" + countryCode + "/" + partyId;
    }
}
