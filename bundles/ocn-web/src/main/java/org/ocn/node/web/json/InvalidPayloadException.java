package org.ocn.node.web.json;

/** A payload that is not what OCPI says it must be; the message names the field, for example {@code roles[0].party_id}. */
public class InvalidPayloadException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidPayloadException(String message) {
        super(message);
    }

    public InvalidPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
