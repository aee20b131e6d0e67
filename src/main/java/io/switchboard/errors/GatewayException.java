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

    private GatewayException(Builder builder) {
        super(builder.message, null, false, false);
        this.type = builder.type;
        this.httpStatus = builder.httpStatus;
        this.provider = builder.provider;
        this.upstreamStatus = builder.upstreamStatus;
        this.retryable = builder.retryable;
        this.contextOverflow = builder.contextOverflow;
        // whatever the source, only a clamped number of seconds is ever sent on
        this.retryAfter = RetryAfter.fromHeader(builder.retryAfter);
        this.overloaded = builder.overloaded;
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
        return builder(ErrorType.INVALID_REQUEST, message).status(httpStatus).build();
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

    /** An error of {@code type} with its default status and nothing else. */
    public static GatewayException of(ErrorType type, String message) {
        return builder(type, message).build();
    }

    /**
     * An error of {@code type} with its default status, not retryable, naming no provider; the builder's methods
     * state what else is true of it.
     */
    public static Builder builder(ErrorType type, String message) {
        return new Builder(type, message);
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

    /** The facts of one {@link GatewayException}, each set by name. */
    public static final class Builder {

        private final ErrorType type;
        private final String message;
        private int httpStatus;
        private String provider;
        private Integer upstreamStatus;
        private boolean retryable;
        private boolean contextOverflow;
        private String retryAfter;
        private boolean overloaded;

        private Builder(ErrorType type, String message) {
            this.type = type;
            this.message = message;
            this.httpStatus = type.defaultStatus();
        }

        /** The HTTP status to answer with, instead of the type's default. */
        public Builder status(int httpStatus) {
            this.httpStatus = httpStatus;
            return this;
        }

        /** The configured provider the error came from. */
        public Builder provider(String provider) {
            this.provider = provider;
            return this;
        }

        /** The HTTP status the provider answered with (or stated in its stream), when it gave one. */
        public Builder upstreamStatus(Integer upstreamStatus) {
            this.upstreamStatus = upstreamStatus;
            return this;
        }

        /** Whether the same request may succeed when sent again. */
        public Builder retryable(boolean retryable) {
            this.retryable = retryable;
            return this;
        }

        /** The same request may succeed when sent again. */
        public Builder retryable() {
            return retryable(true);
        }

        /** Whether the request was too long for the model's context window. */
        public Builder contextOverflow(boolean contextOverflow) {
            this.contextOverflow = contextOverflow;
            return this;
        }

        /** When to retry, as a {@code Retry-After} header value; only a clamped number of seconds is kept. */
        public Builder retryAfter(String retryAfter) {
            this.retryAfter = retryAfter;
            return this;
        }

        /**
         * Whether the backend said it is overloaded (HTTP 529 or 503, or an overload error in its stream), which the
         * gateway answers with its usual status but a dialect may name.
         */
        public Builder overloaded(boolean overloaded) {
            this.overloaded = overloaded;
            return this;
        }

        public GatewayException build() {
            return new GatewayException(this);
        }
    }
}
