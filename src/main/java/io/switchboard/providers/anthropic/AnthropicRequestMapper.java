package io.switchboard.providers.anthropic;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AIMessage;
import io.switchboard.core.model.AITool;
import io.switchboard.core.model.ImagePart;
import io.switchboard.core.model.Part;
import io.switchboard.core.model.Role;
import io.switchboard.core.model.TextPart;
import io.switchboard.core.model.ThinkingPart;
import io.switchboard.core.model.ToolCallPart;
import io.switchboard.core.model.ToolChoice;
import io.switchboard.core.model.ToolResultPart;
import io.switchboard.errors.GatewayException;
import io.switchboard.gateway.spi.ProviderRequest;
import io.switchboard.gateway.spi.ToolUse;

/**
 * Builds a Messages API request body from a {@link ProviderRequest}. Content is always sent as
 * block lists, so prompt caching can mark the last eligible block of a message.
 */
final class AnthropicRequestMapper {

    /** Anthropic requires max_tokens; sent when neither the request nor the provider set one. */
    static final int DEFAULT_MAX_TOKENS = 4096;
    /** The smallest {@code thinking.budget_tokens} the Messages API takes. */
    static final int MIN_THINKING_BUDGET = 1024;
    /** Blocks a cache breakpoint may sit on (Anthropic refuses one on a thinking block). */
    private static final Set<String> CACHEABLE = Set.of("text", "tool_result", "tool_use", "image");
    /** At most two messages are marked, walking from the end: the newest turns are the ones re-read next time. */
    private static final int CACHED_MESSAGES = 2;
    /** The API's pattern for tool_use ids ({@code RequestToolUseBlock.id}). */
    private static final Pattern NOT_ID_CHAR = Pattern.compile("[^a-zA-Z0-9_-]");

    private final ObjectMapper json;
    private final boolean promptCaching;
    private final boolean adaptiveThinking;

    AnthropicRequestMapper(ObjectMapper json, boolean promptCaching, boolean adaptiveThinking) {
        this.json = json;
        this.promptCaching = promptCaching;
        this.adaptiveThinking = adaptiveThinking;
    }

    ObjectNode toWire(ProviderRequest request, boolean stream) {
        AIContext context = request.context();
        ObjectNode body = json.createObjectNode();
        body.put("model", request.model());
        body.put("max_tokens", request.maxTokens() != null && request.maxTokens() > 0 ? request.maxTokens()
                : DEFAULT_MAX_TOKENS);
        ArrayNode messages = body.putArray("messages");
        StringBuilder system = new StringBuilder(context.systemPrompt() == null ? "" : context.systemPrompt());
        for (AIMessage message : context.messages()) {
            if (message.roleValue() == Role.SYSTEM) {
                // The Messages API has no system role in messages: a stray system turn joins the system prompt.
                appendParagraph(system, message.text());
                continue;
            }
            ArrayNode blocks = toBlocks(message.content());
            if (blocks.isEmpty()) {
                continue; // the API rejects empty content; an empty turn carries nothing anyway
            }
            ObjectNode wire = messages.addObject();
            wire.put("role", message.roleValue() == Role.ASSISTANT ? "assistant" : "user");
            wire.set("content", blocks);
        }
        if (!system.toString().isBlank()) {
            if (promptCaching) {
                ObjectNode block = body.putArray("system").addObject();
                block.put("type", "text");
                block.put("text", system.toString());
                markCached(block);
            } else {
                body.put("system", system.toString());
            }
        }
        if (thinks(context)) {
            ObjectNode thinking = body.putObject("thinking");
            if (adaptiveThinking) {
                thinking.put("type", "adaptive");
                thinking.put("display", "summarized");
            } else {
                thinking.put("type", "enabled");
                thinking.put("budget_tokens", enabledBudget(context.thinkingBudget()));
            }
            // The API rejects temperature while thinking is on.
        } else if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (!context.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (AITool tool : context.tools()) {
                tools.add(toTool(tool));
            }
            if (promptCaching) {
                markCached((ObjectNode) tools.get(tools.size() - 1));
            }
        }
        ObjectNode choice = toToolChoice(request.toolUse());
        if (choice != null) {
            body.set("tool_choice", choice);
        }
        AnthropicFormatTool.addTo(body, context, thinks(context));
        if (!context.stopSequences().isEmpty()) {
            ArrayNode stops = body.putArray("stop_sequences");
            context.stopSequences().forEach(stops::add);
        }
        if (promptCaching) {
            markLastMessages(messages);
        }
        if (stream) {
            body.put("stream", true);
        }
        return body;
    }

