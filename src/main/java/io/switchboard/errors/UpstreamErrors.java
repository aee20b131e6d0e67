package io.switchboard.errors;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClosedException;

/**
 * The one table that turns an upstream failure into a {@link GatewayException} (SPEC §5,
 * provider-notes decisions 4 and 5). Providers only parse their error bodies; status mapping,
 * retryability and the context-overflow phrases live here.
 */
public final class UpstreamErrors {

    /** Retryable upstream statuses, the same for every provider; never decided by message text. */
    private static final Set<Integer> RETRYABLE = Set.of(408, 429, 500, 502, 503, 504, 529);
    /** Client errors passed on with their own status. */
    private static final Set<Integer> PASSED_ON = Set.of(400, 404, 413, 422);
    /** Reference §1.8: the phrases that mean "the prompt does not fit", tried when no code decided it. */
    private static final List<String> OVERFLOW_PHRASES = List.of("context length", "context_length",
            "maximum context", "context window", "token limit", "too many tokens", "prompt is too long",
            "exceeds the model", "range of input length");

    private UpstreamErrors() {
    }

    /**
     * An upstream HTTP error.
     *
     * @param structuralOverflow true/false when the body's code decided it, null to use the phrase list
     * @param perRequestKey whether the call used the caller's {@code metadata.api_key}
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
        boolean overflow = structuralOverflow != null ? structuralOverflow : mentionsOverflow(upstreamMessage);
        String detail = upstreamMessage == null || upstreamMessage.isBlank() ? "no message" : upstreamMessage.strip();
        String message = provider + " returned HTTP " + status + ": " + detail;
        int mapped = httpStatusFor(credentialRejected ? 401 : status, perRequestKey);
        return new GatewayException(ErrorType.PROVIDER_ERROR, mapped, message, provider, status,
                !credentialRejected && RETRYABLE.contains(status), overflow,
                status == 429 || status == 503 ? retryAfter : null);
    }

    /** The gateway's status for an upstream status (SPEC §5). */
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
            return new GatewayException(ErrorType.PROVIDER_TIMEOUT, 504,
                    provider + " did not answer in time" + suffix(failure), provider, null, true, false, null);
        }
        if (isConnectionFailure(failure)) {
            return new GatewayException(ErrorType.PROVIDER_UNAVAILABLE, 502,
                    provider + " is unreachable: " + describe(failure), provider, null, true, false, null);
        }
        return new GatewayException(ErrorType.INTERNAL_ERROR, 500,
                "unexpected failure talking to " + provider + ": " + failure.getClass().getSimpleName(), provider, null,
                false, false, null);
    }

    /** A stream that ended, or broke, before its terminal event: retryable (provider-notes decision 4). */
    public static GatewayException streamCut(String provider) {
        return new GatewayException(ErrorType.PROVIDER_UNAVAILABLE, 502,
                provider + " ended the stream before its terminal event", provider, null, true, false, null);
    }

    /** An upstream that answered 2xx with a body that is not the expected format. */
    public static GatewayException malformed(String provider, String what) {
        return new GatewayException(ErrorType.PROVIDER_ERROR, 502, provider + " sent a malformed answer: " + what,
                provider, null, false, false, null);
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
