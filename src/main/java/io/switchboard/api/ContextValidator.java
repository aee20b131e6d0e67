package io.switchboard.api;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AIMessage;
import io.switchboard.core.model.AITool;
import io.switchboard.core.model.CacheControl;
import io.switchboard.core.model.ImagePart;
import io.switchboard.core.model.Part;
import io.switchboard.core.model.ResponseFormat;
import io.switchboard.core.model.Role;
import io.switchboard.core.model.TextPart;
import io.switchboard.core.model.ThinkingPart;
import io.switchboard.core.model.ToolCallPart;
import io.switchboard.core.model.ToolChoice;
import io.switchboard.core.model.ToolResultPart;
import io.switchboard.errors.GatewayException;

/** The checks of an {@link AIContext} that binding cannot make; each failure names the field path. */
public final class ContextValidator {

    /**
     * More stop sequences than any backend takes (OpenAI takes 4, Gemini 5; the backends with a lower
     * limit than this refuse the rest themselves, naming the field).
     */
    public static final int MAX_STOP_SEQUENCES = 16;

    private ContextValidator() {
    }

    public static void validate(AIContext context) {
        if (context.temperature() != null && (context.temperature() < 0 || context.temperature() > 2
                || context.temperature().isNaN())) {
            fail("temperature", "must be between 0 and 2, got " + context.temperature());
        }
        String topP = topPProblem(context.topP());
        if (topP != null) {
            fail("top_p", topP);
        }
        if (context.maxTokens() != null && context.maxTokens() < 1) {
            fail("max_tokens", "must be at least 1, got " + context.maxTokens());
        }
        if (context.thinkingBudget() != null && context.thinkingBudget() < 0) {
            fail("thinking_budget", "must not be negative, got " + context.thinkingBudget());
        }
        List<AIMessage> messages = context.messages();
        for (int i = 0; i < messages.size(); i++) {
            validateMessage(messages.get(i), "messages[" + i + "]");
        }
        validateCacheControl(context.systemCacheControl(), "system_cache_control");
        validateStopSequences(context.stopSequences());
        validateToolChoice(context.toolChoice());
        if (context.responseFormat() != null) {
            validateResponseFormat(context.responseFormat(), "response_format");
        }
        Set<String> toolNames = new HashSet<>();
        for (int i = 0; i < context.tools().size(); i++) {
            AITool tool = context.tools().get(i);
            String at = "tools[" + i + "]";
            if (tool == null) {
                fail(at, "must be an object");
            }
            if (blank(tool.name())) {
                fail(at + ".name", "required");
            }
            if (!toolNames.add(tool.name())) {
                fail(at + ".name", "duplicate tool name \"" + tool.name() + "\"");
            }
            validateCacheControl(tool.cacheControl(), at + ".cache_control");
        }
    }

    /**
     * The checks of a response format, its fields named under {@code at}: a door that spells the format its own
     * way passes its own field name.
     */
    public static void validateResponseFormat(ResponseFormat format, String at) {
        validateResponseFormat(format, at, at + ".json_schema");
    }

    /** As {@link #validateResponseFormat(ResponseFormat, String)}, the schema's fields named under {@code schemaAt}. */
    public static void validateResponseFormat(ResponseFormat format, String at, String schemaAt) {
        String problem = format.problem(at, schemaAt);
        if (problem != null) {
            throw GatewayException.invalidRequest(problem);
        }
    }

    private static void validateStopSequences(List<String> stops) {
        if (stops.size() > MAX_STOP_SEQUENCES) {
            fail("stop_sequences", "at most " + MAX_STOP_SEQUENCES + " stop sequences, got " + stops.size());
        }
        for (int i = 0; i < stops.size(); i++) {
            if (stops.get(i) == null || stops.get(i).isEmpty()) {
                fail("stop_sequences[" + i + "]", "must be a non-empty string");
            }
        }
    }

