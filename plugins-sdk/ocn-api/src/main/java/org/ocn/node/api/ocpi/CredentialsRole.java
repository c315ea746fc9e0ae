package org.ocn.node.api.ocpi;

import java.util.Objects;

/**
 * One role a platform plays, as listed in its credentials ({@code CredentialsRole}).
 *
 * @param role            the role ({@code role})
 * @param businessDetails the business behind the role ({@code business_details})
 * @param party           the party's address ({@code country_code} and {@code party_id})
 */
public record CredentialsRole(Role role, BusinessDetails businessDetails, PartyId party) {

    public CredentialsRole {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(businessDetails, "business_details");
        Objects.requireNonNull(party, "party");
    }
}
