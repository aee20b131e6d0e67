package io.switchboard.api.gemini;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.api.DialectErrorFormat;
import io.switchboard.errors.ErrorBody;
import io.switchboard.errors.GatewayException;

/**
 * Google's error shape, {@code {"error": {"code", "message", "status"}}}: {@code code} is the HTTP status the
 * native API would answer with, {@code status} the canonical code Google's API gives for that status
 * ({@code INVALID_ARGUMENT}, {@code NOT_FOUND}, {@code RESOURCE_EXHAUSTED}, {@code UNAVAILABLE}, …), which
 * Google's SDKs read. A stream failing after its start ends with the same object.
 */
@Singleton
class GeminiErrorFormat extends DialectErrorFormat {

    GeminiErrorFormat(ObjectMapper json) {
        super(json, GenerateContentResource.MODELS);
    }

    /** The {@code v1beta} paths, and a model's method under {@code /v1/models/} ({@code gemini:generateContent}). */
    @Override
    public boolean serves(String path) {
        return super.serves(path) || path.startsWith(GenerateContentResource.V1_MODELS) && path.indexOf(':') > 0;
    }

    @Override
    protected ObjectNode shape(GatewayException error, String requestId) {
        return envelope(error.toBody(requestId), error.httpStatus());
    }

    static ObjectNode envelope(ErrorBody body, int httpStatus) {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        ObjectNode error = envelope.putObject("error");
        error.put("code", httpStatus);
        error.put("message", body.message());
        error.put("status", status(httpStatus, body.contextOverflow()));
        return envelope;
    }

    /** The canonical status Google's API answers with for an HTTP status. */
    static String status(int httpStatus, boolean contextOverflow) {
        if (contextOverflow) {
            return "INVALID_ARGUMENT";
        }
        return switch (httpStatus) {
            case 400, 413 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "ABORTED";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 499 -> "CANCELLED";
            case 501 -> "UNIMPLEMENTED";
            case 502, 503, 529 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> httpStatus < 500 ? "FAILED_PRECONDITION" : "INTERNAL";
        };
    }
}
