package org.ocn.node.parties;

/** A change the directory refuses; the message says why and is fit to show to the party or operator. */
public class DirectoryException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a change was refused. */
    public enum Reason {
        /** A party is already connected through another platform. */
        PARTY_CONNECTED,
        /** The platform is not in the state the change needs (for example its token A was already used). */
        WRONG_STATE,
        /** No such platform. */
        UNKNOWN_PLATFORM,
        /** The store failed. */
        STORE
    }

    private final Reason reason;

    public DirectoryException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DirectoryException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
