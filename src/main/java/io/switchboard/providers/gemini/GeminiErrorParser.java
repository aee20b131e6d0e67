package io.switchboard.providers.gemini;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.errors.RetryAfter;
import io.switchboard.upstream.GenericErrorParser;
import io.vertx.core.MultiMap;

/**
 * Google's error envelope {@code {"error": {"code", "message", "status", "details": [...]}}}, also
 * sent as the whole body of a failed {@code streamGenerateContent?alt=sse} call (with a
 * {@code text/event-stream} content type: fixtures/gemini/error-400-api-key-invalid-stream.json) and
 * as a {@code data:} frame inside a stream. The message keeps Google's {@code status} and, when
 * present, the {@code ErrorInfo} reason, e.g. {@code "API key not valid… (INVALID_ARGUMENT, API_KEY_INVALID)"}.
 */
final class GeminiErrorParser extends GenericErrorParser {

    static final String API_KEY_INVALID = "API_KEY_INVALID";
    private static final String RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";
    private static final String ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";

    GeminiErrorParser(ObjectMapper json) {
        super(json);
    }

    @Override
    public ParsedError parse(int status, MultiMap headers, String body) {
        JsonNode root = readTree(body);
        JsonNode error = root == null ? null : root.get("error");
        if (error == null || !error.isObject()) {
            return super.parse(status, headers, body);
        }
        return parseEnvelope(error);
    }

    /** The inside of an {@code error} object. */
    static ParsedError parseEnvelope(JsonNode error) {
        String message = textOrNull(error.path("message"));
        String status = textOrNull(error.path("status"));
        String reason = null;
        String retryAfter = null;
        for (JsonNode detail : error.path("details")) {
            String type = detail.path("@type").asText("");
            if (type.equals(ERROR_INFO) && reason == null) {
                reason = textOrNull(detail.path("reason"));
            } else if (type.equals(RETRY_INFO)) {
                retryAfter = toRetryAfter(detail.path("retryDelay").asText(null));
            }
        }
        StringBuilder text = new StringBuilder(message == null ? "no message" : message.strip());
        if (status != null || reason != null) {
            text.append(" (").append(status == null ? "" : status);
            if (reason != null) {
                text.append(status == null ? "" : ", ").append(reason);
            }
            text.append(')');
        }
        // Gemini refuses a bad key with 400 INVALID_ARGUMENT / API_KEY_INVALID instead of 401: it is a
        // rejected credential (502 for the configured key, 401 for the caller's), not a bad request.
        return new ParsedError(text.toString(), overflow(status, message), retryAfter, API_KEY_INVALID.equals(reason));
    }

    /**
     * Context overflow is decided structurally first: Gemini says "The input token count (N) exceeds
     * the maximum number of tokens allowed (M)" with INVALID_ARGUMENT. Other wording falls back to
     * the shared phrase list (null).
     */
    private static Boolean overflow(String status, String message) {
        if (!"INVALID_ARGUMENT".equals(status) || message == null) {
            return null;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("token count") || lower.contains("maximum number of tokens") ? Boolean.TRUE : null;
    }

    /** RetryInfo's {@code retryDelay} is a protobuf Duration ("37s", "0.5s"): whole seconds, rounded up. */
    static String toRetryAfter(String retryDelay) {
        return RetryAfter.fromDuration(retryDelay);
    }
}
