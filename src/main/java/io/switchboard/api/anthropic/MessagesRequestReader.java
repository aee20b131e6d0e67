package io.switchboard.api.anthropic;

import static io.switchboard.api.JsonFields.array;
import static io.switchboard.api.JsonFields.bool;
import static io.switchboard.api.JsonFields.forEachTagged;
import static io.switchboard.api.JsonFields.integer;
import static io.switchboard.api.JsonFields.invalid;
import static io.switchboard.api.JsonFields.nonEmptyStrings;
import static io.switchboard.api.JsonFields.number;
import static io.switchboard.api.JsonFields.object;
import static io.switchboard.api.JsonFields.present;
import static io.switchboard.api.JsonFields.presentString;
import static io.switchboard.api.JsonFields.readObjects;
import static io.switchboard.api.JsonFields.requiredString;
import static io.switchboard.api.JsonFields.string;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.api.ContextValidator;
import io.switchboard.api.ResponseFormats;
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

/**
 * Reads a Messages request into an {@link AIContext}. {@code max_tokens} is required, as Anthropic
 * requires it. What Switchboard cannot honour ({@code top_k}, server tools, document
 * blocks) is a 400 naming the field rather than a silently
 * different answer; {@code metadata} and {@code service_tier} are ignored, as unknown fields are. Each
 * {@code cache_control} (on system blocks, content blocks and tools) stays on the part it marks.
 * A user message's {@code tool_result} blocks become tool messages, before the rest of its content.
 */
@ApplicationScoped
class MessagesRequestReader {

    /** The Messages API's smallest {@code thinking.budget_tokens}. */
    static final int MIN_THINKING_BUDGET = 1024;

    private final MessagesAnswers answers;

    MessagesRequestReader(MessagesAnswers answers) {
        this.answers = answers;
    }

    MessagesRequest read(ObjectNode body, String requestId) {
        String model = requiredString(body, "model", "model");
        Integer maxTokens = integer(body, "max_tokens", "max_tokens");
        if (maxTokens == null) {
            throw invalid("max_tokens", "required");
        }
        return read(body, model, maxTokens, requestId);
    }

    /**
     * A token-count request ({@code /v1/messages/count_tokens}): a Messages request without {@code max_tokens},
     * which counting does not need, read and checked as {@link #read} does.
     */
    MessagesRequest readCount(ObjectNode body, String requestId) {
        String model = requiredString(body, "model", "model");
        return read(body, model, integer(body, "max_tokens", "max_tokens"), requestId);
    }

    private MessagesRequest read(ObjectNode body, String model, Integer maxTokens, String requestId) {
        refuseUnsupported(body);
        ArrayNode messages = array(body, "messages", "messages");
        if (messages == null || messages.isEmpty()) {
            throw invalid("messages", "required (a non-empty list)");
        }
        SystemPrompt system = system(body);
        List<AIMessage> conversation = new ArrayList<>(system.blocks());
        Map<String, String> toolNames = new HashMap<>();
        forEachTagged(messages, "messages", "role", (message, role, at) -> {
            if (!role.equals("user") && !role.equals("assistant")) {
                throw invalid(at + ".role", "unsupported role \"" + role + "\" (user or assistant)");
            }
            readMessage(role.equals("user") ? Role.USER : Role.ASSISTANT, message.get("content"), at + ".content",
                    toolNames, conversation);
        });
        Integer budget = null;
        Boolean thinking = null;
        ObjectNode thinkingConfig = object(body, "thinking", "thinking");
        if (thinkingConfig != null) {
            String type = requiredString(thinkingConfig, "type", "thinking.type");
            switch (type) {
                case "enabled" -> {
                    thinking = true;
                    budget = thinkingBudget(thinkingConfig);
                }
                case "disabled" -> thinking = false;
                default -> throw invalid("thinking.type", "unsupported \"" + type + "\" (enabled or disabled)");
            }
        }
        ObjectNode choice = object(body, "tool_choice", "tool_choice");
        ArrayNode stops = array(body, "stop_sequences", "stop_sequences");
        AIContext context = new AIContext(conversation, system.text(), number(body, "temperature", "temperature"),
                maxTokens, budget, thinking, null, tools(body), toolChoice(choice), parallelToolCalls(choice),
                stops == null ? List.of()
                        : nonEmptyStrings(stops, "stop_sequences", ContextValidator.MAX_STOP_SEQUENCES),
                null, null, true).withCaching(system.cacheControl(), null).withResponseFormat(outputFormat(body));
        Double topP = number(body, "top_p", "top_p");
        if (topP != null) {
            context = context.withTopP(topP);
        }
        ContextValidator.validate(context);
        boolean stream = Boolean.TRUE.equals(bool(body, "stream", "stream"));
        return new MessagesRequest(context, stream, model, "msg_" + requestId, answers);
    }

