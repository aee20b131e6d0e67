package io.switchboard.providers.mistral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.upstream.GenericErrorParser;
import io.vertx.core.MultiMap;

/**
 * Mistral's error bodies: {@code {"object":"error","message":…,"type":…,"param":…,"code":…}}, where
 * {@code message} is a string or, for validation errors, an object holding FastAPI's
 * {@code detail} list; plain {@code {"message": …}} (401, 429) and {@code {"detail": …}} also occur.
 * Context overflow has no code of its own and is found by the phrase list ("maximum context length").
 */
final class MistralErrorParser extends GenericErrorParser {

    MistralErrorParser(ObjectMapper json) {
        super(json);
    }

    @Override
    public ParsedError parse(int status, MultiMap headers, String body) {
        JsonNode root = readTree(body);
        if (root == null || root.path("error").isObject() || root.path("error").isTextual()) {
            return super.parse(status, headers, body);
        }
        JsonNode message = root.has("message") ? root.get("message") : root.get("detail");
        String text = messageOf(message, textOrNull(root.path("type")));
        return text == null ? super.parse(status, headers, body) : new ParsedError(text);
    }

    @Override
    protected Boolean overflowCode(JsonNode error) {
        return null;
    }

    /** The readable message: a string as is, a validation {@code detail} list as "field: problem; …", with the type. */
    static String messageOf(JsonNode message, String type) {
        String text = null;
        if (message != null && message.isTextual() && !message.asText().isBlank()) {
            text = message.asText();
        } else if (message != null && (message.isObject() || message.isArray())) {
            JsonNode detail = message.isObject() ? message.path("detail") : message;
            text = detail.isArray() ? describe(detail) : detail.isTextual() ? detail.asText() : message.toString();
        }
        if (text == null) {
            return type;
        }
        return type == null ? text : text + " (" + type + ")";
    }

    /** FastAPI validation problems, e.g. {@code body.messages.1.content: Field required}; input values are left out. */
    private static String describe(JsonNode detail) {
        StringBuilder out = new StringBuilder();
        for (JsonNode problem : detail) {
            if (!out.isEmpty()) {
                out.append("; ");
            }
            StringBuilder location = new StringBuilder();
            for (JsonNode part : problem.path("loc")) {
                if (!location.isEmpty()) {
                    location.append('.');
                }
                location.append(part.asText());
            }
            if (!location.isEmpty()) {
                out.append(location).append(": ");
            }
            out.append(problem.path("msg").asText("invalid"));
        }
        return out.isEmpty() ? null : out.toString();
    }
}
