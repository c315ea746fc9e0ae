package org.ocn.node.rules.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import org.ocn.node.api.ocpi.PartyId;

/**
 * One party on a platform's whitelist or blacklist, with the modules the entry is about.
 *
 * @param party   the counterparty (upper case, as {@link PartyId} holds it)
 * @param modules module identifiers as the platform wrote them, none twice (compared case-insensitively); never
 *                empty
 */
record RuleEntry(PartyId party, List<String> modules) {

    /** OCPI module ids and custom module ids alike: what a path segment of a custom module may be. */
    static final Pattern MODULE = Pattern.compile("[A-Za-z0-9_.~-]{1,64}");

    RuleEntry {
        Objects.requireNonNull(party, "party");
        modules = List.copyOf(modules);
        if (modules.isEmpty()) {
            throw new IllegalArgumentException("an entry names at least one module");
        }
    }

    /**
     * @return an entry with the modules checked: each a module identifier, none twice
     * @throws RulesViolation naming the module that is wrong, as {@code at.modules[i]}
     */
    static RuleEntry of(PartyId party, List<String> modules, String at) throws RulesViolation {
        if (modules.isEmpty()) {
            throw new RulesViolation(at + ".modules: empty; name at least one module (an empty list would block "
                    + "or allow nothing)");
        }
        List<String> checked = new ArrayList<>();
        for (int i = 0; i < modules.size(); i++) {
            String module = modules.get(i);
            if (module == null || !MODULE.matcher(module).matches()) {
                throw new RulesViolation(at + ".modules[" + i + "]: '" + module + "' is not a module identifier (1 to "
                        + "64 of A-Z a-z 0-9 _ . ~ -, for example locations or a custom module id)");
            }
            if (checked.stream().anyMatch(module::equalsIgnoreCase)) {
                throw new RulesViolation(at + ".modules[" + i + "]: '" + module + "' is listed twice");
            }
            checked.add(module);
        }
        return new RuleEntry(party, checked);
    }

    /** @return whether the entry names this module (case-insensitively) */
    boolean names(String module) {
        String wanted = module.toLowerCase(Locale.ROOT);
        return modules.stream().anyMatch(m -> m.toLowerCase(Locale.ROOT).equals(wanted));
    }
}
