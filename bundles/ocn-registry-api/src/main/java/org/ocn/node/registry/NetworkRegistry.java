package org.ocn.node.registry;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.ocn.node.api.ocpi.CredentialsRole;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Who the parties and nodes of the network are.
 *
 * <p>Selection: the node uses the registered {@code NetworkRegistry} with the highest {@code service.ranking} (then
 * the lowest {@code service.id}). The embedded local registry registers with ranking 0; an implementation selected
 * by configuration (the on-chain registry) registers with a higher ranking, and the node falls back to the local
 * one when it goes away. Every service carries the property {@value #NAME} naming the implementation.
 *
 * <p>Implementations answer from memory or a local index: callers are on request paths and must not wait for a
 * network round trip. Two exceptions, both bounded by the implementation's request timeout: {@link #admit} may ask
 * the registry's source (the chain) when its index does not admit the party, since registration decides on what the
 * registry says at that moment (decisions §12); and {@link #findParty} may look a party its index does not know up
 * on the source, a few at a time, so that a party listed a moment ago is found.
 */
@ProviderType
public interface NetworkRegistry {

    /** Service property naming the implementation, for example {@code local}. */
    String NAME = "ocn.registry";

    /** @return the implementation's name, as in the {@value #NAME} property */
    String name();

    /**
     * Decides whether a platform may register a role at this node, on what the registry says now. A refusal's reason
     * says whether the party is not listed with this node, or whether the registry could not be asked.
     *
     * @param role             the role the platform lists in its credentials
     * @param namedWhenIssued  the parties named when the platform's registration token was issued
     * @return the decision, with the reason when refused
     */
    Admission admit(CredentialsRole role, Set<org.ocn.node.api.ocpi.PartyId> namedWhenIssued);

    /** @return the listing of a party, if the network knows it */
    Optional<PartyListing> findParty(org.ocn.node.api.ocpi.PartyId party);

    /** @return the nodes of the network, this one included */
    List<NodeListing> nodes();

    /**
     * @return every party the registry lists, in no particular order (the planned-party search looks for those
     *         listed with this node's operator); empty for an implementation that cannot list its parties
     */
    default List<PartyListing> parties() {
        return List.of();
    }

    /**
     * Reads the registry afresh (on an operator's request); returns at once, the refresh runs in the background. The
     * local registry has nothing to refresh.
     */
    default void refresh() {
    }

    /**
     * @return the services (Permissions contract) the party has an agreement with, revoked agreements left out; none
     *         in local mode
     */
    default List<ServiceAgreement> agreementsOf(org.ocn.node.api.ocpi.PartyId user) {
        return List.of();
    }
}
