package io.switchboard.errors;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of error the gateway answers with, and the HTTP status each has by default. */
public enum ErrorType {
    INVALID_REQUEST(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    PAYLOAD_TOO_LARGE(413),
    /** A virtual key's rpm, tpm or max_concurrent reached: retryable after {@code Retry-After}. */
    RATE_LIMITED(429),
    /** A virtual key's budget for the period cannot cover the request: not retryable before the next period. */
    BUDGET_EXCEEDED(429),
    PROVIDER_ERROR(502),
    PROVIDER_TIMEOUT(504),
    PROVIDER_UNAVAILABLE(502),
    STORE_UNAVAILABLE(503),
    INTERNAL_ERROR(500);

    private final int defaultStatus;

    ErrorType(int defaultStatus) {
        this.defaultStatus = defaultStatus;
    }

    public int defaultStatus() {
        return defaultStatus;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
