package io.switchboard.upstream;

import io.vertx.core.MultiMap;

/**
 * Reads a provider's error body. Providers differ only here (where the message and the
 * context-overflow code sit); status mapping and retryability are decided once, in
 * {@link io.switchboard.errors.UpstreamErrors}.
 */
@FunctionalInterface
public interface UpstreamErrorParser {

    ParsedError parse(int status, MultiMap headers, String body);

    /**
     * @param message the upstream's own message (credentials are scrubbed later)
     * @param contextOverflow true/false when a code decided it, null to fall back to the phrase list
     * @param retryAfter the delay to pass on as {@code Retry-After}, or null to use the upstream's header
     * @param credentialRejected the body says the key was refused, whatever the status (Gemini answers a bad
     *        key with 400 API_KEY_INVALID): it is then mapped like a 401
     */
    record ParsedError(String message, Boolean contextOverflow, String retryAfter, boolean credentialRejected) {
        public ParsedError(String message) {
            this(message, null, null, false);
        }

        public ParsedError(String message, Boolean contextOverflow, String retryAfter) {
            this(message, contextOverflow, retryAfter, false);
        }
    }
}
