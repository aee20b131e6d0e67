package io.switchboard.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.MultiMap;

/**
 * Understands the error bodies most backends send: {@code {"error": {"message", "code", "type"}}}
 * (OpenAI, Anthropic, Gemini), {@code {"error": "text"}} (Ollama), {@code {"message": …}} (Mistral),
 * and anything else as plain text. OpenAI's {@code code: context_length_exceeded} decides overflow.
 */
public class GenericErrorParser implements UpstreamErrorParser {

    private final ObjectMapper json;

    public GenericErrorParser(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public ParsedError parse(int status, MultiMap headers, String body) {
        JsonNode root = readTree(body);
        if (root == null) {
            return new ParsedError(plainText(body));
        }
        JsonNode error = root.path("error");
        if (error.isTextual()) {
            return new ParsedError(error.asText());
        }
        JsonNode container = error.isObject() ? error : root;
        String message = textOrNull(container.path("message"));
        if (message == null) {
            message = textOrNull(container.path("detail"));
        }
        if (message == null) {
            message = plainText(body);
        }
        return new ParsedError(message, overflowCode(container), null);
    }

    /** OpenAI-style structural overflow: true only when the code says so, else null (use the phrases). */
    protected Boolean overflowCode(JsonNode error) {
        return "context_length_exceeded".equals(error.path("code").asText(null)) ? Boolean.TRUE : null;
    }

    protected JsonNode readTree(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (Exception e) {
            return null;
        }
    }

    protected static String textOrNull(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static String plainText(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        // not cut here: the Redactor cuts messages, after removing the secrets from the whole text
        return body.strip();
    }
}
