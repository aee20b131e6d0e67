package io.switchboard.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.errors.GatewayException;
import io.switchboard.errors.UpstreamErrors;
import io.switchboard.upstream.GenericErrorParser;

/**
 * OpenAI-style error bodies: {@code {"error": {"message", "type", "code"}}} (OpenAI, Azure, Groq,
 * DeepSeek), vLLM's flat {@code {"object": "error", "message", "code": 400}}, and the same objects
 * sent as a frame inside a stream. {@code code: context_length_exceeded} decides overflow; other
 * overflow wordings (vLLM's "maximum context length") fall back to the phrase list.
 */
final class OpenAiErrorParser extends GenericErrorParser {

    /**
     * An error frame inside a 200 stream carries no HTTP status of its own. When it names none
     * (Groq puts one in {@code status_code}, vLLM an integer {@code code}), it is a server-side
     * failure: OpenAI sends these as {@code type: server_error}, its 500.
     */
    private static final int UNSTATED_STATUS = 500;

    OpenAiErrorParser(ObjectMapper json) {
        super(json);
    }

    /** The failure an in-stream error frame reports ({@code error} is the frame's {@code error} value or the frame). */
    GatewayException streamError(String provider, JsonNode error) {
        if (error.isTextual()) {
            return UpstreamErrors.fromStatus(provider, UNSTATED_STATUS, error.asText(), null, null, false);
        }
        String message = textOrNull(error.path("message"));
        int status = UNSTATED_STATUS;
        if (error.path("status_code").canConvertToInt()) {
            status = error.path("status_code").asInt();
        } else if (error.path("code").isInt()) {
            status = error.path("code").asInt();
        }
        return UpstreamErrors.fromStatus(provider, status, message == null ? error.toString() : message,
                overflowCode(error), null, false);
    }
}
