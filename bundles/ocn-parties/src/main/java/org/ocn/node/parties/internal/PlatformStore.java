package org.ocn.node.parties.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.ocn.node.api.ocpi.BusinessDetails;
import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.CredentialsRole;
import org.ocn.node.api.ocpi.Endpoint;
import org.ocn.node.api.ocpi.Image;
import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.api.ocpi.TokenEncoding;
import org.ocn.node.api.ocpi.VersionNumber;
import org.ocn.node.parties.Platform;
import org.ocn.node.parties.Registration;
import org.ocn.node.store.SchemaMigrations;

/**
 * The platform tables and their SQL. Each write is one transaction. Callers serialise writes.
 */
final class PlatformStore {

    static final String OWNER = "org.ocn.node.parties";

    /** Append-only: never edit a released step, add one. */
    static final List<String> SCHEMA = List.of(
            "CREATE TABLE OCN_PLATFORM ("
                    + " ID BIGINT NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                    + " STATUS VARCHAR(16) NOT NULL,"
                    + " TOKEN_A_HASH CHAR(64),"
                    + " TOKEN_C_HASH CHAR(64),"
                    + " TOKEN_B VARCHAR(64),"
                    + " TOKEN_ENCODING VARCHAR(8),"
                    + " VERSIONS_URL VARCHAR(2048),"
                    + " OCPI_VERSION VARCHAR(8),"
                    + " CREATED_AT TIMESTAMP NOT NULL,"
                    + " UPDATED_AT TIMESTAMP NOT NULL)",
            "ALTER TABLE OCN_PLATFORM ADD CONSTRAINT OCN_PLATFORM_TOKEN_A UNIQUE (TOKEN_A_HASH)",
            "ALTER TABLE OCN_PLATFORM ADD CONSTRAINT OCN_PLATFORM_TOKEN_C UNIQUE (TOKEN_C_HASH)",
            "CREATE TABLE OCN_PLATFORM_ADMITTED ("
                    + " PLATFORM_ID BIGINT NOT NULL REFERENCES OCN_PLATFORM (ID) ON DELETE CASCADE,"
                    + " COUNTRY_CODE CHAR(2) NOT NULL,"
                    + " PARTY_ID CHAR(3) NOT NULL,"
                    + " PRIMARY KEY (PLATFORM_ID, COUNTRY_CODE, PARTY_ID))",
            "CREATE TABLE OCN_PLATFORM_ROLE ("
                    + " PLATFORM_ID BIGINT NOT NULL REFERENCES OCN_PLATFORM (ID) ON DELETE CASCADE,"
                    + " ROLE VARCHAR(8) NOT NULL,"
                    + " COUNTRY_CODE CHAR(2) NOT NULL,"
                    + " PARTY_ID CHAR(3) NOT NULL,"
                    + " BUSINESS_NAME VARCHAR(100) NOT NULL,"
                    + " BUSINESS_WEBSITE VARCHAR(2048),"
                    + " LOGO_URL VARCHAR(2048),"
                    + " LOGO_THUMBNAIL VARCHAR(2048),"
                    + " LOGO_CATEGORY VARCHAR(32),"
                    + " LOGO_TYPE VARCHAR(16),"
                    + " LOGO_WIDTH INT,"
                    + " LOGO_HEIGHT INT,"
                    + " POSITION INT NOT NULL,"
                    + " PRIMARY KEY (PLATFORM_ID, ROLE, COUNTRY_CODE, PARTY_ID))",
            "CREATE TABLE OCN_PLATFORM_ENDPOINT ("
                    + " PLATFORM_ID BIGINT NOT NULL REFERENCES OCN_PLATFORM (ID) ON DELETE CASCADE,"
                    + " IDENTIFIER VARCHAR(255) NOT NULL,"
                    + " ROLE VARCHAR(8) NOT NULL,"
                    + " URL VARCHAR(2048) NOT NULL,"
                    + " POSITION INT NOT NULL,"
                    + " PRIMARY KEY (PLATFORM_ID, IDENTIFIER, ROLE))",
            "ALTER TABLE OCN_PLATFORM ADD COLUMN LAST_SEEN TIMESTAMP");

    /** A platform with the hashes of its tokens, as loaded. */
    record Row(Platform platform, String tokenAHash, String tokenCHash) {
    }

    private final DataSource dataSource;

    PlatformStore(DataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        SchemaMigrations.apply(dataSource, OWNER, SCHEMA);
    }

