package io.switchboard.api.gemini;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AIMessage;
import io.switchboard.core.model.AITool;
import io.switchboard.core.model.ImagePart;
import io.switchboard.core.model.Part;
import io.switchboard.core.model.TextPart;
import io.switchboard.core.model.ThinkingPart;
import io.switchboard.core.model.ToolCallPart;
import io.switchboard.core.model.ToolResultPart;
import io.vertx.core.buffer.Buffer;

/**
 * {@code countTokens}' answer, {@code {"totalTokens": n}}, estimated the same for every backend: a quarter of the
 * characters of every text the request carries (the system instruction, texts, function calls' arguments and
 * responses, function declarations), rounded up, and {@value #IMAGE_TOKENS} per image, Gemini's count for a small
 * image. The answer says it is an estimate in its {@value #ESTIMATE_HEADER} header: a backend's own tokenizer
 * counts differently.
 */
@ApplicationScoped
class TokenCounts {

    /** The header that marks a count as an estimate. */
    static final String ESTIMATE_HEADER = "x-switchboard-token-estimate";
    static final int IMAGE_TOKENS = 258;
    static final Map<String, List<String>> HEADERS = Map.of("Content-Type", List.of("application/json"),
            ESTIMATE_HEADER, List.of("true"));

    Buffer estimate(AIContext context) {
        long characters = length(context.systemPrompt());
        int images = 0;
        for (AIMessage message : context.messages()) {
            for (Part part : message.content()) {
                switch (part) {
                    case TextPart text -> characters += length(text.text());
                    case ThinkingPart thinking -> characters += length(thinking.thinking());
                    case ImagePart image -> images++;
                    case ToolCallPart call -> characters += length(call.name()) + call.arguments().toString().length();
                    case ToolResultPart result -> {
                        characters += length(result.resultText());
                        images += result.resultImages().size();
                    }
                }
            }
        }
        for (AITool tool : context.tools()) {
            characters += length(tool.name()) + length(tool.description())
                    + (tool.parameters() == null ? 0 : tool.parameters().toString().length());
        }
        long tokens = (characters + 3) / 4 + (long) images * IMAGE_TOKENS;
        return Buffer.buffer("{\"totalTokens\":" + tokens + "}");
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }
}
