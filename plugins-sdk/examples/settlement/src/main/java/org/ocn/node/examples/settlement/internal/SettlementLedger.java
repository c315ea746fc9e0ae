package org.ocn.node.examples.settlement.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;

import javax.sql.DataSource;

import org.ocn.node.api.ocpi.PartyId;

/**
 * The settlement tables in the node's database. Amounts are kept as plain decimal text, exactly as the CDRs carried
 * them (scale included), and added up as {@link BigDecimal}s: no rounding anywhere. Tables:
 * <ul>
 *   <li>{@code STL_PERIOD}: one row, when this plugin first ran in this node's database (the start of the period
 *   the totals cover; updates and restarts keep it);</li>
 *   <li>{@code STL_CDR}: every CDR counted, keyed by CPO and CDR id, so that a CDR sent twice counts once;</li>
 *   <li>{@code STL_TOTAL}: the running totals per CPO, eMSP and currency, which statements read.</li>
 * </ul>
 * Not thread-safe for writes: callers serialise them (the plugin writes from one thread).
 */
final class SettlementLedger {

    private static final String TABLE_EXISTS = "X0Y32";
    private static final String DUPLICATE_KEY = "23505";

    /** Each table and its indexes, created when absent. */
    private static final List<List<String>> TABLES = List.of(
            List.of("CREATE TABLE STL_PERIOD (ID INT NOT NULL PRIMARY KEY, STARTED_AT TIMESTAMP NOT NULL)"),
            List.of("CREATE TABLE STL_CDR ("
                    + " CPO VARCHAR(6) NOT NULL,"
                    + " CDR_ID VARCHAR(39) NOT NULL,"
                    + " EMSP VARCHAR(6) NOT NULL,"
                    + " CURRENCY CHAR(3) NOT NULL,"
                    + " ENERGY_KWH VARCHAR(64) NOT NULL,"
                    + " COST_EXCL_VAT VARCHAR(64) NOT NULL,"
                    + " COST_INCL_VAT VARCHAR(64),"
                    + " COUNTED_AT TIMESTAMP NOT NULL,"
                    + " PRIMARY KEY (CPO, CDR_ID))"),
            List.of("CREATE TABLE STL_TOTAL ("
                            + " CPO VARCHAR(6) NOT NULL,"
                            + " EMSP VARCHAR(6) NOT NULL,"
                            + " CURRENCY CHAR(3) NOT NULL,"
                            + " CDR_COUNT BIGINT NOT NULL,"
                            + " ENERGY_KWH VARCHAR(64) NOT NULL,"
                            + " COST_EXCL_VAT VARCHAR(64) NOT NULL,"
                            + " COST_INCL_VAT VARCHAR(64) NOT NULL,"
                            + " WITHOUT_INCL_VAT BIGINT NOT NULL,"
                            + " FIRST_COUNTED_AT TIMESTAMP NOT NULL,"
                            + " LAST_COUNTED_AT TIMESTAMP NOT NULL,"
                            + " PRIMARY KEY (CPO, EMSP, CURRENCY))",
                    "CREATE INDEX STL_TOTAL_EMSP ON STL_TOTAL (EMSP)"));

    private static final String TOTAL_COLUMNS = "CPO, EMSP, CURRENCY, CDR_COUNT, ENERGY_KWH, COST_EXCL_VAT,"
            + " COST_INCL_VAT, WITHOUT_INCL_VAT, FIRST_COUNTED_AT, LAST_COUNTED_AT";

    private final DataSource dataSource;
    private final Clock clock;
    private volatile Instant periodStart;

