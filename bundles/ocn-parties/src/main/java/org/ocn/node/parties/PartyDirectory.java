package org.ocn.node.parties;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.PartyId;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The platforms connected to this node. Every change is committed to the store before the call returns, so it
 * survives a restart or a crash; lookups are answered from memory.
 *
 * <p>Tokens A and C are kept only as SHA-256 hashes: the node hands each out once and never shows it again.
 */
@ProviderType
public interface PartyDirectory {

    /**
     * Issues a registration token ({@code CREDENTIALS_TOKEN_A}) for a platform that will host the given parties.
     *
     * @return the token, in clear, the only time it is known
     * @throws DirectoryException {@code PARTY_CONNECTED} when one of the parties is already connected
     */
    String issueRegistrationToken(Collection<PartyId> parties) throws DirectoryException;

    /**
     * @return what a presented token stands for: a registration token (A) or a registered platform's token C. A
     *         platform's token A stays valid after its registration until its token C is presented for the first
     *         time (a party whose answer was lost registers again with it); that first use of token C retires token
     *         A. Every use of token C counts as the platform being seen ({@link #lastSeen}).
     */
    Optional<TokenMatch> findByToken(String token);

    /**
     * @param candidates the tokens an {@code Authorization} header may stand for, in the order to try them
     * @return what the first known one stands for
     */
    default Optional<TokenMatch> findByAnyToken(List<String> candidates) {
        for (String token : candidates) {
            Optional<TokenMatch> match = findByToken(token);
            if (match.isPresent()) {
                return match;
            }
        }
        return Optional.empty();
    }

    /**
     * @return the registered platform whose token C is among the candidates (the caller of a routed or
     *         configuration request after registration)
     */
    default Optional<Platform> findRegistered(List<String> candidates) {
        return findByAnyToken(candidates).filter(m -> m.kind() == TokenMatch.Kind.ACCESS)
                .map(TokenMatch::platform).filter(Platform::isRegistered);
    }

    /** @return the platform hosting this party now, or the last one that did */
    Optional<Platform> findByParty(PartyId party);

    /**
     * @return the party's connection status: that of the registered platform hosting it, {@code PLANNED} when it was
     *         named on a registration token not used yet, {@code SUSPENDED} when its platform unregistered; empty
     *         when the node never heard of it
     */
    Optional<ConnectionStatus> connectionStatus(PartyId party);

    /**
     * Completes a registration: stores the platform's credentials and endpoints and issues token C. Token A stays
     * valid until token C is first used: a registration of a platform whose token C was never used is done again,
     * with a new token C (the old one dies).
     *
     * @throws DirectoryException {@code WRONG_STATE} if the platform's token C was used meanwhile (or it unregistered),
     *                            {@code PARTY_CONNECTED} if a role's party is connected through another platform
     */
    Registered register(long platformId, Registration registration) throws DirectoryException;

    /**
     * Replaces a registered platform's credentials and endpoints and rotates its token C.
     *
     * @throws DirectoryException {@code WRONG_STATE} if it is not registered, {@code PARTY_CONNECTED} as for register
     */
    Registered update(long platformId, Registration registration) throws DirectoryException;

    /**
     * Unregisters a platform: its tokens stop working and its parties become {@code SUSPENDED}. A platform that has
     * not registered yet ({@code PLANNED}) can be unregistered too: its registration token dies.
     *
     * @throws DirectoryException {@code WRONG_STATE} if it is already unregistered, {@code UNKNOWN_PLATFORM} if there
     *                            is no such platform
     */
    Platform unregister(long platformId) throws DirectoryException;

    /**
     * @return when the platform last presented its token C (kept across restarts to the minute), empty if never
     */
    default Optional<java.time.Instant> lastSeen(long platformId) {
        return Optional.empty();
    }

    /**
     * Sets a registered platform's connection status, as the still-alive check finds it: {@code OFFLINE} when it
     * stopped answering, {@code CONNECTED} when it answers again. Listeners hear of the change like of any other; a
     * platform already in that status is left as it is (and nobody is told).
     *
     * @return the platform as now stored
     * @throws DirectoryException {@code WRONG_STATE} if the platform is not registered or the status is neither
     *                            {@code CONNECTED} nor {@code OFFLINE} (registration and unregistration set the
     *                            others), {@code UNKNOWN_PLATFORM} if there is no such platform
     */
    Platform setStatus(long platformId, ConnectionStatus status) throws DirectoryException;

    /** @return every platform known, registered or not */
    List<Platform> platforms();
}