    List<Row> loadAll() throws SQLException {
        Map<Long, Row> rows = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            Map<Long, Set<PartyId>> admitted = new LinkedHashMap<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT PLATFORM_ID, COUNTRY_CODE, PARTY_ID FROM OCN_PLATFORM_ADMITTED")) {
                while (rs.next()) {
                    admitted.computeIfAbsent(rs.getLong(1), k -> new HashSet<>())
                            .add(PartyId.of(rs.getString(2), rs.getString(3)));
                }
            }
            Map<Long, List<CredentialsRole>> roles = new LinkedHashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT PLATFORM_ID, ROLE, COUNTRY_CODE, PARTY_ID, BUSINESS_NAME, BUSINESS_WEBSITE, LOGO_URL,"
                            + " LOGO_THUMBNAIL, LOGO_CATEGORY, LOGO_TYPE, LOGO_WIDTH, LOGO_HEIGHT"
                            + " FROM OCN_PLATFORM_ROLE ORDER BY PLATFORM_ID, POSITION")) {
                while (rs.next()) {
                    Image logo = rs.getString(7) == null ? null : new Image(rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getString(10), (Integer) rs.getObject(11), (Integer) rs.getObject(12));
                    roles.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new CredentialsRole(
                            Role.valueOf(rs.getString(2)), new BusinessDetails(rs.getString(5), rs.getString(6), logo),
                            PartyId.of(rs.getString(3), rs.getString(4))));
                }
            }
            Map<Long, List<Endpoint>> endpoints = new LinkedHashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT PLATFORM_ID, IDENTIFIER, ROLE, URL FROM OCN_PLATFORM_ENDPOINT ORDER BY PLATFORM_ID, POSITION")) {
                while (rs.next()) {
                    endpoints.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(
                            new Endpoint(rs.getString(2), InterfaceRole.valueOf(rs.getString(3)), rs.getString(4)));
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT ID, STATUS, TOKEN_A_HASH, TOKEN_C_HASH, TOKEN_B, TOKEN_ENCODING, VERSIONS_URL,"
                            + " OCPI_VERSION, CREATED_AT, UPDATED_AT FROM OCN_PLATFORM ORDER BY ID")) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    Platform p = new Platform(id, ConnectionStatus.valueOf(rs.getString(2)),
                            admitted.getOrDefault(id, Set.of()), roles.getOrDefault(id, List.of()),
                            rs.getString(7),
                            rs.getString(8) == null ? null : VersionNumber.parse(rs.getString(8)).orElse(null),
                            endpoints.getOrDefault(id, List.of()),
                            rs.getString(6) == null ? null : TokenEncoding.valueOf(rs.getString(6)),
                            rs.getString(5), rs.getTimestamp(9).toInstant(), rs.getTimestamp(10).toInstant());
                    rows.put(id, new Row(p, rs.getString(3), rs.getString(4)));
                }
            }
        }
        return new ArrayList<>(rows.values());
    }

    /** @return the id of the new pending platform */
    long insertPending(String tokenAHash, Collection<PartyId> parties, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long id;
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO OCN_PLATFORM (STATUS, TOKEN_A_HASH, CREATED_AT, UPDATED_AT) VALUES (?, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, ConnectionStatus.PLANNED.name());
                    ps.setString(2, tokenAHash);
                    ps.setTimestamp(3, Timestamp.from(now));
                    ps.setTimestamp(4, Timestamp.from(now));
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO OCN_PLATFORM_ADMITTED (PLATFORM_ID, COUNTRY_CODE, PARTY_ID) VALUES (?, ?, ?)")) {
                    for (PartyId p : parties) {
                        ps.setLong(1, id);
                        ps.setString(2, p.countryCode());
                        ps.setString(3, p.partyId());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
                return id;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Stores a registration (or credentials update): the platform's tokens and version, and replaces its roles and
     * endpoints. Roles of the same parties held by unregistered platforms are dropped, so the parties belong to
     * this platform from now on.
     */
    void saveRegistration(long id, Registration registration, String tokenCHash, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                // token A is kept: it dies when token C is first used (retireTokenA), so that a lost answer can be retried
                try (PreparedStatement ps = c.prepareStatement("UPDATE OCN_PLATFORM SET STATUS = ?,"
                        + " TOKEN_C_HASH = ?, TOKEN_B = ?, TOKEN_ENCODING = ?, VERSIONS_URL = ?, OCPI_VERSION = ?,"
                        + " UPDATED_AT = ? WHERE ID = ?")) {
                    ps.setString(1, ConnectionStatus.CONNECTED.name());
                    ps.setString(2, tokenCHash);
                    ps.setString(3, registration.credentials().token());
                    ps.setString(4, registration.tokenEncoding().name());
                    ps.setString(5, registration.credentials().url());
                    ps.setString(6, registration.version().text());
                    ps.setTimestamp(7, Timestamp.from(now));
                    ps.setLong(8, id);
                    if (ps.executeUpdate() != 1) {
                        throw new SQLException("platform " + id + " does not exist");
                    }
                }
                delete(c, "DELETE FROM OCN_PLATFORM_ROLE WHERE PLATFORM_ID = ?", id);
                delete(c, "DELETE FROM OCN_PLATFORM_ENDPOINT WHERE PLATFORM_ID = ?", id);
                try (PreparedStatement drop = c.prepareStatement("DELETE FROM OCN_PLATFORM_ROLE WHERE COUNTRY_CODE = ?"
                        + " AND PARTY_ID = ? AND PLATFORM_ID IN (SELECT ID FROM OCN_PLATFORM WHERE STATUS = ?)");
                     PreparedStatement ps = c.prepareStatement("INSERT INTO OCN_PLATFORM_ROLE (PLATFORM_ID, ROLE,"
                             + " COUNTRY_CODE, PARTY_ID, BUSINESS_NAME, BUSINESS_WEBSITE, LOGO_URL, LOGO_THUMBNAIL,"
                             + " LOGO_CATEGORY, LOGO_TYPE, LOGO_WIDTH, LOGO_HEIGHT, POSITION)"
                             + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    int position = 0;
                    for (CredentialsRole r : registration.credentials().roles()) {
                        drop.setString(1, r.party().countryCode());
                        drop.setString(2, r.party().partyId());
                        drop.setString(3, ConnectionStatus.SUSPENDED.name());
                        drop.executeUpdate();
                        Image logo = r.businessDetails().logo();
                        ps.setLong(1, id);
                        ps.setString(2, r.role().name());
                        ps.setString(3, r.party().countryCode());
                        ps.setString(4, r.party().partyId());
                        ps.setString(5, r.businessDetails().name());
                        ps.setString(6, r.businessDetails().website());
                        ps.setString(7, logo == null ? null : logo.url());
                        ps.setString(8, logo == null ? null : logo.thumbnail());
                        ps.setString(9, logo == null ? null : logo.category());
                        ps.setString(10, logo == null ? null : logo.type());
                        setInt(ps, 11, logo == null ? null : logo.width());
                        setInt(ps, 12, logo == null ? null : logo.height());
                        ps.setInt(13, position++);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO OCN_PLATFORM_ENDPOINT"
                        + " (PLATFORM_ID, IDENTIFIER, ROLE, URL, POSITION) VALUES (?, ?, ?, ?, ?)")) {
                    int position = 0;
                    for (Endpoint e : registration.endpoints()) {
                        ps.setLong(1, id);
                        ps.setString(2, e.identifier());
                        ps.setString(3, e.role().name());
                        ps.setString(4, e.url());
                        ps.setInt(5, position++);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** @return when each platform was last seen, for those seen */
    Map<Long, Instant> loadLastSeen() throws SQLException {
        Map<Long, Instant> seen = new HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ID, LAST_SEEN FROM OCN_PLATFORM WHERE LAST_SEEN IS NOT NULL")) {
            while (rs.next()) {
                seen.put(rs.getLong(1), rs.getTimestamp(2).toInstant());
            }
        }
        return seen;
    }

    void saveLastSeen(long id, Instant seen) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE OCN_PLATFORM SET LAST_SEEN = ? WHERE ID = ?")) {
            ps.setTimestamp(1, Timestamp.from(seen));
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    /** Retires a platform's registration token once its token C was used. */
    void retireTokenA(long id, Instant seen) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE OCN_PLATFORM SET TOKEN_A_HASH = NULL, LAST_SEEN = ? WHERE ID = ?")) {
            ps.setTimestamp(1, Timestamp.from(seen));
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    /** Marks a platform unregistered: tokens and endpoints go, roles stay for the record. */
    void saveUnregistered(long id, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("UPDATE OCN_PLATFORM SET STATUS = ?, TOKEN_A_HASH = NULL,"
                        + " TOKEN_C_HASH = NULL, TOKEN_B = NULL, UPDATED_AT = ? WHERE ID = ?")) {
                    ps.setString(1, ConnectionStatus.SUSPENDED.name());
                    ps.setTimestamp(2, Timestamp.from(now));
                    ps.setLong(3, id);
                    ps.executeUpdate();
                }
                delete(c, "DELETE FROM OCN_PLATFORM_ENDPOINT WHERE PLATFORM_ID = ?", id);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Sets a registered platform's connection status. */
    void saveStatus(long id, ConnectionStatus status, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE OCN_PLATFORM SET STATUS = ?, UPDATED_AT = ? WHERE ID = ?")) {
            ps.setString(1, status.name());
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setLong(3, id);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("platform " + id + " does not exist");
            }
        }
    }

    private static void delete(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    private static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }
}
