package org.ocn.node.plugins.internal;

/**
 * Why a plugin operation was refused or failed; the admin API answers each reason with its own HTTP status, the
 * shell prints the message.
 */
public final class PluginException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The reasons, with the HTTP status the admin API answers them with. */
    public enum Reason {
        /**
         * Not a bundle, features XML or KAR; a malformed coordinate; an artifact no repository has; a bad
         * parameter: 400.
         */
        BAD_REQUEST(400),
        /** No plugin with that id: 404. */
        NOT_FOUND(404),
        /** A plugin (or a bundle of the node) with that symbolic name or repository name exists already: 409. */
        CONFLICT(409),
        /** The artifact is larger than the limit: 413. */
        TOO_LARGE(413),
        /** A Maven repository could not be read: 502. */
        REPOSITORY_UNAVAILABLE(502),
        /** The framework or Karaf failed in a way the request could not cause: 500. */
        FAILED(500);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Reason reason;

    public PluginException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public PluginException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
