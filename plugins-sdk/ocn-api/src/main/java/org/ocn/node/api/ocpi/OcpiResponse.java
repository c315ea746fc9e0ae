package org.ocn.node.api.ocpi;

import java.time.Instant;
import java.util.Objects;

/**
 * The OCPI response envelope: {@code status_code}, {@code status_message} (optional), {@code data} (optional) and
 * {@code timestamp}.
 *
 * @param statusCode    the OCPI status code ({@code status_code})
 * @param statusMessage a human readable message, or {@code null} ({@code status_message})
 * @param data          the payload, or {@code null} ({@code data})
 * @param timestamp     when the response was generated ({@code timestamp})
 * @param <T>           the payload type
 */
public record OcpiResponse<T>(int statusCode, String statusMessage, T data, Instant timestamp) {

    public OcpiResponse {
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** @return a success envelope (1000) with the given payload, timestamped now */
    public static <T> OcpiResponse<T> success(T data) {
        return new OcpiResponse<>(OcpiStatus.SUCCESS.code(), null, data, Instant.now());
    }

    /** @return an error envelope without payload, timestamped now */
    public static <T> OcpiResponse<T> error(OcpiStatus status, String message) {
        return new OcpiResponse<>(status.code(), message, null, Instant.now());
    }

    /** @return whether the status code is in the success range */
    public boolean isSuccess() {
        return OcpiStatus.isSuccess(statusCode);
    }
}
