package org.ocn.node.api.ocpi;

import java.util.Locale;
import java.util.Objects;

/**
 * The address of a party on the network: its country code and party id. Both are OCPI {@code CiString}s, compared
 * case-insensitively; instances hold them in upper case, so {@code equals} is case-insensitive too.
 *
 * @param countryCode ISO 3166-1 alpha-2 country code, two characters ({@code country_code})
 * @param partyId     party id, three characters ({@code party_id})
 */
public record PartyId(String countryCode, String partyId) {

    /**
     * @throws IllegalArgumentException if the country code is not two or the party id not three printable,
     *                                  non-blank ASCII characters
     */
    public PartyId {
        Objects.requireNonNull(countryCode, "country_code");
        Objects.requireNonNull(partyId, "party_id");
        if (countryCode.length() != 2 || !isCiString(countryCode)) {
            throw new IllegalArgumentException("country_code \"" + countryCode + "\" is not 2 characters");
        }
        if (partyId.length() != 3 || !isCiString(partyId)) {
            throw new IllegalArgumentException("party_id \"" + partyId + "\" is not 3 characters");
        }
        countryCode = countryCode.toUpperCase(Locale.ROOT);
        partyId = partyId.toUpperCase(Locale.ROOT);
    }

    /** @return a party id, or throws {@link IllegalArgumentException} with a message naming the bad field */
    public static PartyId of(String countryCode, String partyId) {
        return new PartyId(countryCode, partyId);
    }

    private static boolean isCiString(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** @return {@code CC/PID}, for logs and messages */
    @Override
    public String toString() {
        return countryCode + "/" + partyId;
    }
}