    /**
     * Anthropic's structured output, {@code output_format: {"type": "json_schema", "schema": {…}}}, as a
     * {@code json_schema} format; null when absent.
     */
    private static ResponseFormat outputFormat(ObjectNode body) {
        ObjectNode format = object(body, "output_format", "output_format");
        if (format == null) {
            return null;
        }
        String type = requiredString(format, "type", "output_format.type");
        if (!ResponseFormat.JSON_SCHEMA.equals(type)) {
            throw invalid("output_format.type", "unsupported \"" + type + "\" (json_schema)");
        }
        ObjectNode schema = object(format, "schema", "output_format.schema");
        if (schema == null) {
            throw invalid("output_format.schema", "required (a JSON Schema object)");
        }
        return new ResponseFormat(type, new ResponseFormat.JsonSchema(ResponseFormats.UNNAMED, null, schema, null));
    }

    /** {@code thinking.budget_tokens}, held to the Messages API's rules: required, at least 1024. */
    private static int thinkingBudget(ObjectNode thinking) {
        Integer budget = integer(thinking, "budget_tokens", "thinking.budget_tokens");
        if (budget == null) {
            throw invalid("thinking.budget_tokens", "required when thinking.type is \"enabled\" (at least "
                    + MIN_THINKING_BUDGET + ")");
        }
        if (budget < MIN_THINKING_BUDGET) {
            throw invalid("thinking.budget_tokens", "must be at least " + MIN_THINKING_BUDGET + ", got " + budget);
        }
        return budget;
    }

    private static void refuseUnsupported(ObjectNode body) {
        for (String field : List.of("top_k", "mcp_servers", "container")) {
            if (present(body, field)) {
                throw invalid(field, "not supported");
            }
        }
    }

    /** {@code tool_choice.type}: {@code auto}, {@code any} (neutral {@code required}), {@code tool} or {@code none}. */
    private static ToolChoice toolChoice(ObjectNode choice) {
        if (choice == null) {
            return null;
        }
        String type = requiredString(choice, "type", "tool_choice.type");
        return switch (type) {
            case "auto" -> ToolChoice.of(ToolChoice.AUTO);
            case "any" -> ToolChoice.of(ToolChoice.REQUIRED);
            case "none" -> ToolChoice.of(ToolChoice.NONE);
            case "tool" -> ToolChoice.tool(requiredString(choice, "name", "tool_choice.name"));
            default -> throw invalid("tool_choice.type", "unknown \"" + type + "\" (auto, any, tool or none)");
        };
    }

    /** {@code disable_parallel_tool_use: true} is the neutral {@code parallel_tool_calls: false}. */
    private static Boolean parallelToolCalls(ObjectNode choice) {
        if (choice == null) {
            return null;
        }
        Boolean disabled = bool(choice, "disable_parallel_tool_use", "tool_choice.disable_parallel_tool_use");
        return disabled == null ? null : !disabled;
    }

    /**
     * The system prompt: its text and the cache breakpoint after it; or, when a breakpoint sits on a block before
     * the last, no text but one system message per block, so that each breakpoint stays on its block.
     */
    private record SystemPrompt(String text, CacheControl cacheControl, List<AIMessage> blocks) {

        static final SystemPrompt NONE = new SystemPrompt(null, null, List.of());
    }

