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

    OpenAiErrorParser(ObjectMapper json) {
        super(json);
    }

    /** The failure an in-stream error frame reports ({@code error} is the frame's {@code error} value or the frame). */
    GatewayException streamError(String provider, JsonNode error) {
        if (error.isTextual()) {
            return UpstreamErrors.fromStreamError(provider, null, null, null, error.asText(), null, false);
        }
        String message = textOrNull(error.path("message"));
        // Groq states the status in status_code, vLLM as an integer code; OpenAI names only a code and a type.
        Integer stated = error.path("status_code").canConvertToInt() ? Integer.valueOf(error.path("status_code").asInt())
                : error.path("code").isInt() ? Integer.valueOf(error.path("code").asInt()) : null;
        return UpstreamErrors.fromStreamError(provider, stated, textOrNull(error.path("code")),
                textOrNull(error.path("type")), message == null ? error.toString() : message, overflowCode(error), false);
    }
}
