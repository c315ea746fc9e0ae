package org.ocn.node.rules.internal;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Optional;

import org.ocn.node.api.ocpi.OcpiResponse;
import org.ocn.node.api.ocpi.OcpiStatus;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.web.json.InvalidPayloadException;
import org.ocn.node.web.json.OcpiJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The requests of the ocnrules module, once the calling platform is known: which path and method do what to its
 * rules, and the answer. Kept apart from the servlet so that it can be tested without one.
 *
 * <pre>
 * GET    /                         the rules
 * PUT    /signatures               no body: toggle; true or false: set
 * PUT    /block-all                whitelist active and empty
 * PUT    /{whitelist|blacklist}    replace the list ([] switches it off)
 * POST   /{whitelist|blacklist}    add one entry
 * DELETE /{whitelist|blacklist}/{country_code}/{party_id}
 * </pre>
 */
final class RulesRequests {

    private static final Logger LOG = LoggerFactory.getLogger(RulesRequests.class);

    static final String PATHS = "GET .../ocnrules, PUT .../ocnrules/signatures, PUT .../ocnrules/block-all, "
            + "PUT or POST .../ocnrules/{whitelist|blacklist}, DELETE .../ocnrules/{whitelist|blacklist}/{country_code}/{party_id}";

    /**
     * An answer: the HTTP status and envelope, and the methods the path allows when the method was not one of them.
     *
     * @param httpStatus the HTTP status
     * @param envelope   the OCPI envelope
     * @param allow      for 405, the value of {@code Allow}; else {@code null}
     */
    record Answer(int httpStatus, OcpiResponse<?> envelope, String allow) {

        static Answer ok(PlatformRules rules) {
            return new Answer(200, OcpiResponse.success(RulesJson.write(rules)), null);
        }

        static Answer error(int httpStatus, OcpiStatus status, String message) {
            return new Answer(httpStatus, OcpiResponse.error(status, message), null);
        }

        static Answer methodNotAllowed(String method, String allow, String path) {
            return new Answer(405, OcpiResponse.error(OcpiStatus.CLIENT_ERROR, method + " is not allowed on "
                    + path + "; use " + allow), allow);
        }
    }

    private final RulesBook book;
    private final OcpiJson json;

    RulesRequests(RulesBook book, OcpiJson json) {
        this.book = book;
        this.json = json;
    }

    /**
     * @param platformId the calling platform (authenticated by its token C)
     * @param method     the HTTP method
     * @param subPath    the path after {@code .../ocnrules}: {@code null}, {@code ""} or starting with {@code /}
     * @param body       the request body (empty when none)
     * @param where      the path as requested, for messages
     */
    Answer handle(long platformId, String method, String subPath, byte[] body, String where) {
        String[] segments = segments(subPath);
        try {
            if (segments.length == 0) {
                return only("GET", method, where, () -> Answer.ok(book.rules(platformId)));
            }
            if (segments.length == 1 && segments[0].equals("signatures")) {
                return only("PUT", method, where, () -> signatures(platformId, body));
            }
            if (segments.length == 1 && segments[0].equals("block-all")) {
                return only("PUT", method, where, () -> Answer.ok(book.change(platformId, PlatformRules::blockAll)));
            }
            Optional<RuleList> list = RuleList.ofKey(segments[0]);
            if (list.isPresent() && segments.length == 1) {
                return switch (method) {
                    case "PUT" -> {
                        var entries = RulesJson.readList(json.parse(body));
                        yield Answer.ok(book.change(platformId, rules -> rules.replace(list.get(), entries)));
                    }
                    case "POST" -> {
                        RuleEntry entry = RulesJson.readEntry(json.parse(body));
                        yield Answer.ok(book.change(platformId, rules -> rules.add(list.get(), entry)));
                    }
                    default -> Answer.methodNotAllowed(method, "PUT, POST", where);
                };
            }
            if (list.isPresent() && segments.length == 3) {
                return only("DELETE", method, where, () -> {
                    PartyId party = RulesJson.party(segments[1], segments[2], "path");
                    return Answer.ok(book.change(platformId, rules -> rules.remove(list.get(), party)));
                });
            }
            return Answer.error(404, OcpiStatus.CLIENT_ERROR, "Unknown path " + where + "; the ocnrules module has "
                    + PATHS);
        } catch (InvalidPayloadException e) {
            return Answer.error(400, OcpiStatus.INVALID_OR_MISSING_PARAMETERS, e.getMessage());
        } catch (RulesViolation e) {
            return Answer.error(200, OcpiStatus.INVALID_OR_MISSING_PARAMETERS, e.getMessage());
        } catch (SQLException e) {
            LOG.warn("OcnRules of platform {} not stored: {}", platformId, e.toString());
            return Answer.error(500, OcpiStatus.SERVER_ERROR, "The rules could not be stored; nothing changed");
        }
    }

    /** PUT .../signatures: no body toggles (as v1); {@code true} or {@code false} sets. */
    private Answer signatures(long platformId, byte[] body) throws InvalidPayloadException, RulesViolation,
            SQLException {
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            return Answer.ok(book.change(platformId, rules -> rules.withSignatures(!rules.signatures())));
        }
        JsonNode value = json.parse(body);
        if (!value.isBoolean()) {
            throw new RulesViolation("body: true or false sets whether messages to this platform must be signed; "
                    + "no body toggles it");
        }
        return Answer.ok(book.change(platformId, rules -> rules.withSignatures(value.booleanValue())));
    }

    /** A request handled only for one method. */
    @FunctionalInterface
    private interface Handling {
        Answer answer() throws InvalidPayloadException, RulesViolation, SQLException;
    }

    private static Answer only(String allowed, String method, String where, Handling handling)
            throws InvalidPayloadException, RulesViolation, SQLException {
        return allowed.equals(method) ? handling.answer() : Answer.methodNotAllowed(method, allowed, where);
    }

    /** @return the segments of the sub-path; a trailing slash is ignored */
    private static String[] segments(String subPath) {
        if (subPath == null) {
            return new String[0];
        }
        String trimmed = subPath.startsWith("/") ? subPath.substring(1) : subPath;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
