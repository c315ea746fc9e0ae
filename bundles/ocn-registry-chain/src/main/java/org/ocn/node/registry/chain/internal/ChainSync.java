package org.ocn.node.registry.chain.internal;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;

/**
 * Builds and keeps the {@link ChainIndex} current: a full read of the contracts at one block, then, from block to
 * block, only the entities named by the contracts' events ({@code OperatorUpdate}, {@code PartyUpdate},
 * {@code ServiceUpdate}, {@code ServiceAgreement}) are read again.
 */
final class ChainSync {

    private static final String ZERO = "0x0000000000000000000000000000000000000000";

    private final RegistryContracts contracts;

    ChainSync(RegistryContracts contracts) {
        this.contracts = contracts;
    }

    /** @return the whole registry at the latest block */
    ChainIndex full() throws IOException {
        long block = contracts.blockNumber();
        Map<String, String> nodes = new HashMap<>();
        for (String operator : new LinkedHashSet<>(contracts.nodeOperators(block))) {
            String domain = contracts.node(operator, block);
            if (!domain.isEmpty()) {
                nodes.put(ChainIndex.key(operator), domain);
            }
        }
        Map<String, ChainIndex.Party> parties = new HashMap<>();
        for (String address : new LinkedHashSet<>(contracts.parties(block))) {
            readParty(address, block, parties);
        }
        Map<String, ChainIndex.Service> services = new HashMap<>();
        Map<String, Set<String>> agreements = new HashMap<>();
        if (contracts.hasPermissions()) {
            for (String provider : new LinkedHashSet<>(contracts.providers(block))) {
                readService(provider, block, services);
            }
            for (String user : parties.keySet()) {
                for (String provider : new LinkedHashSet<>(contracts.agreementsOf(user, block))) {
                    if (contracts.hasAgreement(user, provider, block)) {
                        agreements.computeIfAbsent(user, u -> new HashSet<>()).add(ChainIndex.key(provider));
                    }
                }
            }
        }
        return new ChainIndex(block, nodes, parties, services, agreements);
    }

    /** @return the index brought to the latest block, or the same one when no block came since */
    ChainIndex follow(ChainIndex index) throws IOException {
        long latest = contracts.blockNumber();
        if (latest <= index.block()) {
            return index;
        }
        var changes = contracts.changes(index.block() + 1, latest);
        if (changes.isEmpty()) {
            return new ChainIndex(latest, index.nodes(), index.parties(), index.services(), index.agreements());
        }
        Map<String, String> nodes = new HashMap<>(index.nodes());
        Map<String, ChainIndex.Party> parties = new HashMap<>(index.parties());
        Map<String, ChainIndex.Service> services = new HashMap<>(index.services());
        Map<String, Set<String>> agreements = new HashMap<>();
        index.agreements().forEach((k, v) -> agreements.put(k, new HashSet<>(v)));
        for (RegistryContracts.Change c : changes) {
            switch (c.topic()) {
                case RegistryContracts.OPERATOR_UPDATE -> {
                    String domain = contracts.node(c.subject(), latest);
                    if (domain.isEmpty()) {
                        nodes.remove(ChainIndex.key(c.subject()));
                    } else {
                        nodes.put(ChainIndex.key(c.subject()), domain);
                    }
                }
                case RegistryContracts.PARTY_UPDATE -> readParty(c.subject(), latest, parties);
                case RegistryContracts.SERVICE_UPDATE -> readService(c.subject(), latest, services);
                case RegistryContracts.SERVICE_AGREEMENT -> {
                    String user = ChainIndex.key(c.subject());
                    String provider = ChainIndex.key(c.other());
                    if (contracts.hasAgreement(c.subject(), c.other(), latest)) {
                        agreements.computeIfAbsent(user, u -> new HashSet<>()).add(provider);
                    } else if (agreements.containsKey(user)) {
                        agreements.get(user).remove(provider);
                    }
                }
                default -> {
                    // not indexed
                }
            }
        }
        return new ChainIndex(latest, nodes, parties, services, agreements);
    }

    private void readParty(String address, long block, Map<String, ChainIndex.Party> parties) throws IOException {
        RegistryContracts.PartyDetails d = contracts.partyDetailsByAddress(address, block);
        String key = ChainIndex.key(address);
        if (d.operator().equalsIgnoreCase(ZERO) || d.countryCode().length() != 2 || d.partyId().length() != 3) {
            parties.remove(key);
            return;
        }
        Set<Role> roles = new LinkedHashSet<>();
        for (int r : d.roles()) {
            if (r >= 0 && r < Role.values().length) {
                roles.add(Role.values()[r]);
            }
        }
        parties.put(key, new ChainIndex.Party(key, PartyId.of(d.countryCode(), d.partyId()), roles, d.modulesSender(),
                d.modulesReceiver(), ChainIndex.key(d.operator())));
    }

    private void readService(String provider, long block, Map<String, ChainIndex.Service> services) throws IOException {
        RegistryContracts.ServiceDetails s = contracts.service(provider, block);
        String key = ChainIndex.key(provider);
        if (s.name().isEmpty() && s.url().isEmpty()) {
            services.remove(key);
        } else {
            services.put(key, new ChainIndex.Service(key, s.name(), s.url(), s.permissions()));
        }
    }
}