    /**
     * The body of {@code POST /v1/messages/count_tokens}: the Messages body of the same request without what the
     * endpoint refuses as extra inputs (it takes only model, messages, system, thinking, tools and tool_choice).
     */
    ObjectNode toCountWire(ProviderRequest request) {
        ObjectNode body = toWire(request, false);
        body.remove(List.of("max_tokens", "temperature", "stop_sequences"));
        return body;
    }

    /**
     * Whether the request asks for thinking: a positive budget or {@code enable_thinking: true}, unless
     * {@code enable_thinking: false} or a budget of 0 turns it off.
     */
    private static boolean thinks(AIContext context) {
        Integer budget = context.thinkingBudget();
        if (Boolean.FALSE.equals(context.enableThinking()) || budget != null && budget <= 0) {
            return false;
        }
        return budget != null || Boolean.TRUE.equals(context.enableThinking());
    }

    /**
     * The budget of the {@code enabled} shape, which the API requires and takes from 1024 tokens: a request
     * without one, or with less, is refused naming the field rather than sent to be refused or to think
     * without being asked to.
     */
    private static int enabledBudget(Integer budget) {
        if (budget == null) {
            throw GatewayException.invalidRequest("thinking_budget: required to think on an Anthropic backend (at least "
                    + MIN_THINKING_BUDGET + "), unless the provider sets thinking-type=adaptive");
        }
        if (budget < MIN_THINKING_BUDGET) {
            throw GatewayException.invalidRequest("thinking_budget: an Anthropic backend takes at least "
                    + MIN_THINKING_BUDGET + ", got " + budget);
        }
        return budget;
    }

    /**
     * {@code auto}, {@code any} (neutral {@code required}), {@code tool} or {@code none}; at most one call
     * is {@code disable_parallel_tool_use} on the choice, which {@code none} does not take (no call at all).
     */
    private ObjectNode toToolChoice(ToolUse use) {
        ToolChoice choice = use.choice();
        if (choice == null && !use.singleCall()) {
            return null;
        }
        ObjectNode wire = json.createObjectNode();
        String type = choice == null ? ToolChoice.AUTO : choice.type();
        switch (type) {
            case ToolChoice.REQUIRED -> wire.put("type", "any");
            case ToolChoice.TOOL -> wire.put("type", "tool").put("name", choice.name());
            default -> wire.put("type", type);
        }
        if (use.singleCall() && !ToolChoice.NONE.equals(type)) {
            wire.put("disable_parallel_tool_use", true);
        }
        return wire;
    }

    private ArrayNode toBlocks(List<Part> parts) {
        ArrayNode blocks = json.createArrayNode();
        if (parts == null) {
            return blocks;
        }
        for (Part part : parts) {
            switch (part) {
                case TextPart text -> addText(blocks, text.text());
                case ImagePart image -> blocks.add(toImage(image));
                case ToolCallPart call -> {
                    ObjectNode block = blocks.addObject();
                    block.put("type", "tool_use");
                    block.put("id", toWireId(call.id()));
                    block.put("name", call.name());
                    block.set("input", call.arguments());
                }
                case ToolResultPart result -> blocks.add(toToolResult(result));
                case ThinkingPart thinking -> addThinking(blocks, thinking);
            }
        }
        return blocks;
    }

    private static void addText(ArrayNode blocks, String text) {
        // The API rejects empty text blocks (minLength 1).
        if (text != null && !text.isEmpty()) {
            ObjectNode block = blocks.addObject();
            block.put("type", "text");
            block.put("text", text);
        }
    }

