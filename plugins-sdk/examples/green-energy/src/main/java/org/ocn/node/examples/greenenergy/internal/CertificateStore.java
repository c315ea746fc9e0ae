package org.ocn.node.examples.greenenergy.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;

import javax.sql.DataSource;

import org.ocn.node.api.ocpi.PartyId;

/**
 * The certification tables in the node's database:
 * <ul>
 *   <li>{@code GEC_CERTIFICATE}: every certificate issued, its exact signed JSON and signature, one per CPO and CDR
 *   id;</li>
 *   <li>{@code GEC_PENDING}: CDRs tapped whose certificate is not issued yet (their location's energy mix is being
 *   asked for), so that a plugin update or a node restart does not lose them.</li>
 * </ul>
 * Not thread-safe for writes: callers serialise them (the plugin writes from one thread).
 */
final class CertificateStore {

    /** A CDR waiting for its certificate, and how often its location's mix was asked for in vain. */
    record Pending(CertifiedCdr cdr, int attempts) {
    }

    private static final String TABLE_EXISTS = "X0Y32";
    private static final String DUPLICATE_KEY = "23505";

    private static final List<List<String>> TABLES = List.of(
            List.of("CREATE TABLE GEC_CERTIFICATE ("
                            + " ID VARCHAR(36) NOT NULL PRIMARY KEY,"
                            + " CPO VARCHAR(6) NOT NULL,"
                            + " EMSP VARCHAR(6) NOT NULL,"
                            + " CDR_ID VARCHAR(39) NOT NULL,"
                            + " ISSUED_AT TIMESTAMP NOT NULL,"
                            + " CERTIFICATE VARCHAR(32672) NOT NULL,"
                            + " SIGNATURE VARCHAR(132) NOT NULL,"
                            + " SIGNER VARCHAR(42) NOT NULL,"
                            + " CONSTRAINT GEC_CERTIFICATE_CDR UNIQUE (CPO, CDR_ID))",
                    "CREATE INDEX GEC_CERTIFICATE_EMSP ON GEC_CERTIFICATE (EMSP)"),
            List.of("CREATE TABLE GEC_PENDING ("
                    + " CPO VARCHAR(6) NOT NULL,"
                    + " CDR_ID VARCHAR(39) NOT NULL,"
                    + " EMSP VARCHAR(6) NOT NULL,"
                    + " LOCATION_ID VARCHAR(36) NOT NULL,"
                    + " START_DATE_TIME VARCHAR(40) NOT NULL,"
                    + " END_DATE_TIME VARCHAR(40) NOT NULL,"
                    + " ENERGY_KWH VARCHAR(64) NOT NULL,"
                    + " ATTEMPTS INT NOT NULL,"
                    + " PRIMARY KEY (CPO, CDR_ID))"));

    private static final String CERTIFICATE_COLUMNS = "ID, CPO, EMSP, CDR_ID, ISSUED_AT, CERTIFICATE, SIGNATURE, SIGNER";

    private final DataSource dataSource;

    CertificateStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates the tables that are absent. */
    void open() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            for (List<String> table : TABLES) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    for (String sql : table) {
                        s.execute(sql);
                    }
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    if (!TABLE_EXISTS.equals(e.getSQLState())) {
                        throw e;
                    }
                } finally {
                    c.setAutoCommit(true);
                }
            }
        }
    }

    /**
     * Remembers a CDR to certify.
     *
     * @return {@code false} when this CPO's CDR with this id is certified or waiting already
     */
    boolean addPending(CertifiedCdr cdr) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM GEC_CERTIFICATE WHERE CPO = ? AND CDR_ID = ?")) {
                ps.setString(1, cdr.cpo().toString());
                ps.setString(2, cdr.cdrId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO GEC_PENDING (CPO, CDR_ID, EMSP, LOCATION_ID,"
                    + " START_DATE_TIME, END_DATE_TIME, ENERGY_KWH, ATTEMPTS) VALUES (?, ?, ?, ?, ?, ?, ?, 0)")) {
                ps.setString(1, cdr.cpo().toString());
                ps.setString(2, cdr.cdrId());
                ps.setString(3, cdr.emsp().toString());
                ps.setString(4, cdr.locationId());
                ps.setString(5, cdr.startDateTime());
                ps.setString(6, cdr.endDateTime());
                ps.setString(7, cdr.energyKwh().toPlainString());
                ps.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (DUPLICATE_KEY.equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
        }
    }

    /** @return the CDRs waiting for their certificate, oldest attempts first */
    List<Pending> pending() throws SQLException {
        List<Pending> pending = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT CPO, EMSP, CDR_ID, LOCATION_ID, START_DATE_TIME, END_DATE_TIME,"
                     + " ENERGY_KWH, ATTEMPTS FROM GEC_PENDING ORDER BY ATTEMPTS, CPO, CDR_ID")) {
            while (rs.next()) {
                pending.add(new Pending(new CertifiedCdr(party(rs.getString(1)), party(rs.getString(2)),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        new BigDecimal(rs.getString(7))), rs.getInt(8)));
            }
        }
        return pending;
    }

    /** Counts one more vain attempt to get a pending CDR's energy mix. */
    void attempted(CertifiedCdr cdr) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE GEC_PENDING SET ATTEMPTS = ATTEMPTS + 1 WHERE CPO = ? AND CDR_ID = ?")) {
            ps.setString(1, cdr.cpo().toString());
            ps.setString(2, cdr.cdrId());
            ps.executeUpdate();
        }
    }

    /** Keeps an issued certificate and forgets its pending CDR, in one transaction. */
    void issued(Certificate certificate) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO GEC_CERTIFICATE (" + CERTIFICATE_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, certificate.id());
                    ps.setString(2, certificate.cpo().toString());
                    ps.setString(3, certificate.emsp().toString());
                    ps.setString(4, certificate.cdrId());
                    ps.setTimestamp(5, Timestamp.from(certificate.issuedAt()), utc());
                    ps.setString(6, certificate.json());
                    ps.setString(7, certificate.signature());
                    ps.setString(8, certificate.signer());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM GEC_PENDING WHERE CPO = ? AND CDR_ID = ?")) {
                    ps.setString(1, certificate.cpo().toString());
                    ps.setString(2, certificate.cdrId());
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** @return one page of the certificates of the CDRs a party sent or received, in the order they were issued */
    List<Certificate> certificatesOf(PartyId party, int offset, int limit) throws SQLException {
        List<Certificate> page = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT "
                + CERTIFICATE_COLUMNS + " FROM GEC_CERTIFICATE WHERE CPO = ? OR EMSP = ? ORDER BY ISSUED_AT, ID"
                + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
            ps.setString(1, party.toString());
            ps.setString(2, party.toString());
            ps.setInt(3, offset);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    page.add(read(rs));
                }
            }
        }
        return page;
    }

    /** @return how many certificates a party has (as CPO or as eMSP) */
    int countOf(PartyId party) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM GEC_CERTIFICATE WHERE CPO = ? OR EMSP = ?")) {
            ps.setString(1, party.toString());
            ps.setString(2, party.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** @return the certificate with this id */
    Optional<Certificate> find(String id) throws SQLException {
        if (id.length() > 36) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + CERTIFICATE_COLUMNS + " FROM GEC_CERTIFICATE WHERE ID = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static Certificate read(ResultSet rs) throws SQLException {
        return new Certificate(rs.getString(1), party(rs.getString(2)), party(rs.getString(3)), rs.getString(4),
                rs.getTimestamp(5, utc()).toInstant(), rs.getString(6), rs.getString(7), rs.getString(8));
    }

    /** Timestamps are written and read in UTC, so that they mean the same whatever the JVM's time zone. */
    private static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    }

    private static PartyId party(String text) {
        return PartyId.of(text.substring(0, 2), text.substring(3));
    }
}
