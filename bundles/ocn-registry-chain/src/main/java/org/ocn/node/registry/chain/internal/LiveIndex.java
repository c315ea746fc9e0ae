package org.ocn.node.registry.chain.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.crypto.Ethereum;
import org.ocn.node.registry.PartyListing;

/**
 * The index the node answers from: the last one the sync built, plus the listings read from the chain since then
 * ({@link PartyLookups}), which the sync's next index may not hold yet. A listing read ahead stays on top of every
 * index older than the block it was read at, so that a sync that started before the read cannot take it away.
 */
final class LiveIndex {

    /** The parties of one index by id, with their listings: built once per index, read for every message. */
    record Listings(ChainIndex index, Map<PartyId, Listed> byId) {
    }

    /** A party of the index and its listing as the node reports it. */
    record Listed(ChainIndex.Party party, PartyListing listing) {
    }

    private final Object lock = new Object();
    /** Listings read ahead of the index, by party address; guarded by {@link #lock}. */
    private final Map<String, PartyLookups.Found> ahead = new HashMap<>();
    private volatile ChainIndex index = ChainIndex.EMPTY;
    private volatile Listings listings = new Listings(ChainIndex.EMPTY, Map.of());

    ChainIndex current() {
        return index;
    }

    /**
     * Takes the index a sync built; listings read ahead of its block are laid on top.
     *
     * @return the index now in use
     */
    ChainIndex synced(ChainIndex next) {
        synchronized (lock) {
            ahead.values().removeIf(found -> found.block() <= next.block());
            ChainIndex merged = next;
            for (PartyLookups.Found found : ahead.values()) {
                merged = merged.withParty(found.party(), found.domain());
            }
            index = merged;
            return merged;
        }
    }

    /** Adds a listing read from the chain, unless the index already reflects its block. */
    void found(PartyLookups.Found found) {
        synchronized (lock) {
            if (found.block() > index.block()) {
                ahead.put(found.party().address(), found);
                index = index.withParty(found.party(), found.domain());
            }
        }
    }

    /** @return the party listed with this id (the one {@link ChainIndex#party} finds, without a scan) */
    Optional<Listed> listed(PartyId id) {
        ChainIndex current = index;
        Listings known = listings;
        if (known.index() != current) {
            Map<PartyId, Listed> byId = new HashMap<>();
            for (ChainIndex.Party p : current.parties().values()) { // the order ChainIndex#party's scan follows
                byId.putIfAbsent(p.id(), new Listed(p, listing(current, p)));
            }
            known = new Listings(current, Map.copyOf(byId));
            listings = known;
        }
        return Optional.ofNullable(known.byId().get(id));
    }

    static PartyListing listing(ChainIndex index, ChainIndex.Party p) {
        return new PartyListing(p.id(), p.roles(), index.domainOf(p.operator()).orElse(""),
                Ethereum.checksum(p.operator()), Ethereum.checksum(p.address()));
    }
}
