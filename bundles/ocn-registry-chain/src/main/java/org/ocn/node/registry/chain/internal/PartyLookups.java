package org.ocn.node.registry.chain.internal;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;

/**
 * Reads one party's listing from the contracts at the moment it is needed, ahead of the index (decisions §12): real
 * clients list themselves and register, or route to a party just listed, without waiting for any node to follow the
 * chain. The index stays the source for everything it knows; these reads only fill its gaps.
 *
 * <p>Two kinds of read. {@link #read} is for a registration: it always asks the chain and reports a failure, so that
 * the node can tell "not listed" from "chain unreachable". {@link #onMiss} is for request paths (routing, node
 * messages, signatures), where a party the index does not know must not make every request wait for the chain: a
 * party found not listed is remembered as such for {@link #NEGATIVE_MILLIS}, at most {@link #CONCURRENT} reads run at
 * once (a request that finds them all busy answers from the index), and after a failed read the chain is left alone
 * for {@link #BACKOFF_MILLIS}.
 */
final class PartyLookups {

    static final long NEGATIVE_MILLIS = 1000;
    static final long BACKOFF_MILLIS = 5000;
    static final int CONCURRENT = 4;
    private static final int MAX_REMEMBERED = 4096;
    private static final String ZERO = "0x0000000000000000000000000000000000000000";

    /**
     * A listing read from the chain.
     *
     * @param party  the party as the index holds it
     * @param domain its operator's node URL, as the contract answers it
     * @param block  the block it was read at
     */
    record Found(ChainIndex.Party party, String domain, long block) {
    }

    private final RegistryContracts contracts;
    private final LongSupplier clock;
    private final Semaphore running = new Semaphore(CONCURRENT);
    private final Map<PartyId, Long> notListedUntil = new ConcurrentHashMap<>();
    private volatile long quietUntil;

    /**
     * @param contracts the contracts to read
     * @param clock     milliseconds, monotonic (System::nanoTime / 1e6 in production)
     */
    PartyLookups(RegistryContracts contracts, LongSupplier clock) {
        this.contracts = contracts;
        this.clock = clock;
    }

    /** @return the party's listing at the latest block, empty when it is not listed; always asks the chain */
    Optional<Found> read(PartyId id) throws IOException {
        long block = contracts.blockNumber();
        RegistryContracts.PartyByOcpi d = contracts.partyDetailsByOcpi(id.countryCode(), id.partyId(), block);
        if (d.operator().equalsIgnoreCase(ZERO) || d.address().equalsIgnoreCase(ZERO)) {
            return Optional.empty();
        }
        Set<Role> roles = new LinkedHashSet<>();
        for (int r : d.roles()) {
            if (r >= 0 && r < Role.values().length) {
                roles.add(Role.values()[r]);
            }
        }
        String address = ChainIndex.key(d.address());
        return Optional.of(new Found(new ChainIndex.Party(address, id, roles, List.copyOf(d.modulesSender()),
                List.copyOf(d.modulesReceiver()), ChainIndex.key(d.operator())), d.operatorDomain(), block));
    }

    /**
     * @return the party's listing read from the chain now, or empty when it is not listed, was found not listed
     *         within the last second, the chain failed a read within the last seconds, or enough reads run already
     */
    Optional<Found> onMiss(PartyId id) {
        long now = clock.getAsLong();
        Long until = notListedUntil.get(id);
        if (until != null && until > now || quietUntil > now || !running.tryAcquire()) {
            return Optional.empty();
        }
        try {
            Optional<Found> found = read(id);
            if (found.isEmpty()) {
                if (notListedUntil.size() >= MAX_REMEMBERED) {
                    notListedUntil.clear();
                }
                notListedUntil.put(id, now + NEGATIVE_MILLIS);
            } else {
                notListedUntil.remove(id);
            }
            return found;
        } catch (IOException | RuntimeException e) {
            quietUntil = now + BACKOFF_MILLIS;
            return Optional.empty();
        } finally {
            running.release();
        }
    }

    /** Forgets the parties found not listed (a registration just read the chain afresh). */
    void forget(PartyId id) {
        notListedUntil.remove(id);
    }
}
