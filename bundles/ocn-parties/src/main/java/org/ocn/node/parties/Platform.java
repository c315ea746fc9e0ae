package org.ocn.node.parties;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.CredentialsRole;
import org.ocn.node.api.ocpi.Endpoint;
import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.TokenEncoding;
import org.ocn.node.api.ocpi.VersionNumber;

/**
 * A platform known to this node: one OCPI connection, hosting one or more parties. Before registration it has only a
 * registration token (status {@link ConnectionStatus#PLANNED}, no roles); after it, the credentials it gave.
 *
 * @param id            the node's identifier of the platform
 * @param status        {@code PLANNED} (token A issued), {@code CONNECTED}, {@code OFFLINE}, or {@code SUSPENDED}
 *                      (unregistered; kept for the record, with its roles)
 * @param admitted      the parties named when the registration token was issued
 * @param roles         the roles the platform registered
 * @param versionsUrl   the platform's versions endpoint, or {@code null} before registration
 * @param version       the OCPI version agreed at registration, or {@code null} before registration
 * @param endpoints     the platform's endpoints of that version
 * @param tokenEncoding how the platform expects the node's token in {@code Authorization}
 * @param tokenB        the token the node uses towards the platform, or {@code null} when not registered
 * @param createdAt     when the registration token was issued
 * @param updatedAt     when the platform last changed
 */
public record Platform(long id, ConnectionStatus status, Set<PartyId> admitted, List<CredentialsRole> roles,
                       String versionsUrl, VersionNumber version, List<Endpoint> endpoints,
                       TokenEncoding tokenEncoding, String tokenB, Instant createdAt, Instant updatedAt) {

    public Platform {
        admitted = Set.copyOf(admitted);
        roles = List.copyOf(roles);
        endpoints = List.copyOf(endpoints);
    }

    /** @return whether the platform completed registration and has not unregistered */
    public boolean isRegistered() {
        return status == ConnectionStatus.CONNECTED || status == ConnectionStatus.OFFLINE;
    }

    /** @return the platform's endpoint for this module and interface, if it has one */
    public Optional<Endpoint> endpoint(String identifier, InterfaceRole role) {
        return endpoints.stream().filter(e -> e.identifier().equals(identifier) && e.role() == role).findFirst();
    }

    /** @return whether the platform hosts this party */
    public boolean hosts(PartyId party) {
        return roles.stream().anyMatch(r -> r.party().equals(party));
    }
}
