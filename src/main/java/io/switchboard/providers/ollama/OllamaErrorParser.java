package io.switchboard.providers.ollama;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.upstream.GenericErrorParser;
import io.vertx.core.MultiMap;

/**
 * Ollama's {@code {"error": "…"}} bodies. A 404 means the model is not on the Ollama host: the
 * message then says how to get it, since that is nearly always what the operator must do.
 */
final class OllamaErrorParser extends GenericErrorParser {

    /** Ollama's wording: {@code model "qwen3:0.6b" not found, try pulling it first} (older: single quotes). */
    private static final Pattern QUOTED_MODEL = Pattern.compile("model [\"']([^\"']+)[\"']");

    OllamaErrorParser(ObjectMapper json) {
        super(json);
    }

    @Override
    public ParsedError parse(int status, MultiMap headers, String body) {
        ParsedError parsed = super.parse(status, headers, body);
        if (status == 404) {
            String message = parsed.message() == null ? "model not found" : parsed.message();
            if (!message.contains("ollama pull")) {
                Matcher model = QUOTED_MODEL.matcher(message);
                message = message + " (pull the model on the Ollama host: ollama pull "
                        + (model.find() ? model.group(1) : "<model>") + ")";
            }
            return new ParsedError(message, parsed.contextOverflow(), parsed.retryAfter());
        }
        return parsed;
    }
}
