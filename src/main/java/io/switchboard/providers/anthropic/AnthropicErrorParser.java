package io.switchboard.providers.anthropic;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.upstream.GenericErrorParser;

/**
 * Anthropic error bodies: {@code {"type":"error","error":{"type","message"},"request_id"}}. The
 * generic parser reads the message; this adds Anthropic's structural overflow signal, which is
 * trusted before any phrase in the message.
 */
final class AnthropicErrorParser extends GenericErrorParser {

    AnthropicErrorParser(ObjectMapper json) {
        super(json);
    }

    @Override
    protected Boolean overflowCode(JsonNode error) {
        return overflow(error.path("message").asText(null));
    }

    /**
     * Anthropic has no overflow code: an invalid_request_error whose message starts "prompt is too
     * long" is its only form. Null otherwise, so the phrase list still gets a say.
     */
    static Boolean overflow(String message) {
        return message != null && message.toLowerCase(Locale.ROOT).contains("prompt is too long") ? Boolean.TRUE
                : null;
    }
}
