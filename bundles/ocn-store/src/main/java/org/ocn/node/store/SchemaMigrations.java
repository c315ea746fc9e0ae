package org.ocn.node.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

/**
 * Forward-only schema migrations, one list of steps per owner (the bundle that owns the tables). The version an owner
 * has reached is kept in table {@code OCN_SCHEMA_VERSION}; {@link #apply} runs the steps not applied yet, each in its
 * own transaction together with the version update, so a crash leaves the schema at a step boundary.
 *
 * <p>Steps are append-only: once released, a step is never edited or removed; a change is a new step.
 */
public final class SchemaMigrations {

    private static final String TABLE_EXISTS = "X0Y32";

    private SchemaMigrations() {
    }

    /**
     * Brings the owner's tables to the latest version.
     *
     * @param dataSource the database
     * @param owner      a stable name of the owner, for example the bundle's symbolic name
     * @param steps      the SQL statements, in order; step {@code i} takes the schema from version {@code i} to
     *                   {@code i + 1}
     * @return the number of steps applied now
     * @throws SQLException if a step fails (it is rolled back) or the database has a newer version than the steps know
     */
    public static int apply(DataSource dataSource, String owner, List<String> steps) throws SQLException {
        Objects.requireNonNull(owner, "owner");
        try (Connection c = dataSource.getConnection()) {
            createVersionTable(c);
            c.setAutoCommit(false);
            try {
                int version = currentVersion(c, owner);
                if (version > steps.size()) {
                    throw new SQLException("schema of " + owner + " is at version " + version
                            + ", newer than this bundle knows (" + steps.size() + "): downgrade is not supported");
                }
                int applied = 0;
                for (int i = version; i < steps.size(); i++) {
                    try (Statement s = c.createStatement()) {
                        s.execute(steps.get(i));
                    }
                    setVersion(c, owner, i + 1, i == 0 && version == 0);
                    c.commit();
                    applied++;
                }
                return applied;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static void createVersionTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE OCN_SCHEMA_VERSION (OWNER VARCHAR(200) NOT NULL PRIMARY KEY, VERSION INT NOT NULL)");
        } catch (SQLException e) {
            if (!TABLE_EXISTS.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    private static int currentVersion(Connection c, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT VERSION FROM OCN_SCHEMA_VERSION WHERE OWNER = ?")) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static void setVersion(Connection c, String owner, int version, boolean insert) throws SQLException {
        String sql = insert ? "INSERT INTO OCN_SCHEMA_VERSION (VERSION, OWNER) VALUES (?, ?)"
                : "UPDATE OCN_SCHEMA_VERSION SET VERSION = ? WHERE OWNER = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, version);
            ps.setString(2, owner);
            ps.executeUpdate();
        }
    }
}
