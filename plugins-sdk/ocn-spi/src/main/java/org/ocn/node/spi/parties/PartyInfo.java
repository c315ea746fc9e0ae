package org.ocn.node.spi.parties;

import java.util.Objects;
import java.util.Set;

import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;

/**
 * A party as the node knows it.
 *
 * @param party   its OCPI identity
 * @param roles   its roles (credentials roles for parties connected here, listed roles otherwise)
 * @param status  its connection status (as its node reported it, for parties of other nodes)
 * @param where   where it is
 * @param nodeUrl the public URL of the node it is connected to, or empty when unknown
 */
public record PartyInfo(PartyId party, Set<Role> roles, ConnectionStatus status, Where where, String nodeUrl) {

    /** Where a party is. */
    public enum Where {
        /** Connected to this node (or planned to). */
        THIS_NODE,
        /** Connected to another node of the network. */
        OTHER_NODE,
        /** A service running on this node. */
        SERVICE
    }

    public PartyInfo {
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(where, "where");
        roles = Set.copyOf(roles);
        nodeUrl = nodeUrl == null ? "" : nodeUrl;
    }
}
