package org.ocn.node.ocpi.credentials.internal;

import org.ocn.node.api.ocpi.OcpiStatus;

/** A handshake step that failed, with the OCPI status to answer and a message naming what went wrong. */
final class HandshakeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final OcpiStatus status;

    HandshakeException(OcpiStatus status, String message) {
        super(message);
        this.status = status;
    }

    OcpiStatus status() {
        return status;
    }
}
