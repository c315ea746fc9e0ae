package org.ocn.node.rules.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.ocn.node.api.ocpi.PartyId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON of the ocnrules module, as v1 has it: rules {@code {"signatures", "whitelist": {"active", "list"},
 * "blacklist": {...}}} and entries {@code {"country_code", "party_id", "modules"}}. Every rejection names the place
 * in the body, for example {@code [1].modules[0]}.
 */
final class RulesJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern COUNTRY_CODE = Pattern.compile("[A-Za-z]{2}");
    private static final Pattern PARTY_ID = Pattern.compile("[A-Za-z0-9]{3}");

    private RulesJson() {
    }

    /** @return the rules as GET shows them: each list with its state; only the active one has entries */
    static ObjectNode write(PlatformRules rules) {
        ObjectNode o = NODES.objectNode();
        o.put("signatures", rules.signatures());
        for (RuleList list : RuleList.values()) {
            ObjectNode l = o.putObject(list.key());
            l.put("active", rules.isActive(list));
            ArrayNode entries = l.putArray("list");
            for (RuleEntry e : rules.list(list)) {
                ObjectNode entry = entries.addObject();
                entry.put("country_code", e.party().countryCode());
                entry.put("party_id", e.party().partyId());
                ArrayNode modules = entry.putArray("modules");
                e.modules().forEach(modules::add);
            }
        }
        return o;
    }

    /** @return the entries of a PUT body: a JSON array of entries (may be empty) */
    static List<RuleEntry> readList(JsonNode body) throws RulesViolation {
        if (!body.isArray()) {
            throw new RulesViolation("body: not a JSON array of entries {\"country_code\", \"party_id\", "
                    + "\"modules\"} (use [] to switch the list off)");
        }
        List<RuleEntry> entries = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            entries.add(readEntry(body.get(i), "[" + i + "]"));
        }
        return entries;
    }

    /** @return the entry of a POST body */
    static RuleEntry readEntry(JsonNode body) throws RulesViolation {
        return readEntry(body, "body");
    }

    private static RuleEntry readEntry(JsonNode node, String at) throws RulesViolation {
        if (!node.isObject()) {
            throw new RulesViolation(at + ": not a JSON object {\"country_code\", \"party_id\", \"modules\"}");
        }
        PartyId party = party(text(node, "country_code", at), text(node, "party_id", at), at);
        JsonNode modules = node.get("modules");
        if (modules == null || modules.isNull()) {
            throw new RulesViolation(at + ".modules: missing; name the modules the entry is about");
        }
        if (!modules.isArray()) {
            throw new RulesViolation(at + ".modules: not an array of module identifiers");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < modules.size(); i++) {
            JsonNode m = modules.get(i);
            if (!m.isTextual()) {
                throw new RulesViolation(at + ".modules[" + i + "]: not a string");
            }
            names.add(m.asText());
        }
        return RuleEntry.of(party, names, at);
    }

    /**
     * @return the party with this country code (two letters) and party id (three letters or digits)
     * @throws RulesViolation naming what is wrong, at {@code at}
     */
    static PartyId party(String countryCode, String partyId, String at) throws RulesViolation {
        if (!COUNTRY_CODE.matcher(countryCode).matches()) {
            throw new RulesViolation(at + ".country_code: '" + countryCode + "' is not 2 letters");
        }
        if (!PARTY_ID.matcher(partyId).matches()) {
            throw new RulesViolation(at + ".party_id: '" + partyId + "' is not 3 letters or digits");
        }
        try {
            return PartyId.of(countryCode, partyId);
        } catch (IllegalArgumentException e) {
            throw new RulesViolation(at + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode parent, String field, String at) throws RulesViolation {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            throw new RulesViolation(at + "." + field + ": missing");
        }
        if (!v.isTextual()) {
            throw new RulesViolation(at + "." + field + ": not a string");
        }
        return v.asText();
    }
}
