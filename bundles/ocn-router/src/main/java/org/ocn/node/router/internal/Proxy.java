package org.ocn.node.router.internal;

import java.time.Instant;

import org.ocn.node.api.ocpi.PartyId;

/**
 * A URL of a party that the node handed out as a node URL instead.
 *
 * @param id        the id in the node URL (random, unguessable)
 * @param kind      PAGE, LOCATION or RESPONSE_URL
 * @param owner     the party the target URL belongs to; requests go there with its platform's token B
 * @param user      the only party that may use the node URL
 * @param targetUrl the party's URL
 * @param chainId   for next-page links: the pagination they belong to; otherwise {@code null}
 * @param createdAt when it was handed out
 * @param expiresAt when it stops working
 */
record Proxy(String id, Kind kind, PartyId owner, PartyId user, String targetUrl, String chainId, Instant createdAt,
             Instant expiresAt) {

    enum Kind {
        PAGE, LOCATION, RESPONSE_URL
    }

    boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    Proxy expiringAt(Instant when) {
        return new Proxy(id, kind, owner, user, targetUrl, chainId, createdAt, when);
    }
}
