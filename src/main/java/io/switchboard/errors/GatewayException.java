package io.switchboard.errors;

/**
 * Every failure the gateway reports. Expected failures (bad input, upstream errors) are frequent
 * and their stack traces are noise, so they are built without one.
 */
public class GatewayException extends RuntimeException {

    private final ErrorType type;
    private final int httpStatus;
    private final String provider;
    private final Integer upstreamStatus;
    private final boolean retryable;
    private final boolean contextOverflow;
    private final String retryAfter;
    private final boolean overloaded;
    private final boolean callerKeyFailure;

    public GatewayException(ErrorType type, int httpStatus, String message, String provider, Integer upstreamStatus,
            boolean retryable, boolean contextOverflow, String retryAfter) {
        this(type, httpStatus, message, provider, upstreamStatus, retryable, contextOverflow, retryAfter, false);
    }

    /**
     * @param overloaded whether the backend said it is overloaded (HTTP 529 or 503, or an overload error in
     *        its stream), which the gateway answers with its usual status but a dialect may name
     */
    public GatewayException(ErrorType type, int httpStatus, String message, String provider, Integer upstreamStatus,
            boolean retryable, boolean contextOverflow, String retryAfter, boolean overloaded) {
        super(message, null, false, false);
        this.overloaded = overloaded;
        this.type = type;
        this.httpStatus = httpStatus;
        this.provider = provider;
        this.upstreamStatus = upstreamStatus;
        this.retryable = retryable;
        this.contextOverflow = contextOverflow;
        // whatever the source, only a clamped number of seconds is ever sent on
        this.retryAfter = RetryAfter.fromHeader(retryAfter);
        this.callerKeyFailure = false;
    }

    /** A copy of {@code error} with {@code message}, marked or not as the caller's key's failure. */
    private GatewayException(GatewayException error, String message, boolean callerKeyFailure) {
        super(message, null, false, false);
        this.type = error.type;
        this.httpStatus = error.httpStatus;
        this.provider = error.provider;
        this.upstreamStatus = error.upstreamStatus;
        this.retryable = error.retryable;
        this.contextOverflow = error.contextOverflow;
        this.retryAfter = error.retryAfter;
        this.overloaded = error.overloaded;
        this.callerKeyFailure = callerKeyFailure;
    }

    public static GatewayException invalidRequest(String message) {
        return of(ErrorType.INVALID_REQUEST, message);
    }

    /** A request refused with another 4xx status than the type's own (405, 406). */
    public static GatewayException invalidRequest(int httpStatus, String message) {
        return new GatewayException(ErrorType.INVALID_REQUEST, httpStatus, message, null, null, false, false, null);
    }

    public static GatewayException notFound(String message) {
        return of(ErrorType.NOT_FOUND, message);
    }

    public static GatewayException unauthorized(String message) {
        return of(ErrorType.UNAUTHORIZED, message);
    }

    public static GatewayException payloadTooLarge(String message) {
        return of(ErrorType.PAYLOAD_TOO_LARGE, message);
    }

    public static GatewayException internal(String message) {
        return of(ErrorType.INTERNAL_ERROR, message);
    }

    public static GatewayException of(ErrorType type, String message) {
        return new GatewayException(type, type.defaultStatus(), message, null, null, false, false, null);
    }

    public ErrorType type() {
        return type;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String provider() {
        return provider;
    }

    public Integer upstreamStatus() {
        return upstreamStatus;
    }

    public boolean retryable() {
        return retryable;
    }

    public boolean contextOverflow() {
        return contextOverflow;
    }

    /** The {@code Retry-After} to send: whole seconds, at most {@link RetryAfter#MAX_SECONDS}; or null. */
    public String retryAfter() {
        return retryAfter;
    }

    public boolean overloaded() {
        return overloaded;
    }

    /**
     * Whether the backend refused or rate-limited the caller's own {@code metadata.api_key} (401, 403, 429, or a
     * body saying the key was rejected): a fact about that key, not about the provider, so the traffic layer
     * neither counts it in the provider's circuit breaker nor retries it nor moves on to another target.
     */
    public boolean callerKeyFailure() {
        return callerKeyFailure;
    }

    /** The same error, marked as the caller's key's failure ({@link #callerKeyFailure()}). */
    GatewayException asCallerKeyFailure() {
        return new GatewayException(this, getMessage(), true);
    }

    /** The same error with another message (used to scrub credentials from it). */
    public GatewayException withMessage(String message) {
        return new GatewayException(this, message, callerKeyFailure);
    }

    public ErrorBody toBody(String requestId) {
        return new ErrorBody(type, getMessage(), provider, upstreamStatus, retryable, contextOverflow, requestId);
    }
}
