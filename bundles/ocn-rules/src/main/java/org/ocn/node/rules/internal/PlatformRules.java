package org.ocn.node.rules.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.ocn.node.api.ocpi.PartyId;

/**
 * The OcnRules of one platform, immutable: the signatures toggle, which list is active (if any) and its entries.
 * Only the active list has entries: a list that is switched off is emptied, so that switching it on again starts
 * clean and the two lists never hold entries at the same time. Every change returns new rules or throws a
 * {@link RulesViolation} that says why it is refused.
 *
 * @param signatures whether the platform wants signed messages only
 * @param active     the active list, or {@code null} when neither is
 * @param entries    the active list's entries, in the order they were added; none without an active list
 */
record PlatformRules(boolean signatures, RuleList active, List<RuleEntry> entries) {

    /** A platform that never set rules: everybody may send, no signatures asked for. */
    static final PlatformRules NONE = new PlatformRules(false, null, List.of());

    PlatformRules {
        entries = List.copyOf(entries);
        if (active == null && !entries.isEmpty()) {
            throw new IllegalArgumentException("entries without an active list");
        }
    }

    /** @return whether these rules are the defaults (nothing to store) */
    boolean isDefault() {
        return equals(NONE);
    }

    /** @return the entries of that list: the active list's entries, none for the inactive one */
    List<RuleEntry> list(RuleList list) {
        return list == active ? entries : List.of();
    }

    /** @return whether that list is active */
    boolean isActive(RuleList list) {
        return list == active;
    }

    // ---------------------------------------------------------------- changes

    PlatformRules withSignatures(boolean required) {
        return new PlatformRules(required, active, entries);
    }

    /** Nobody may send: the whitelist, active and empty. */
    PlatformRules blockAll() throws RulesViolation {
        requireInactive(RuleList.BLACKLIST, "block all senders");
        return new PlatformRules(signatures, RuleList.WHITELIST, List.of());
    }

    /**
     * Replaces a list: with entries, it becomes the active list; without, it is switched off.
     *
     * @throws RulesViolation if the other list is active, or a party is listed twice
     */
    PlatformRules replace(RuleList list, List<RuleEntry> newEntries) throws RulesViolation {
        requireInactive(list.other(), "set the " + list.key());
        Set<PartyId> seen = new HashSet<>();
        for (int i = 0; i < newEntries.size(); i++) {
            PartyId party = newEntries.get(i).party();
            if (!seen.add(party)) {
                throw new RulesViolation("[" + i + "]: " + party + " is listed twice; list each party once with "
                        + "all its modules");
            }
        }
        return newEntries.isEmpty() ? new PlatformRules(signatures, null, List.of())
                : new PlatformRules(signatures, list, newEntries);
    }

    /**
     * Adds one entry to a list and makes it the active list.
     *
     * @throws RulesViolation if the other list is active, or the party is on the list already
     */
    PlatformRules add(RuleList list, RuleEntry entry) throws RulesViolation {
        requireInactive(list.other(), "add to the " + list.key());
        if (find(list, entry.party()).isPresent()) {
            throw new RulesViolation(entry.party() + " is already on the " + list.key() + "; remove it first (DELETE "
                    + ".../" + list.key() + "/" + entry.party() + ") or replace the whole list (PUT)");
        }
        List<RuleEntry> more = new ArrayList<>(list(list));
        more.add(entry);
        return new PlatformRules(signatures, list, more);
    }

    /**
     * Takes a party off a list; the list is switched off when it becomes empty.
     *
     * @throws RulesViolation if the party is not on that list
     */
    PlatformRules remove(RuleList list, PartyId party) throws RulesViolation {
        if (find(list, party).isEmpty()) {
            throw new RulesViolation(party + " is not on the " + list.key()
                    + (isActive(list) ? "" : " (the " + list.key() + " is not active)"));
        }
        List<RuleEntry> rest = entries.stream().filter(e -> !e.party().equals(party)).toList();
        return rest.isEmpty() ? new PlatformRules(signatures, null, List.of())
                : new PlatformRules(signatures, list, rest);
    }

    private void requireInactive(RuleList list, String what) throws RulesViolation {
        if (isActive(list)) {
            throw new RulesViolation("Cannot " + what + " while the " + list.key() + " is active: the whitelist and "
                    + "the blacklist cannot be active at the same time; empty the " + list.key() + " first (PUT .../"
                    + list.key() + " with [])");
        }
    }

    private Optional<RuleEntry> find(RuleList list, PartyId party) {
        return list(list).stream().filter(e -> e.party().equals(party)).findFirst();
    }

    // ---------------------------------------------------------------- enforcement

    /**
     * @param recipient the party the message is for (one of this platform's), for the message
     * @param sender    the party sending it
     * @param module    the module identifier (compared case-insensitively)
     * @return why the message may not pass, or empty when it may
     */
    Optional<String> refusal(PartyId recipient, PartyId sender, String module) {
        if (active == RuleList.WHITELIST) {
            if (entries.isEmpty()) {
                return Optional.of("Sender " + sender + " may not send module " + module + " to " + recipient + ": "
                        + recipient + " accepts messages from no one (block-all)");
            }
            Optional<RuleEntry> entry = find(RuleList.WHITELIST, sender);
            if (entry.isEmpty()) {
                return Optional.of("Sender " + sender + " is not on the whitelist of " + recipient + " for module "
                        + module);
            }
            if (!entry.get().names(module)) {
                return Optional.of("Sender " + sender + " is on the whitelist of " + recipient
                        + " but not for module " + module);
            }
        } else if (active == RuleList.BLACKLIST) {
            Optional<RuleEntry> entry = find(RuleList.BLACKLIST, sender);
            if (entry.isPresent() && entry.get().names(module)) {
                return Optional.of("Sender " + sender + " is on the blacklist of " + recipient + " for module "
                        + module);
            }
        }
        return Optional.empty();
    }

    /**
     * @return whether a party of this platform may hear of {@code other}: an active whitelist hides those not on it
     *         (whatever their modules); a blacklist hides no one, it is about modules
     */
    boolean mayKnowOf(PartyId other) {
        return active != RuleList.WHITELIST || find(RuleList.WHITELIST, other).isPresent();
    }
}