    private static void validateToolChoice(ToolChoice choice) {
        if (choice == null) {
            return;
        }
        if (choice.type() == null || !ToolChoice.TYPES.contains(choice.type())) {
            fail("tool_choice.type", (choice.type() == null ? "required" : "unknown \"" + choice.type() + "\"")
                    + " (one of auto, none, required, tool)");
        }
        if (choice.is(ToolChoice.TOOL) && blank(choice.name())) {
            fail("tool_choice.name", "required when type is tool");
        }
        if (!choice.is(ToolChoice.TOOL) && choice.name() != null) {
            fail("tool_choice.name", "only with type tool");
        }
    }

    private static void validateMessage(AIMessage message, String at) {
        if (message == null) {
            fail(at, "must be an object");
        }
        if (message.role() == null) {
            fail(at + ".role", "required (one of system, user, assistant, tool)");
        }
        if (Role.fromWire(message.role()) == null) {
            fail(at + ".role", "unknown role \"" + message.role() + "\" (one of system, user, assistant, tool)");
        }
        if (message.content() == null) {
            fail(at + ".content", "required (a string or a list of parts)");
        }
        for (int j = 0; j < message.content().size(); j++) {
            validatePart(message.content().get(j), at + ".content[" + j + "]", true);
        }
    }

    private static void validatePart(Part part, String at, boolean nested) {
        if (part != null) {
            validateCacheControl(part.cacheControl(), at + ".cache_control");
        }
        switch (part) {
            case null -> fail(at, "must be an object");
            case TextPart text -> {
                if (text.text() == null) {
                    fail(at + ".text", "required");
                }
            }
            case ImagePart image -> validateImage(image, at);
            case ToolCallPart call -> {
                if (blank(call.id())) {
                    fail(at + ".id", "required");
                }
                if (blank(call.name())) {
                    fail(at + ".name", "required");
                }
            }
            case ToolResultPart result -> {
                if (blank(result.toolCallId())) {
                    fail(at + ".tool_call_id", "required");
                }
                for (int k = 0; k < result.result().size(); k++) {
                    Part inner = result.result().get(k);
                    String innerAt = at + ".result[" + k + "]";
                    if (!(inner instanceof TextPart) && !(inner instanceof ImagePart)) {
                        fail(innerAt + ".type", "a tool result holds only text and image parts");
                    }
                    validatePart(inner, innerAt, false);
                }
            }
            case ThinkingPart thinking -> {
                // thinking text may be empty: a signature-only block (redacted thinking) is legitimate
            }
        }
    }

    /**
     * A prompt-cache breakpoint: type {@code ephemeral}, the only one there is, and a ttl of {@code 5m} or
     * {@code 1h} (absent: the backend's default, 5 minutes); {@code at} names the field, e.g.
     * {@code tools[0].cache_control}.
     */
    public static void validateCacheControl(CacheControl control, String at) {
        String problem = control == null ? null : control.problem();
        if (problem != null) {
            throw GatewayException.invalidRequest(at + "." + problem);
        }
    }

    private static void validateImage(ImagePart image, String at) {
        if (blank(image.url())) {
            fail(at + ".url", "required");
        }
        String problem = imageUrlProblem(image.url());
        if (problem != null) {
            fail(at + ".url", problem);
        }
    }

    /**
     * What is wrong with a {@code top_p}, or null: for a dialect that spells the field its own way, so that its 400
     * names its own field. Above 0 and at most 1 is the range every backend takes (Mistral refuses 0, which OpenAI and
     * Anthropic would take).
     */
    public static String topPProblem(Double topP) {
        if (topP != null && !(topP > 0 && topP <= 1)) {
            return "must be greater than 0 and at most 1, got " + topP;
        }
        return null;
    }

    /**
     * What is wrong with a non-blank image URL, or null: for a dialect whose image field has another name than
     * {@code url}, so that its 400 names its own field.
     */
    public static String imageUrlProblem(String url) {
        if (url.startsWith("data:")) {
            if (!url.contains(",") || !url.substring(0, url.indexOf(',')).endsWith(";base64")) {
                return "a data: URI must be base64 (data:<mime>;base64,<data>)";
            }
        } else if (!url.startsWith("https://") && !url.startsWith("http://")) {
            // plain http is allowed for images served on a local network (local models, Ollama fetching)
            return "must be an https: (or http:) URL or a data: URI";
        }
        return null;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static void fail(String field, String message) {
        throw GatewayException.invalidRequest(field + ": " + message);
    }
}