    SettlementLedger(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * Creates the tables that are absent and reads (or, on the first run, sets) the start of the period.
     *
     * @return the start of the period
     */
    Instant open() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            for (List<String> table : TABLES) {
                createIfAbsent(c, table);
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT STARTED_AT FROM STL_PERIOD WHERE ID = 1")) {
                if (rs.next()) {
                    periodStart = rs.getTimestamp(1, utc()).toInstant();
                    return periodStart;
                }
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO STL_PERIOD (ID, STARTED_AT) VALUES (1, ?)")) {
                ps.setTimestamp(1, Timestamp.from(now), utc());
                ps.executeUpdate();
            }
            periodStart = now;
            return now;
        }
    }

    /** Creates a table and its indexes in one transaction, unless the table exists. */
    private static void createIfAbsent(Connection c, List<String> statements) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
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

    /** @return the start of the period the totals cover, once {@link #open()} ran */
    Optional<Instant> periodStart() {
        return Optional.ofNullable(periodStart);
    }

    /**
     * Counts a CDR: keeps it and adds it to its pair's totals, in one transaction.
     *
     * @return {@code false} when a CDR with this id from this CPO was counted before (nothing changes)
     */
    boolean record(SettledCdr cdr) throws SQLException {
        return recordAll(List.of(cdr)).get(0);
    }

    /**
     * Counts CDRs in one transaction: under load, one commit (one write of Derby's log to disk) for many CDRs instead
     * of one each. Either all are counted or, on an error, none.
     *
     * @return for each CDR, in order, whether it was counted ({@code false}: a CDR with its id from its CPO was
     *         counted before, or earlier in the list)
     */
    List<Boolean> recordAll(List<SettledCdr> cdrs) throws SQLException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Boolean> counted = new ArrayList<>(cdrs.size());
                for (SettledCdr cdr : cdrs) {
                    // a duplicate key undoes that one statement only; the transaction goes on
                    if (!insertCdr(c, cdr, now)) {
                        counted.add(false);
                        continue;
                    }
                    Optional<PairTotal> before = total(c, cdr.cpo(), cdr.emsp(), cdr.currency());
                    write(c, before.map(t -> t.plus(cdr, now)).orElseGet(() -> PairTotal.first(cdr, now)),
                            before.isPresent());
                    counted.add(true);
                }
                c.commit();
                return counted;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** @return the totals of every pair the party belongs to, as CPO or as eMSP */
    List<PairTotal> totalsOf(PartyId party) throws SQLException {
        List<PairTotal> totals = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + TOTAL_COLUMNS
                     + " FROM STL_TOTAL WHERE CPO = ? OR EMSP = ? ORDER BY CPO, EMSP, CURRENCY")) {
            ps.setString(1, party.toString());
            ps.setString(2, party.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    totals.add(read(rs));
                }
            }
        }
        return totals;
    }

    private static boolean insertCdr(Connection c, SettledCdr cdr, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO STL_CDR (CPO, CDR_ID, EMSP, CURRENCY, ENERGY_KWH,"
                + " COST_EXCL_VAT, COST_INCL_VAT, COUNTED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, cdr.cpo().toString());
            ps.setString(2, cdr.cdrId());
            ps.setString(3, cdr.emsp().toString());
            ps.setString(4, cdr.currency());
            ps.setString(5, cdr.energyKwh().toPlainString());
            ps.setString(6, cdr.costExclVat().toPlainString());
            ps.setString(7, cdr.costInclVat() == null ? null : cdr.costInclVat().toPlainString());
            ps.setTimestamp(8, Timestamp.from(now), utc());
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (DUPLICATE_KEY.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private static Optional<PairTotal> total(Connection c, PartyId cpo, PartyId emsp, String currency)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + TOTAL_COLUMNS
                + " FROM STL_TOTAL WHERE CPO = ? AND EMSP = ? AND CURRENCY = ?")) {
            ps.setString(1, cpo.toString());
            ps.setString(2, emsp.toString());
            ps.setString(3, currency);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** Writes a pair's new totals: a new row for its first CDR, else the row updated. */
    private static void write(Connection c, PairTotal t, boolean exists) throws SQLException {
        String sql = exists
                ? "UPDATE STL_TOTAL SET CDR_COUNT = ?, ENERGY_KWH = ?, COST_EXCL_VAT = ?, COST_INCL_VAT = ?,"
                        + " WITHOUT_INCL_VAT = ?, FIRST_COUNTED_AT = ?, LAST_COUNTED_AT = ?"
                        + " WHERE CPO = ? AND EMSP = ? AND CURRENCY = ?"
                : "INSERT INTO STL_TOTAL (CDR_COUNT, ENERGY_KWH, COST_EXCL_VAT, COST_INCL_VAT, WITHOUT_INCL_VAT,"
                        + " FIRST_COUNTED_AT, LAST_COUNTED_AT, CPO, EMSP, CURRENCY) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, t);
            ps.executeUpdate();
        }
    }

    /** Binds the values first and the key last, the order both statements of {@link #write} use. */
    private static void bind(PreparedStatement ps, PairTotal t) throws SQLException {
        ps.setLong(1, t.cdrCount());
        ps.setString(2, t.energyKwh().toPlainString());
        ps.setString(3, t.costExclVat().toPlainString());
        ps.setString(4, t.costInclVat().toPlainString());
        ps.setLong(5, t.withoutInclVat());
        ps.setTimestamp(6, Timestamp.from(t.firstCountedAt()), utc());
        ps.setTimestamp(7, Timestamp.from(t.lastCountedAt()), utc());
        ps.setString(8, t.cpo().toString());
        ps.setString(9, t.emsp().toString());
        ps.setString(10, t.currency());
    }

    private static PairTotal read(ResultSet rs) throws SQLException {
        return new PairTotal(party(rs.getString(1)), party(rs.getString(2)), rs.getString(3), rs.getLong(4),
                new BigDecimal(rs.getString(5)), new BigDecimal(rs.getString(6)), new BigDecimal(rs.getString(7)),
                rs.getLong(8), rs.getTimestamp(9, utc()).toInstant(), rs.getTimestamp(10, utc()).toInstant());
    }

    /** Timestamps are written and read in UTC, so that they mean the same whatever the JVM's time zone. */
    private static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    }

    private static PartyId party(String text) {
        return PartyId.of(text.substring(0, 2), text.substring(3));
    }
}
