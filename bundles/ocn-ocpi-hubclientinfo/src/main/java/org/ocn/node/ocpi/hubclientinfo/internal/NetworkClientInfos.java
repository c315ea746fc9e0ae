package org.ocn.node.ocpi.hubclientinfo.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.ocpi.hubclientinfo.internal.ClientInfos.ClientInfo;
import org.ocn.node.store.SchemaMigrations;
import org.ocn.node.store.Store;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The ClientInfos of parties that are not connected to this node: those other nodes reported
 * ({@code PUT /ocn/client-info}) and those listed with this node in the registry but not connected yet (PLANNED, found
 * by the planned-party search). One entry per party and role, with the operator address of the node that reported it,
 * in table {@code OCN_NETWORK_CLIENT_INFO}; reads are answered from memory. Writes are serialised and committed
 * before the call returns.
 */
@Component(name = "ocn.ocpi.hubclientinfo.network", service = NetworkClientInfos.class)
public class NetworkClientInfos {

    static final String OWNER = "org.ocn.node.ocpi.hubclientinfo";

    /** Append-only: never edit a released step, add one. */
    static final List<String> SCHEMA = List.of(
            "CREATE TABLE OCN_NETWORK_CLIENT_INFO ("
                    + " COUNTRY_CODE CHAR(2) NOT NULL,"
                    + " PARTY_ID CHAR(3) NOT NULL,"
                    + " ROLE VARCHAR(8) NOT NULL,"
                    + " STATUS VARCHAR(16) NOT NULL,"
                    + " LAST_UPDATED TIMESTAMP NOT NULL,"
                    + " REPORTED_BY VARCHAR(42) NOT NULL,"
                    + " PRIMARY KEY (COUNTRY_CODE, PARTY_ID, ROLE))");

    /**
     * A stored ClientInfo.
     *
     * @param info       the ClientInfo
     * @param reportedBy the operator address of the node that reported it (this node's own for PLANNED parties)
     */
    record Reported(ClientInfo info, String reportedBy) {
    }

    /** What {@link #record} did with a report. */
    enum Outcome {
        /** The party and role were not known: stored. */
        NEW,
        /** Known with another status: stored. */
        CHANGED,
        /** Known with this status: only a later time stored. */
        UNCHANGED,
        /** Older than what is stored: ignored. */
        STALE;

        /** @return whether the parties of this node should hear of it */
        boolean isNews() {
            return this == NEW || this == CHANGED;
        }
    }

    private final DataSource dataSource;
    private volatile Map<ClientInfo.Key, Reported> entries;

    @Activate
    public NetworkClientInfos(@Reference(target = Store.DATA_SOURCE_TARGET) DataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        SchemaMigrations.apply(dataSource, OWNER, SCHEMA);
        entries = Map.copyOf(load());
    }

    /** @return every stored ClientInfo, oldest change first */
    List<Reported> all() {
        return entries.values().stream()
                .sorted(Comparator.comparing(Reported::info, ClientInfos.OLDEST_FIRST)).toList();
    }

    /** @return every stored ClientInfo without who reported it, oldest change first */
    List<ClientInfo> infos() {
        return all().stream().map(Reported::info).toList();
    }

    /**
     * Stores a ClientInfo unless it is older than the one stored for the same party and role.
     *
     * @param reportedBy the operator address of the node that reported it
     * @return what was done
     */
    synchronized Outcome record(ClientInfo info, String reportedBy) throws SQLException {
        Reported known = entries.get(info.key());
        if (known != null && info.lastUpdated().isBefore(known.info().lastUpdated())) {
            return Outcome.STALE;
        }
        try (Connection c = dataSource.getConnection()) {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE OCN_NETWORK_CLIENT_INFO SET STATUS = ?,"
                    + " LAST_UPDATED = ?, REPORTED_BY = ? WHERE COUNTRY_CODE = ? AND PARTY_ID = ? AND ROLE = ?")) {
                ps.setString(1, info.status().name());
                ps.setTimestamp(2, Timestamp.from(info.lastUpdated()));
                ps.setString(3, reportedBy);
                setKey(ps, 4, info.key());
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO OCN_NETWORK_CLIENT_INFO (COUNTRY_CODE,"
                        + " PARTY_ID, ROLE, STATUS, LAST_UPDATED, REPORTED_BY) VALUES (?, ?, ?, ?, ?, ?)")) {
                    setKey(ps, 1, info.key());
                    ps.setString(4, info.status().name());
                    ps.setTimestamp(5, Timestamp.from(info.lastUpdated()));
                    ps.setString(6, reportedBy);
                    ps.executeUpdate();
                }
            }
        }
        Map<ClientInfo.Key, Reported> next = new HashMap<>(entries);
        next.put(info.key(), new Reported(info, reportedBy));
        entries = Map.copyOf(next);
        if (known == null) {
            return Outcome.NEW;
        }
        return known.info().status() == info.status() ? Outcome.UNCHANGED : Outcome.CHANGED;
    }

    /** Forgets a party's role; returns whether it was stored. */
    synchronized boolean remove(ClientInfo.Key key) throws SQLException {
        if (!entries.containsKey(key)) {
            return false;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM OCN_NETWORK_CLIENT_INFO WHERE COUNTRY_CODE = ? AND PARTY_ID = ? AND ROLE = ?")) {
            setKey(ps, 1, key);
            ps.executeUpdate();
        }
        Map<ClientInfo.Key, Reported> next = new HashMap<>(entries);
        next.remove(key);
        entries = Map.copyOf(next);
        return true;
    }

    private Map<ClientInfo.Key, Reported> load() throws SQLException {
        Map<ClientInfo.Key, Reported> loaded = new HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNTRY_CODE, PARTY_ID, ROLE, STATUS, LAST_UPDATED, REPORTED_BY"
                     + " FROM OCN_NETWORK_CLIENT_INFO")) {
            while (rs.next()) {
                ClientInfo info = new ClientInfo(PartyId.of(rs.getString(1), rs.getString(2)), Role.valueOf(rs.getString(3)),
                        ConnectionStatus.valueOf(rs.getString(4)), rs.getTimestamp(5).toInstant());
                loaded.put(info.key(), new Reported(info, rs.getString(6)));
            }
        }
        return loaded;
    }

    private static void setKey(PreparedStatement ps, int first, ClientInfo.Key key) throws SQLException {
        ps.setString(first, key.party().countryCode());
        ps.setString(first + 1, key.party().partyId());
        ps.setString(first + 2, key.role().name());
    }
}
