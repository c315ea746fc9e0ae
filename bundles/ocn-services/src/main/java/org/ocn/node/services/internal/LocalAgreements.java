package org.ocn.node.services.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import javax.sql.DataSource;

import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.store.SchemaMigrations;
import org.ocn.node.store.Store;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The agreements between parties of this node and services, made through the admin API in local mode (on a network
 * they are made on the Permissions contract): table {@code OCN_SERVICE_AGREEMENT}, migrated with
 * {@link SchemaMigrations}, read from memory. Writes are serialised and committed before the call returns.
 */
@Component(name = "ocn.services.agreements", service = LocalAgreements.class)
public class LocalAgreements {

    static final String OWNER = "org.ocn.node.services";

    /** Append-only: never edit a released step, add one. */
    static final List<String> SCHEMA = List.of(
            "CREATE TABLE OCN_SERVICE_AGREEMENT ("
                    + " USER_COUNTRY_CODE CHAR(2) NOT NULL,"
                    + " USER_PARTY_ID CHAR(3) NOT NULL,"
                    + " SERVICE_COUNTRY_CODE CHAR(2) NOT NULL,"
                    + " SERVICE_PARTY_ID CHAR(3) NOT NULL,"
                    + " CREATED TIMESTAMP NOT NULL,"
                    + " PRIMARY KEY (USER_COUNTRY_CODE, USER_PARTY_ID, SERVICE_COUNTRY_CODE, SERVICE_PARTY_ID))");

    /**
     * An agreement.
     *
     * @param user    the party that agreed
     * @param service the service's OCPI identity
     * @param created when it was made
     */
    record Agreement(PartyId user, PartyId service, Instant created) {
    }

    private static final Comparator<Agreement> ORDER = Comparator.comparing(Agreement::created)
            .thenComparing(a -> a.user().toString()).thenComparing(a -> a.service().toString());

    private final DataSource dataSource;
    private volatile List<Agreement> agreements;

    @Activate
    public LocalAgreements(@Reference(target = Store.DATA_SOURCE_TARGET) DataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        SchemaMigrations.apply(dataSource, OWNER, SCHEMA);
        agreements = load();
    }

    /** @return every agreement, oldest first */
    List<Agreement> all() {
        return agreements;
    }

    /** @return the services the party agreed to, oldest agreement first */
    List<PartyId> servicesOf(PartyId user) {
        List<Agreement> current = agreements;
        if (current.isEmpty()) {
            return List.of(); // asked for every routed request: no stream when there is nothing to find
        }
        return current.stream().filter(a -> a.user().equals(user)).map(Agreement::service).toList();
    }

    /**
     * Makes an agreement.
     *
     * @return it, or {@code null} when the party had agreed to that service already
     */
    synchronized Agreement add(PartyId user, PartyId service) throws SQLException {
        if (agreements.stream().anyMatch(a -> a.user().equals(user) && a.service().equals(service))) {
            return null;
        }
        // the database keeps milliseconds: what is returned is what a restart reads back
        Agreement agreement = new Agreement(user, service, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO OCN_SERVICE_AGREEMENT (USER_COUNTRY_CODE, USER_PARTY_ID, SERVICE_COUNTRY_CODE,"
                        + " SERVICE_PARTY_ID, CREATED) VALUES (?, ?, ?, ?, ?)")) {
            setParties(ps, user, service);
            ps.setTimestamp(5, Timestamp.from(agreement.created()));
            ps.executeUpdate();
        }
        List<Agreement> next = new ArrayList<>(agreements);
        next.add(agreement);
        next.sort(ORDER);
        agreements = List.copyOf(next);
        return agreement;
    }

    /** Ends an agreement; returns whether there was one. */
    synchronized boolean remove(PartyId user, PartyId service) throws SQLException {
        int deleted;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM OCN_SERVICE_AGREEMENT WHERE USER_COUNTRY_CODE = ? AND USER_PARTY_ID = ?"
                        + " AND SERVICE_COUNTRY_CODE = ? AND SERVICE_PARTY_ID = ?")) {
            setParties(ps, user, service);
            deleted = ps.executeUpdate();
        }
        agreements = agreements.stream().filter(a -> !(a.user().equals(user) && a.service().equals(service))).toList();
        return deleted > 0;
    }

    private List<Agreement> load() throws SQLException {
        List<Agreement> loaded = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT USER_COUNTRY_CODE, USER_PARTY_ID, SERVICE_COUNTRY_CODE,"
                     + " SERVICE_PARTY_ID, CREATED FROM OCN_SERVICE_AGREEMENT")) {
            while (rs.next()) {
                loaded.add(new Agreement(PartyId.of(rs.getString(1), rs.getString(2)),
                        PartyId.of(rs.getString(3), rs.getString(4)), rs.getTimestamp(5).toInstant()));
            }
        }
        loaded.sort(ORDER);
        return List.copyOf(loaded);
    }

    private static void setParties(PreparedStatement ps, PartyId user, PartyId service) throws SQLException {
        ps.setString(1, user.countryCode());
        ps.setString(2, user.partyId());
        ps.setString(3, service.countryCode());
        ps.setString(4, service.partyId());
    }
}
