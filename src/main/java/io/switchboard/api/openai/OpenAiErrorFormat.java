package io.switchboard.api.openai;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.api.DialectErrorFormat;
import io.switchboard.errors.ErrorBody;
import io.switchboard.errors.GatewayException;

/**
 * OpenAI's error shape, {@code {"error": {"message", "type", "param", "code"}}}, with the HTTP status
 * the native API would answer with, so that a client sees the same status on every path. The native envelope's fields
 * ({@code provider}, {@code status_code},
 * {@code retryable}, {@code context_overflow}, {@code request_id}) stay as extra members, so nothing
 * is lost; a context overflow has OpenAI's {@code code: "context_length_exceeded"}. {@code param} is
 * the field a 400 names. The Responses API answers its errors in the same envelope.
 */
@Singleton
public class OpenAiErrorFormat extends DialectErrorFormat {

    private static final String MODEL_METHODS = ChatCompletionsResource.MODELS + "/";

    OpenAiErrorFormat(ObjectMapper json) {
        super(json, ChatCompletionsResource.CHAT_COMPLETIONS, ChatCompletionsResource.MODELS,
                EmbeddingsResource.EMBEDDINGS);
    }

    /** A model's method under {@code /v1/models/} ({@code gemini:generateContent}) is the Gemini API's, not this. */
    @Override
    public boolean serves(String path) {
        return super.serves(path) && !(path.startsWith(MODEL_METHODS) && path.indexOf(':') > 0);
    }

    @Override
    protected ObjectNode shape(GatewayException error, String requestId) {
        return envelope(error, requestId);
    }

    public static ObjectNode envelope(GatewayException error, String requestId) {
        return envelope(error.toBody(requestId), error.httpStatus());
    }

    public static ObjectNode envelope(ErrorBody body, int httpStatus) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("message", body.message());
        error.put("type", type(body, httpStatus));
        error.put("param", param(body));
        error.put("code", code(body, httpStatus));
        error.put("provider", body.provider());
        error.put("status_code", body.statusCode());
        error.put("retryable", body.retryable());
        error.put("context_overflow", body.contextOverflow());
        error.put("request_id", body.requestId());
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.set("error", error);
        return envelope;
    }

    private static String type(ErrorBody body, int httpStatus) {
        if (httpStatus == 429) {
            return "rate_limit_error";
        }
        if (httpStatus == 401 || httpStatus == 403) {
            return "authentication_error";
        }
        return httpStatus >= 500 ? "server_error" : "invalid_request_error";
    }

    private static String code(ErrorBody body, int httpStatus) {
        if (body.contextOverflow()) {
            return "context_length_exceeded";
        }
        return switch (body.type()) {
            case UNAUTHORIZED -> "invalid_api_key";
            case NOT_FOUND -> "model_not_found";
            case PAYLOAD_TOO_LARGE -> "request_too_large";
            case PROVIDER_TIMEOUT -> "timeout";
            case PROVIDER_ERROR -> httpStatus == 429 ? "rate_limit_exceeded" : "provider_error";
            default -> body.type().wireName();
        };
    }

    /** The field path a 400 names ("messages[2].content: …"), or null. */
    private static String param(ErrorBody body) {
        if (body.provider() != null || body.message() == null) {
            return null;
        }
        int colon = body.message().indexOf(": ");
        if (colon <= 0) {
            return null;
        }
        String field = body.message().substring(0, colon);
        // "body: …" is about the whole request, not a parameter
        return field.indexOf(' ') < 0 && !field.equals("body") ? field : null;
    }
}
