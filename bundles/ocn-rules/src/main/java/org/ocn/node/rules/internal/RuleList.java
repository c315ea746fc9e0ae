package org.ocn.node.rules.internal;

import java.util.Locale;
import java.util.Optional;

/** The two lists a platform may keep; at most one is active at a time. */
enum RuleList {
    /** Only the senders listed may send, and only the modules listed for them. */
    WHITELIST,
    /** The senders listed may not send the modules listed for them; everyone else may. */
    BLACKLIST;

    /** @return the name in paths and JSON: {@code whitelist} or {@code blacklist} */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the other list */
    RuleList other() {
        return this == WHITELIST ? BLACKLIST : WHITELIST;
    }

    /** @return the list with this path or JSON name */
    static Optional<RuleList> ofKey(String key) {
        for (RuleList list : values()) {
            if (list.key().equals(key)) {
                return Optional.of(list);
            }
        }
        return Optional.empty();
    }
}