    /** {@code system}: a string, or text blocks joined (each may carry a {@code cache_control}). */
    private static SystemPrompt system(ObjectNode body) {
        JsonNode system = body.get("system");
        if (system == null || system.isNull()) {
            return SystemPrompt.NONE;
        }
        if (system.isTextual()) {
            return new SystemPrompt(system.textValue(), null, List.of());
        }
        if (!system.isArray()) {
            throw invalid("system", "must be a string or a list of text blocks");
        }
        List<TextPart> blocks = new ArrayList<>(system.size());
        forEachTagged(system, "system", "type", (block, type, at) -> {
            if (!"text".equals(type)) {
                throw invalid(at + ".type", "only text blocks are allowed here");
            }
            blocks.add(new TextPart(presentString(block, "text", at + ".text"), cacheControl(block, at)));
        });
        boolean markedInside = false;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < blocks.size(); i++) {
            markedInside |= i < blocks.size() - 1 && blocks.get(i).cacheControl() != null;
            text.append(text.isEmpty() ? "" : "\n").append(blocks.get(i).text());
        }
        if (markedInside) {
            return new SystemPrompt(null, null,
                    blocks.stream().map(block -> new AIMessage(Role.SYSTEM, List.<Part> of(block))).toList());
        }
        return new SystemPrompt(text.toString(), blocks.isEmpty() ? null : blocks.getLast().cacheControl(), List.of());
    }

    /** A block's {@code cache_control}, checked as the native API checks it; null when absent. */
    private static CacheControl cacheControl(ObjectNode block, String at) {
        ObjectNode control = object(block, "cache_control", at + ".cache_control");
        if (control == null) {
            return null;
        }
        CacheControl read = new CacheControl(string(control, "type", at + ".cache_control.type"),
                string(control, "ttl", at + ".cache_control.ttl"));
        ContextValidator.validateCacheControl(read, at + ".cache_control");
        return read;
    }

    private static void readMessage(Role role, JsonNode content, String at, Map<String, String> toolNames,
            List<AIMessage> conversation) {
        if (content != null && content.isTextual()) {
            conversation.add(new AIMessage(role, List.of(new TextPart(content.textValue()))));
            return;
        }
        if (content == null || !content.isArray()) {
            throw invalid(at, "required (a string or a list of content blocks)");
        }
        List<Part> parts = new ArrayList<>();
        forEachTagged(content, at, "type", (block, type, blockAt) -> {
            switch (type) {
                case "text" -> parts.add(new TextPart(presentString(block, "text", blockAt + ".text"),
                        cacheControl(block, blockAt)));
                case "image" -> parts.add(image(block, blockAt));
                case "tool_use" -> {
                    onlyFrom(role, Role.ASSISTANT, type, blockAt);
                    String id = requiredString(block, "id", blockAt + ".id");
                    String name = requiredString(block, "name", blockAt + ".name");
                    ObjectNode input = object(block, "input", blockAt + ".input");
                    parts.add(new ToolCallPart(id, name, input, null, null, cacheControl(block, blockAt)));
                    toolNames.put(id, name);
                }
                case "tool_result" -> {
                    onlyFrom(role, Role.USER, type, blockAt);
                    String id = requiredString(block, "tool_use_id", blockAt + ".tool_use_id");
                    conversation.add(new AIMessage(Role.TOOL, List.of(new ToolResultPart(id, toolNames.get(id),
                            toolResult(block.get("content"), blockAt + ".content"),
                            bool(block, "is_error", blockAt + ".is_error"), cacheControl(block, blockAt)))));
                }
                case "thinking" -> {
                    onlyFrom(role, Role.ASSISTANT, type, blockAt);
                    String signature = string(block, "signature", blockAt + ".signature");
                    parts.add(new ThinkingPart(string(block, "thinking", blockAt + ".thinking"),
                            signature == null || signature.isEmpty() ? null : signature));
                }
                case "redacted_thinking" -> {
                    onlyFrom(role, Role.ASSISTANT, type, blockAt);
                    parts.add(ThinkingPart.redacted(requiredString(block, "data", blockAt + ".data")));
                }
                default -> throw invalid(blockAt + ".type", "unsupported content block \"" + type
                        + "\" (text, image, tool_use, tool_result, thinking, redacted_thinking)");
            }
        });
        if (!parts.isEmpty()) {
            conversation.add(new AIMessage(role, parts));
        }
    }

    private static void onlyFrom(Role role, Role expected, String type, String at) {
        if (role != expected) {
            throw invalid(at + ".type", type + " blocks belong in " + expected.wireName() + " messages");
        }
    }

    /** A tool result's content: a string, or text and image blocks. */
    private static List<Part> toolResult(JsonNode content, String at) {
        if (content == null || content.isNull()) {
            return List.of();
        }
        if (content.isTextual()) {
            return List.of(new TextPart(content.textValue()));
        }
        if (!content.isArray()) {
            throw invalid(at, "must be a string or a list of text and image blocks");
        }
        List<Part> parts = new ArrayList<>();
        forEachTagged(content, at, "type", (block, type, blockAt) -> {
            switch (type) {
                case "text" -> parts.add(new TextPart(presentString(block, "text", blockAt + ".text"),
                        cacheControl(block, blockAt)));
                case "image" -> parts.add(image(block, blockAt));
                default -> throw invalid(blockAt + ".type", "a tool result holds only text and image blocks");
            }
        });
        return parts;
    }

    /** An image block: base64 data becomes a data: URI, a URL stays a URL. */
    private static ImagePart image(ObjectNode block, String at) {
        ObjectNode source = object(block, "source", at + ".source");
        if (source == null) {
            throw invalid(at + ".source", "required");
        }
        String type = requiredString(source, "type", at + ".source.type");
        return switch (type) {
            case "base64" -> {
                String mediaType = requiredString(source, "media_type", at + ".source.media_type");
                yield new ImagePart("data:" + mediaType + ";base64," + requiredString(source, "data",
                        at + ".source.data"), mediaType, cacheControl(block, at));
            }
            case "url" -> new ImagePart(requiredString(source, "url", at + ".source.url"), null, cacheControl(block, at));
            default -> throw invalid(at + ".source.type", "unsupported \"" + type + "\" (base64 or url)");
        };
    }

    private static List<AITool> tools(ObjectNode body) {
        return readObjects(body, "tools", (tool, at) -> {
            String type = string(tool, "type", at + ".type");
            if (type != null && !type.equals("custom")) {
                throw invalid(at + ".type", "server tools (\"" + type + "\") are not supported; only custom tools");
            }
            return new AITool(requiredString(tool, "name", at + ".name"), string(tool, "description", at + ".description"),
                    object(tool, "input_schema", at + ".input_schema"), cacheControl(tool, at));
        });
    }
}
