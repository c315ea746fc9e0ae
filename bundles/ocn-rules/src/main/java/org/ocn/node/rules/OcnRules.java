package org.ocn.node.rules;

import java.util.Optional;

import org.ocn.node.api.ocpi.PartyId;

/**
 * The OcnRules of the parties connected to this node: which senders may reach them, per module, and whether they
 * want signed messages only. Rules belong to a platform and apply to every role (party) it hosts.
 * Selection: one implementation (this bundle's); consumers reference it optionally and dynamically.
 */
@org.osgi.annotation.versioning.ProviderType
public interface OcnRules {
    /**
     * @param recipient a party connected to this node (its platform's rules apply)
     * @param sender    the party sending to it
     * @param module    the module identifier as in the path, e.g. "locations", "chargingprofiles", or a custom module id
     * @return empty when the recipient's rules let the message through; else the reason, fit for the sender
     *         (the router answers HTTP 200, status_code 2000 with it)
     */
    Optional<String> refusal(PartyId recipient, PartyId sender, String module);
    /** @return whether the recipient's rules ask for signed messages only (the "signatures" toggle) */
    boolean signaturesRequired(PartyId recipient);
    /** @return whether the recipient may hear of that party at all (party-level, for hubclientinfo lists and pushes) */
    boolean mayKnowOf(PartyId recipient, PartyId other);
}
