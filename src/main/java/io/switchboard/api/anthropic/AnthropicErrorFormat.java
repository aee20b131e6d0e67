package io.switchboard.api.anthropic;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.api.DialectErrorFormat;
import io.switchboard.errors.ErrorBody;
import io.switchboard.errors.GatewayException;

/**
 * Anthropic's error shape, {@code {"type": "error", "error": {"type", "message"}, "request_id"}}, with
 * the HTTP status the native API would answer with, so that a client sees the same status on every
 * path. The error type follows the status as Anthropic's own
 * API does; an upstream overload (Anthropic 529 or its in-stream {@code overloaded_error}, any 503) is
 * {@code overloaded_error} whatever status the gateway answers with.
 */
@Singleton
class AnthropicErrorFormat extends DialectErrorFormat {

    AnthropicErrorFormat(ObjectMapper json) {
        super(json, MessagesResource.MESSAGES);
    }

    @Override
    protected ObjectNode shape(GatewayException error, String requestId) {
        return envelope(error, requestId);
    }

    static ObjectNode envelope(GatewayException error, String requestId) {
        return envelope(error.toBody(requestId), error.httpStatus(), error.overloaded());
    }

    /** @param overloaded whether the backend said it is overloaded, also when no status said so (in a stream) */
    static ObjectNode envelope(ErrorBody body, int httpStatus, boolean overloaded) {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.put("type", "error");
        ObjectNode error = envelope.putObject("error");
        error.put("type", overloaded ? "overloaded_error" : type(body, httpStatus));
        error.put("message", body.message());
        envelope.put("request_id", body.requestId());
        return envelope;
    }

    private static String type(ErrorBody body, int httpStatus) {
        Integer upstream = body.statusCode();
        if (upstream != null && (upstream == 529 || upstream == 503) || httpStatus == 503) {
            return "overloaded_error";
        }
        return switch (httpStatus) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            default -> httpStatus < 500 ? "invalid_request_error" : "api_error";
        };
    }
}
