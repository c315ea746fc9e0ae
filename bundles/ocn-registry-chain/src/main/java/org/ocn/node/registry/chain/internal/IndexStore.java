package org.ocn.node.registry.chain.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.store.SchemaMigrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Keeps the last index in the store, so that a node restarted while the chain is unreachable still routes from it.
 * One row per chain (provider URL and contract addresses), the index as JSON.
 */
final class IndexStore {

    static final String OWNER = "org.ocn.node.registry.chain";
    static final List<String> SCHEMA = List.of(
            "CREATE TABLE OCN_REGISTRY_INDEX (CHAIN_KEY VARCHAR(1024) NOT NULL PRIMARY KEY, BLOCK BIGINT NOT NULL,"
                    + " SNAPSHOT CLOB NOT NULL, SYNCED_AT TIMESTAMP NOT NULL)");

    /** An index and when it was read from the chain. */
    record Saved(ChainIndex index, Instant syncedAt) {
    }

    private final DataSource dataSource;
    private final ObjectMapper mapper = new ObjectMapper();

    IndexStore(DataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        SchemaMigrations.apply(dataSource, OWNER, SCHEMA);
    }

    Optional<Saved> load(String chainKey) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT SNAPSHOT, SYNCED_AT FROM OCN_REGISTRY_INDEX WHERE CHAIN_KEY = ?")) {
            ps.setString(1, chainKey);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Saved(fromJson(mapper.readTree(rs.getString(1))), rs.getTimestamp(2).toInstant()));
            }
        }
    }

    void save(String chainKey, ChainIndex index, Instant syncedAt) throws SQLException, IOException {
        String json = mapper.writeValueAsString(toJson(index));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement del = c.prepareStatement("DELETE FROM OCN_REGISTRY_INDEX WHERE CHAIN_KEY = ?")) {
                    del.setString(1, chainKey);
                    del.executeUpdate();
                }
                try (PreparedStatement ins = c.prepareStatement(
                        "INSERT INTO OCN_REGISTRY_INDEX (CHAIN_KEY, BLOCK, SNAPSHOT, SYNCED_AT) VALUES (?, ?, ?, ?)")) {
                    ins.setString(1, chainKey);
                    ins.setLong(2, index.block());
                    ins.setString(3, json);
                    ins.setTimestamp(4, Timestamp.from(syncedAt));
                    ins.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private JsonNode toJson(ChainIndex index) {
        ObjectNode o = mapper.createObjectNode();
        o.put("block", index.block());
        ObjectNode nodes = o.putObject("nodes");
        index.nodes().forEach(nodes::put);
        ArrayNode parties = o.putArray("parties");
        for (ChainIndex.Party p : index.parties().values()) {
            ObjectNode n = parties.addObject();
            n.put("address", p.address()).put("country_code", p.id().countryCode()).put("party_id", p.id().partyId())
                    .put("operator", p.operator());
            ArrayNode roles = n.putArray("roles");
            p.roles().forEach(r -> roles.add(r.name()));
            ArrayNode sender = n.putArray("modules_sender");
            p.modulesSender().forEach(sender::add);
            ArrayNode receiver = n.putArray("modules_receiver");
            p.modulesReceiver().forEach(receiver::add);
        }
        ArrayNode services = o.putArray("services");
        for (ChainIndex.Service s : index.services().values()) {
            ObjectNode n = services.addObject().put("provider", s.provider()).put("name", s.name()).put("url", s.url());
            ArrayNode permissions = n.putArray("permissions");
            s.permissions().forEach(permissions::add);
        }
        ObjectNode agreements = o.putObject("agreements");
        index.agreements().forEach((user, providers) -> {
            ArrayNode a = agreements.putArray(user);
            providers.forEach(a::add);
        });
        return o;
    }

    private static ChainIndex fromJson(JsonNode o) {
        Map<String, String> nodes = new HashMap<>();
        o.path("nodes").fields().forEachRemaining(e -> nodes.put(e.getKey(), e.getValue().asText()));
        Map<String, ChainIndex.Party> parties = new HashMap<>();
        for (JsonNode n : o.path("parties")) {
            Set<Role> roles = new LinkedHashSet<>();
            n.path("roles").forEach(r -> roles.add(Role.valueOf(r.asText())));
            parties.put(n.get("address").asText(), new ChainIndex.Party(n.get("address").asText(),
                    PartyId.of(n.get("country_code").asText(), n.get("party_id").asText()), roles,
                    ints(n.path("modules_sender")), ints(n.path("modules_receiver")), n.get("operator").asText()));
        }
        Map<String, ChainIndex.Service> services = new HashMap<>();
        for (JsonNode n : o.path("services")) {
            services.put(n.get("provider").asText(), new ChainIndex.Service(n.get("provider").asText(),
                    n.get("name").asText(), n.get("url").asText(), ints(n.path("permissions"))));
        }
        Map<String, Set<String>> agreements = new HashMap<>();
        o.path("agreements").fields().forEachRemaining(e -> {
            Set<String> providers = new HashSet<>();
            e.getValue().forEach(p -> providers.add(p.asText()));
            agreements.put(e.getKey(), providers);
        });
        return new ChainIndex(o.path("block").asLong(), nodes, parties, services, agreements);
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }
}
