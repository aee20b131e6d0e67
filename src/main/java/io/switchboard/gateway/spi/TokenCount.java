package io.switchboard.gateway.spi;

import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AIMessage;
import io.switchboard.core.model.AITool;
import io.switchboard.core.model.ImagePart;
import io.switchboard.core.model.Part;
import io.switchboard.core.model.TextPart;
import io.switchboard.core.model.ThinkingPart;
import io.switchboard.core.model.ToolCallPart;
import io.switchboard.core.model.ToolResultPart;

/**
 * How many input tokens a request would take, and whether the backend counted them ({@code exact}) or the
 * gateway estimated them ({@link #estimate}) for a backend with no counting endpoint.
 */
public record TokenCount(int inputTokens, boolean exact) {

    /** Characters per token of the estimate: about right for English text and JSON under the common tokenizers. */
    static final int CHARS_PER_TOKEN = 4;
    /** Tokens each message adds besides its content (its role and the template's separators). */
    static final int PER_MESSAGE = 4;
    /** Tokens an image adds: the most Anthropic counts for one image it does not scale down. */
    static final int PER_IMAGE = 1600;

    public static TokenCount exact(int inputTokens) {
        return new TokenCount(inputTokens, true);
    }

    /**
     * The gateway's estimate, the same for every backend: one token per {@value #CHARS_PER_TOKEN} characters
     * (rounded up) of all the text the backend reads (system prompt, message texts, thinking, tool calls' names
     * and arguments, tool results, tools' names, descriptions and parameter schemas as JSON), plus
     * {@value #PER_MESSAGE} per message and {@value #PER_IMAGE} per image.
     */
    public static TokenCount estimate(AIContext context) {
        long chars = length(context.systemPrompt());
        long tokens = 0;
        for (AIMessage message : context.messages()) {
            tokens += PER_MESSAGE;
            for (Part part : message.content()) {
                tokens += part instanceof ImagePart ? PER_IMAGE : 0;
                chars += characters(part);
            }
        }
        for (AITool tool : context.tools()) {
            chars += length(tool.name()) + length(tool.description()) + tool.parameters().toString().length();
        }
        tokens += (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
        return new TokenCount((int) Math.min(Integer.MAX_VALUE, tokens), false);
    }

    private static long characters(Part part) {
        return switch (part) {
            case TextPart text -> length(text.text());
            case ThinkingPart thinking -> length(thinking.thinking());
            case ToolCallPart call -> length(call.name()) + (call.arguments() == null ? 0
                    : call.arguments().toString()
                            .length());
            case ToolResultPart result -> result.result() == null ? 0
                    : result.result().stream().mapToLong(TokenCount::characters).sum();
            case ImagePart image -> 0;
        };
    }

    private static long length(String text) {
        return text == null ? 0 : text.length();
    }
}