    private ObjectNode toImage(ImagePart image) {
        ObjectNode block = json.createObjectNode();
        block.put("type", "image");
        ObjectNode source = block.putObject("source");
        if (image.isDataUri()) {
            source.put("type", "base64");
            // The data URI's own header describes the bytes; the part's mime_type is only a fallback.
            String declared = dataUriMimeType(image.url());
            source.put("media_type", declared != null ? declared : image.effectiveMimeType());
            source.put("data", image.base64Data());
        } else {
            source.put("type", "url");
            source.put("url", image.url());
        }
        return block;
    }

    private ObjectNode toToolResult(ToolResultPart result) {
        ObjectNode block = json.createObjectNode();
        block.put("type", "tool_result");
        block.put("tool_use_id", toWireId(result.toolCallId()));
        if (result.failed()) {
            block.put("is_error", true);
        }
        if (result.resultImages().isEmpty()) {
            String text = result.resultText();
            if (!text.isEmpty()) {
                block.put("content", text);
            }
            return block;
        }
        // Images stay inside the tool_result (which accepts them), next to the text in order.
        ArrayNode content = block.putArray("content");
        for (Part part : result.result()) {
            if (part instanceof TextPart text) {
                addText(content, text.text());
            } else if (part instanceof ImagePart image) {
                content.add(toImage(image));
            }
        }
        return block;
    }

    private static void addThinking(ArrayNode blocks, ThinkingPart thinking) {
        String redacted = AnthropicRedactedThinking.dataOf(thinking.signature());
        if (redacted != null) {
            ObjectNode block = blocks.addObject();
            block.put("type", "redacted_thinking");
            block.put("data", redacted);
            return;
        }
        // Unsigned thinking (e.g. <think> text from another backend after a fallback) is refused by the
        // API, which requires a signature on every thinking block, so it is left out.
        if (thinking.signature() == null || thinking.signature().isEmpty()) {
            return;
        }
        ObjectNode block = blocks.addObject();
        block.put("type", "thinking");
        block.put("thinking", thinking.thinking());
        block.put("signature", thinking.signature());
    }

    private ObjectNode toTool(AITool tool) {
        ObjectNode wire = json.createObjectNode();
        wire.put("name", tool.name());
        if (tool.description() != null && !tool.description().isEmpty()) {
            wire.put("description", tool.description());
        }
        ObjectNode schema = tool.parameters();
        if (!schema.has("type")) {
            // input_schema must say type object; a bare {"properties": …} means exactly that.
            schema = schema.deepCopy().put("type", "object");
        }
        wire.set("input_schema", schema);
        return wire;
    }

    /** Marks the last cacheable block of up to two messages, from the end. */
    private static void markLastMessages(ArrayNode messages) {
        int marked = 0;
        for (int m = messages.size() - 1; m >= 0 && marked < CACHED_MESSAGES; m--) {
            JsonNode content = messages.get(m).get("content");
            for (int b = content.size() - 1; b >= 0; b--) {
                ObjectNode block = (ObjectNode) content.get(b);
                if (CACHEABLE.contains(block.path("type").asText())) {
                    markCached(block);
                    marked++;
                    break;
                }
            }
        }
    }

    private static void markCached(ObjectNode block) {
        block.putObject("cache_control").put("type", "ephemeral");
    }

    /**
     * Ids that came from another backend may hold characters the API refuses; they are mapped the
     * same way on the call and on its result, so the pair still matches.
     */
    static String toWireId(String id) {
        if (id == null || id.isEmpty()) {
            return "toolu_missing";
        }
        return NOT_ID_CHAR.matcher(id).replaceAll("_");
    }

    private static String dataUriMimeType(String url) {
        int end = url.indexOf(',');
        String header = end < 0 ? url.substring(5) : url.substring(5, end);
        int semicolon = header.indexOf(';');
        String mime = semicolon < 0 ? header : header.substring(0, semicolon);
        return mime.isBlank() ? null : mime;
    }

    private static void appendParagraph(StringBuilder text, String paragraph) {
        if (paragraph == null || paragraph.isBlank()) {
            return;
        }
        if (!text.isEmpty()) {
            text.append("\n\n");
        }
        text.append(paragraph);
    }
}
