package org.ocn.node.registry;

import java.util.Objects;
import java.util.Set;

import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;

/**
 * A party as the network lists it.
 *
 * @param party           its address
 * @param roles           the roles listed for it (may differ from those in its credentials: real clients list a CPO
 *                        as OTHER)
 * @param nodeUrl         the public URL of the node it is connected to
 * @param operatorAddress the Ethereum address of that node's operator, or {@code null} in local mode
 * @param partyAddress    the party's own Ethereum address in the registry, or {@code null} in local mode
 */
public record PartyListing(PartyId party, Set<Role> roles, String nodeUrl, String operatorAddress, String partyAddress) {

    public PartyListing {
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(nodeUrl, "nodeUrl");
        roles = Set.copyOf(roles);
    }
}
