package io.switchboard.errors;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClosedException;

/**
 * The one table that turns an upstream failure into a {@link GatewayException}: the same statuses
 * are retryable for every provider (never decided by a message's wording), and context overflow is
 * decided by a structural code first, then by a phrase list. Providers only parse their error bodies; status mapping,
 * retryability and the context-overflow phrases live here.
 */
public final class UpstreamErrors {

    /** Retryable upstream statuses, the same for every provider; never decided by message text. */
    private static final Set<Integer> RETRYABLE = Set.of(408, 429, 500, 502, 503, 504, 529);
    /** Statuses that, for a call made with the caller's own key, are about that key: refused or rate-limited. */
    private static final Set<Integer> CALLER_KEY_STATUSES = Set.of(401, 403, 429);
    /** Client errors passed on with their own status. */
    private static final Set<Integer> PASSED_ON = Set.of(400, 404, 413, 422);
    /** The phrases that mean "the prompt does not fit", tried when no code decided it. */
    private static final List<String> OVERFLOW_PHRASES = List.of("context length", "context_length",
            "maximum context", "context window", "token limit", "too many tokens", "prompt is too long",
            "exceeds the model", "range of input length");

    /** An in-stream error that states no status and has no known code: the request was accepted, so the server failed. */
    private static final int UNSTATED_STATUS = 500;
    /**
     * Error codes and types, lower case, that backends write in an error inside a 200 stream, and the HTTP
     * status the same error has when it comes instead of the stream: OpenAI's codes and types, Anthropic's
     * types, Google RPC statuses, Mistral's and vLLM's types.
     */
    private static final Map<String, Integer> STATUS_OF_CODE = Map.ofEntries(
            Map.entry("invalid_request_error", 400), Map.entry("invalid_request", 400),
            Map.entry("invalid_argument", 400), Map.entry("bad_request", 400), Map.entry("badrequesterror", 400),
            Map.entry("context_length_exceeded", 400), Map.entry("failed_precondition", 400),
            Map.entry("authentication_error", 401), Map.entry("invalid_api_key", 401),
            Map.entry("unauthenticated", 401), Map.entry("unauthorized", 401),
            Map.entry("billing_error", 402),
            Map.entry("permission_error", 403), Map.entry("permission_denied", 403), Map.entry("forbidden", 403),
            Map.entry("not_found_error", 404), Map.entry("not_found", 404), Map.entry("model_not_found", 404),
            Map.entry("notfounderror", 404),
            Map.entry("request_too_large", 413),
            Map.entry("rate_limit_exceeded", 429), Map.entry("rate_limit_error", 429), Map.entry("rate_limited", 429),
            Map.entry("too_many_requests", 429), Map.entry("resource_exhausted", 429),
            Map.entry("insufficient_quota", 429), Map.entry("ratelimiterror", 429),
            Map.entry("server_error", 500), Map.entry("api_error", 500), Map.entry("internal_error", 500),
            Map.entry("internal", 500), Map.entry("internal_server_error", 500),
            Map.entry("service_unavailable", 503), Map.entry("unavailable", 503),
            Map.entry("timeout_error", 504), Map.entry("timeout", 504), Map.entry("deadline_exceeded", 504),
            Map.entry("overloaded_error", 529), Map.entry("overloaded", 529));

    private UpstreamErrors() {
    }

    /**
     * An upstream HTTP error.
     *
     * @param structuralOverflow true/false when the body's code decided it, null to use the phrase list
     * @param perRequestKey whether the call used the caller's {@code metadata.api_key}; a 401, 403 or 429 is
     *        then that key's ({@link GatewayException#callerKeyFailure()})
     */
    public static GatewayException fromStatus(String provider, int status, String upstreamMessage,
            Boolean structuralOverflow, String retryAfter, boolean perRequestKey) {
        return fromStatus(provider, status, upstreamMessage, structuralOverflow, retryAfter, perRequestKey, false);
    }

    /**
     * As above; {@code credentialRejected} maps the error like a 401 (the body said the key was refused
     * under another status), while {@code status_code} keeps the upstream's real status.
     */
    public static GatewayException fromStatus(String provider, int status, String upstreamMessage,
            Boolean structuralOverflow, String retryAfter, boolean perRequestKey, boolean credentialRejected) {
        return classify(provider, status, status, provider + " returned HTTP " + status, upstreamMessage,
                structuralOverflow, retryAfter, perRequestKey, credentialRejected);
    }

    /**
     * An error sent inside a 200 stream (an OpenAI-compatible {@code {"error": …}} frame, Anthropic's
     * {@code event: error}, Gemini's error object, Mistral's error chunk, Ollama's error line), before
     * or after the first event. It is classified like the HTTP error it stands for: by the status the
     * frame states, else by its {@code code}, else by its {@code type} (see {@link #statusOfCode}),
     * else as a server error (500). {@code status_code} is only ever a status the frame stated.
     *
     * @param statedStatus the HTTP status written in the frame (Gemini's and vLLM's numeric
     *        {@code code}, Groq's {@code status_code}), or null when it states none
     */
    public static GatewayException fromStreamError(String provider, Integer statedStatus, String code, String type,
            String upstreamMessage, Boolean structuralOverflow, String retryAfter, boolean perRequestKey,
            boolean credentialRejected) {
        Integer stated = statedStatus != null && statedStatus >= 400 && statedStatus <= 599 ? statedStatus : null;
        Integer byCode = stated != null ? stated : statusOfCode(code);
        int status = byCode != null ? byCode : Objects.requireNonNullElse(statusOfCode(type), UNSTATED_STATUS);
        return classify(provider, status, stated, provider + " reported an error in the stream", upstreamMessage,
                structuralOverflow, retryAfter, perRequestKey, credentialRejected);
    }

