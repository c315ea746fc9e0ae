package org.ocn.node.registry.chain.internal;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;

/**
 * What the node knows of the registry at one block: nodes, parties, services and the agreements in force (revoked
 * ones filtered out, which the reference node forgets). Immutable; a sync builds the next one. Addresses are kept in
 * lower case.
 *
 * @param block      the block it reflects
 * @param nodes      node domain by operator address (deleted nodes left out)
 * @param parties    parties by address (deleted parties left out)
 * @param services   services by provider address (deleted services left out)
 * @param agreements the providers each user party has an agreement with, by user address
 */
record ChainIndex(long block, Map<String, String> nodes, Map<String, Party> parties, Map<String, Service> services,
                  Map<String, Set<String>> agreements) {

    /**
     * A party listing.
     *
     * @param address         its address
     * @param id              its country code and party id
     * @param roles           its roles as listed
     * @param modulesSender   the modules it implements as Sender, as listed (module numbers)
     * @param modulesReceiver the modules it implements as Receiver
     * @param operator        the operator (node) address it is listed with
     */
    record Party(String address, PartyId id, Set<Role> roles, List<Integer> modulesSender, List<Integer> modulesReceiver,
                 String operator) {
    }

    /**
     * A service.
     *
     * @param provider    the provider's address (a party)
     * @param name        its name
     * @param url         its URL
     * @param permissions what it needs (Permissions contract ids)
     */
    record Service(String provider, String name, String url, List<Integer> permissions) {
    }

    static final ChainIndex EMPTY = new ChainIndex(-1, Map.of(), Map.of(), Map.of(), Map.of());

    ChainIndex {
        nodes = Collections.unmodifiableMap(new HashMap<>(nodes));
        parties = Collections.unmodifiableMap(new HashMap<>(parties));
        services = Collections.unmodifiableMap(new HashMap<>(services));
        agreements = Collections.unmodifiableMap(new HashMap<>(agreements));
    }

    static String key(String address) {
        return address.toLowerCase(Locale.ROOT);
    }

    /**
     * @return this index with a party's listing as read from the chain ahead of it (same block): it replaces any
     *         listing of the same address or of the same country code and party id, and the operator's domain, when
     *         given, is added
     */
    ChainIndex withParty(Party party, String operatorDomain) {
        Map<String, Party> nextParties = new HashMap<>(parties);
        nextParties.values().removeIf(p -> p.id().equals(party.id()));
        nextParties.put(key(party.address()), party);
        Map<String, String> nextNodes = nodes;
        if (operatorDomain != null && !operatorDomain.isEmpty()) {
            nextNodes = new HashMap<>(nodes);
            nextNodes.put(key(party.operator()), operatorDomain);
        }
        return new ChainIndex(block, nextNodes, nextParties, services, agreements);
    }

    Optional<Party> party(PartyId id) {
        return parties.values().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    Optional<String> domainOf(String operator) {
        return Optional.ofNullable(nodes.get(key(operator)));
    }
}
