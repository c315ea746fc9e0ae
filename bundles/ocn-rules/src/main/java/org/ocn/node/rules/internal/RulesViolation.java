package org.ocn.node.rules.internal;

/**
 * A change of rules or an entry the node refuses (invalid, duplicate, unknown, or against the state of the lists).
 * The message is meant for the platform that asked: it becomes the {@code status_message} of a 2001 answer.
 */
final class RulesViolation extends Exception {

    private static final long serialVersionUID = 1L;

    RulesViolation(String message) {
        super(message);
    }
}
