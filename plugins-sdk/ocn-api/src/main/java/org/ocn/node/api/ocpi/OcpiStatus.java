package org.ocn.node.api.ocpi;

/**
 * The OCPI status codes (OCPI 2.2.1, {@code status_codes.asciidoc}) carried in the {@code status_code} field of the
 * response envelope. Custom codes (19xx, 29xx, 39xx, 49xx) are plain integers in {@link OcpiResponse}.
 */
public enum OcpiStatus {
    /** Generic success. */
    SUCCESS(1000),
    /** Generic client error. */
    CLIENT_ERROR(2000),
    /** Invalid or missing parameters, including a body that is not valid JSON. */
    INVALID_OR_MISSING_PARAMETERS(2001),
    /** Not enough information. */
    NOT_ENOUGH_INFORMATION(2002),
    /** Unknown location, or a proxied resource that does not exist. */
    UNKNOWN_LOCATION(2003),
    /** Unknown token. */
    UNKNOWN_TOKEN(2004),
    /** Generic server error. */
    SERVER_ERROR(3000),
    /** Unable to use the client's API, for example its versions during registration. */
    UNABLE_TO_USE_CLIENT_API(3001),
    /** Unsupported version: no version in common. */
    UNSUPPORTED_VERSION(3002),
    /** No matching endpoints, or expected endpoints missing. */
    NO_MATCHING_ENDPOINTS(3003),
    /** Generic hub error. */
    HUB_ERROR(4000),
    /** The receiver addressed by the routing headers is unknown to the hub. */
    UNKNOWN_RECEIVER(4001),
    /** The receiver did not answer in time. */
    TIMEOUT_ON_FORWARDED_REQUEST(4002),
    /** The receiver could not be reached. */
    CONNECTION_PROBLEM(4003);

    private final int code;

    OcpiStatus(int code) {
        this.code = code;
    }

    /** @return the four-digit code as it appears on the wire */
    public int code() {
        return code;
    }

    /** @return whether {@code code} is in the success range 1000-1999 */
    public static boolean isSuccess(int code) {
        return code >= 1000 && code < 2000;
    }
}