    /** {@link #fromStreamError} for a frame without a retry delay or a key-rejection flag. */
    public static GatewayException fromStreamError(String provider, Integer statedStatus, String code, String type,
            String upstreamMessage, Boolean structuralOverflow, boolean perRequestKey) {
        return fromStreamError(provider, statedStatus, code, type, upstreamMessage, structuralOverflow, null,
                perRequestKey, false);
    }

    /** The HTTP status an error code or type stands for (case-insensitive), or null when it is not known. */
    static Integer statusOfCode(String code) {
        return code == null ? null : STATUS_OF_CODE.get(code.strip().toLowerCase(Locale.ROOT));
    }

    private static GatewayException classify(String provider, int status, Integer reportedStatus, String prefix,
            String upstreamMessage, Boolean structuralOverflow, String retryAfter, boolean perRequestKey,
            boolean credentialRejected) {
        boolean overflow = structuralOverflow != null ? structuralOverflow : mentionsOverflow(upstreamMessage);
        String detail = upstreamMessage == null || upstreamMessage.isBlank() ? "no message" : upstreamMessage.strip();
        // the Gateway passes every provider error through the Redactor, the one place secrets are removed
        String message = prefix + ": " + detail;
        int keyStatus = credentialRejected ? 401 : status;
        int mapped = httpStatusFor(keyStatus, perRequestKey);
        GatewayException error = GatewayException.builder(ErrorType.PROVIDER_ERROR, message).status(mapped)
                .provider(provider).upstreamStatus(reportedStatus)
                .retryable(!credentialRejected && RETRYABLE.contains(status)).contextOverflow(overflow)
                .retryAfter(status == 429 || status == 503 ? retryAfter : null)
                .overloaded(status == 529 || status == 503).build();
        return perRequestKey && CALLER_KEY_STATUSES.contains(keyStatus) ? error.asCallerKeyFailure() : error;
    }

    /** The gateway's status for an upstream status. */
    static int httpStatusFor(int upstreamStatus, boolean perRequestKey) {
        if (PASSED_ON.contains(upstreamStatus) || upstreamStatus == 429) {
            return upstreamStatus;
        }
        if (upstreamStatus == 401 || upstreamStatus == 403) {
            // A rejected configured key is the operator's fault (502); a rejected per-request key is the caller's.
            return perRequestKey ? upstreamStatus : 502;
        }
        if (upstreamStatus == 408 || upstreamStatus == 504) {
            return 504;
        }
        return 502;
    }

    /** A failure that is not an HTTP status: connection errors and timeouts. */
    public static GatewayException fromFailure(String provider, Throwable failure) {
        if (failure instanceof GatewayException gateway) {
            return gateway;
        }
        if (failure instanceof TimeoutException || isConnectTimeout(failure)) {
            return GatewayException.builder(ErrorType.PROVIDER_TIMEOUT,
                    provider + " did not answer in time" + suffix(failure)).provider(provider).retryable().build();
        }
        if (isConnectionFailure(failure)) {
            return GatewayException.builder(ErrorType.PROVIDER_UNAVAILABLE,
                    provider + " is unreachable: " + describe(failure)).provider(provider).retryable().build();
        }
        return GatewayException.builder(ErrorType.INTERNAL_ERROR,
                "unexpected failure talking to " + provider + ": " + failure.getClass().getSimpleName())
                .provider(provider).build();
    }

    /** A stream that ended, or broke, before its terminal event: retryable, like a reset connection. */
    public static GatewayException streamCut(String provider) {
        return GatewayException.builder(ErrorType.PROVIDER_UNAVAILABLE,
                provider + " ended the stream before its terminal event").provider(provider).retryable().build();
    }

    /** An upstream that answered 2xx with a body that is not the expected format. */
    public static GatewayException malformed(String provider, String what) {
        return GatewayException.builder(ErrorType.PROVIDER_ERROR, provider + " sent a malformed answer: " + what)
                .provider(provider).build();
    }

    public static boolean mentionsOverflow(String message) {
        if (message == null) {
            return false;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        for (String phrase : OVERFLOW_PHRASES) {
            if (lower.contains(phrase)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConnectTimeout(Throwable failure) {
        String name = failure.getClass().getName();
        return name.endsWith("ConnectTimeoutException") || failure instanceof io.netty.handler.timeout.TimeoutException
                || (failure.getMessage() != null && failure.getMessage().startsWith("connection timed out"));
    }

    private static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof ClosedChannelException || t instanceof HttpClosedException
                    || t instanceof java.io.IOException || t instanceof VertxException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : message;
    }

    private static String suffix(Throwable failure) {
        return failure.getMessage() == null ? "" : " (" + failure.getMessage() + ")";
    }
}
