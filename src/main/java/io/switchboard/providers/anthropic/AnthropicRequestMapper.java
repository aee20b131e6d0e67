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
import io.switchboard.core.model.CacheBreakpoints;
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
import io.switchboard.gateway.spi.ProviderRequest;
import io.switchboard.gateway.spi.ToolUse;

/**
 * Builds a Messages API request body from a {@link ProviderRequest}. Content is always sent as
 * block lists, so prompt caching can mark the last eligible block of a message. The request's own cache
 * breakpoints go on the blocks they were put on; only a request that placed none gets the automatic ones.
 */
final class AnthropicRequestMapper {

    /** Anthropic requires max_tokens; sent when neither the request nor the provider set one. */
    static final int DEFAULT_MAX_TOKENS = 4096;
    /** The smallest {@code thinking.budget_tokens} the Messages API takes. */
    static final int MIN_THINKING_BUDGET = 1024;
    /** The smallest {@code top_p} the Messages API takes while extended thinking is on. */
    static final double MIN_THINKING_TOP_P = 0.95;
    /** Blocks a cache breakpoint may sit on (Anthropic refuses one on a thinking block). */
    private static final Set<String> CACHEABLE = Set.of("text", "tool_result", "tool_use", "image");
    /** At most two messages are marked, walking from the end: the newest turns are the ones re-read next time. */
    private static final int CACHED_MESSAGES = 2;
    /** The most cache breakpoints the API takes in one request. */
    static final int MAX_BREAKPOINTS = 4;
    /** The API's pattern for tool_use ids ({@code RequestToolUseBlock.id}). */
    private static final Pattern NOT_ID_CHAR = Pattern.compile("[^a-zA-Z0-9_-]");

    private final ObjectMapper json;
    private final boolean promptCaching;
    /** A JSON response format goes out as Anthropic's {@code output_format}, not as a forced tool. */
    private final boolean outputFormat;
    private final boolean adaptiveThinking;

    AnthropicRequestMapper(ObjectMapper json, boolean promptCaching, boolean adaptiveThinking) {
        this(json, promptCaching, adaptiveThinking, false);
    }

    AnthropicRequestMapper(ObjectMapper json, boolean promptCaching, boolean adaptiveThinking, boolean outputFormat) {
        this.json = json;
        this.promptCaching = promptCaching;
        this.outputFormat = outputFormat;
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
        putSystem(body, context, system.toString());
        boolean thinks = thinks(context);
        if (thinks) {
            ObjectNode thinking = body.putObject("thinking");
            if (adaptiveThinking) {
                thinking.put("type", "adaptive");
                thinking.put("display", "summarized");
            } else {
                thinking.put("type", "enabled");
                thinking.put("budget_tokens", enabledBudget(context.thinkingBudget()));
            }
            // The API rejects temperature while thinking is on.
        } else if (request.temperature() != null && context.topP() == null) {
            body.put("temperature", request.temperature());
        }
        addTopP(body, context, thinks);
        if (!context.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (AITool tool : context.tools()) {
                tools.add(toTool(tool));
            }
            placeSystemBreakpointOnTools(tools, context, system);
        }
        ObjectNode choice = toToolChoice(request.toolUse());
        if (choice != null) {
            body.set("tool_choice", choice);
        }
        if (outputFormat) {
            addOutputFormat(body, context.responseFormat());
        } else {
            AnthropicFormatTool.addTo(body, context, thinks(context));
        }
        if (!context.stopSequences().isEmpty()) {
            ArrayNode stops = body.putArray("stop_sequences");
            context.stopSequences().forEach(stops::add);
        }
        if (checkBreakpoints(body) == 0 && promptCaching) {
            markAutomatically(body);
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
        body.remove(List.of("max_tokens", "temperature", "top_p", "stop_sequences"));
        return body;
    }

    /**
     * {@code top_p} when the request sets one, in place of a temperature that is only a default (the provider's or
     * the native API's): Anthropic's newer models refuse temperature and top_p together, so a request (or its
     * route) that sets both is refused naming the field, as is a top_p below the 0.95 that extended thinking takes.
     */
    private static void addTopP(ObjectNode body, AIContext context, boolean thinks) {
        Double topP = context.topP();
        if (topP == null) {
            return;
        }
        if (thinks && topP < MIN_THINKING_TOP_P) {
            throw GatewayException.invalidRequest("top_p: with extended thinking an Anthropic backend takes "
                    + MIN_THINKING_TOP_P + " to 1, got " + topP);
        }
        if (!thinks && context.temperature() != null) {
            throw GatewayException.invalidRequest("top_p: an Anthropic backend takes temperature or top_p, not both;"
                    + " leave one unset");
        }
        body.put("top_p", topP);
    }

    /**
     * Whether the request asks for thinking: a positive budget or {@code enable_thinking: true}, unless
     * {@code enable_thinking: false} or a budget of 0 turns it off.
     */
    /** The name of the tool whose input is the answer's text, or null: plain text, or a format sent as such. */
    String formatTool(AIContext context) {
        return outputFormat ? null : AnthropicFormatTool.name(context);
    }

    /** Whether the request carries {@code output_format}, which Anthropic takes only with its beta header. */
    boolean sendsOutputFormat(AIContext context) {
        return outputFormat && AnthropicFormatTool.name(context) != null;
    }

    /** {@code output_format}: the format's schema, or any object for JSON mode; plain text sends none. */
    private static void addOutputFormat(ObjectNode body, ResponseFormat format) {
        if (format == null || ResponseFormat.TEXT.equals(format.type())) {
            return;
        }
        ObjectNode wire = body.putObject("output_format").put("type", ResponseFormat.JSON_SCHEMA);
        if (format.jsonSchema() != null) {
            wire.set("schema", format.jsonSchema().schema());
        } else {
            wire.putObject("schema").put("type", "object");
        }
    }

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
                case TextPart text -> mark(addText(blocks, text.text()), text.cacheControl());
                case ImagePart image -> blocks.add(toImage(image));
                case ToolCallPart call -> {
                    ObjectNode block = blocks.addObject();
                    block.put("type", "tool_use");
                    block.put("id", toWireId(call.id()));
                    block.put("name", call.name());
                    block.set("input", call.arguments());
                    mark(block, call.cacheControl());
                }
                case ToolResultPart result -> blocks.add(toToolResult(result));
                case ThinkingPart thinking -> addThinking(blocks, thinking);
            }
        }
        return blocks;
    }

    /** A text block, or null for empty text, which the API rejects (minLength 1). */
    private static ObjectNode addText(ArrayNode blocks, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        ObjectNode block = blocks.addObject();
        block.put("type", "text");
        block.put("text", text);
        return block;
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
        mark(block, image.cacheControl());
        return block;
    }

    private ObjectNode toToolResult(ToolResultPart result) {
        ObjectNode block = json.createObjectNode();
        block.put("type", "tool_result");
        block.put("tool_use_id", toWireId(result.toolCallId()));
        if (result.failed()) {
            block.put("is_error", true);
        }
        mark(block, result.cacheControl());
        if (result.resultImages().isEmpty() && !CacheBreakpoints.placedIn(result)) {
            String text = result.resultText();
            if (!text.isEmpty()) {
                block.put("content", text);
            }
            return block;
        }
        // Images stay inside the tool_result (which accepts them), next to the text in order; so do the
        // breakpoints placed on its parts.
        ArrayNode content = block.putArray("content");
        for (Part part : result.result()) {
            if (part instanceof TextPart text) {
                mark(addText(content, text.text()), text.cacheControl());
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
        mark(wire, tool.cacheControl());
        return wire;
    }

    /**
     * The system prompt: a string, or a block list when it is to carry a breakpoint. System messages of the
     * history join it; when one of them carries a breakpoint, each of their parts is a block of its own, so the
     * breakpoint stays after the text it was put on.
     */
    private void putSystem(ObjectNode body, AIContext context, String joined) {
        if (joined.isBlank()) {
            return;
        }
        CacheControl control = context.systemCacheControl();
        if (systemMessagesMarked(context)) {
            ArrayNode blocks = body.putArray("system");
            mark(addText(blocks, context.systemPrompt()), control);
            for (AIMessage message : context.messages()) {
                if (message.roleValue() == Role.SYSTEM) {
                    for (Part part : message.content()) {
                        if (part instanceof TextPart text) {
                            mark(addText(blocks, text.text()), text.cacheControl());
                        }
                    }
                }
            }
        } else if (promptCaching || control != null) {
            mark(addText(body.putArray("system"), joined), control);
        } else {
            body.put("system", joined);
        }
    }

    private static boolean systemMessagesMarked(AIContext context) {
        for (AIMessage message : context.messages()) {
            if (message.roleValue() == Role.SYSTEM) {
                for (Part part : message.content()) {
                    if (part.cacheControl() != null) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Tools come before the system prompt in the cached prefix, so a breakpoint after a system prompt that is
     * empty (a route's {@code cache-system-prompt} on a request with tools alone) goes on the last tool, unless
     * that one carries its own.
     */
    private static void placeSystemBreakpointOnTools(ArrayNode tools, AIContext context, CharSequence system) {
        ObjectNode last = (ObjectNode) tools.get(tools.size() - 1);
        if (context.systemCacheControl() != null && system.toString().isBlank() && !last.has("cache_control")) {
            mark(last, context.systemCacheControl());
        }
    }

    /**
     * Counts the breakpoints the body carries and holds them to the API's rules, which it would otherwise answer
     * with its own 400: at most {@link #MAX_BREAKPOINTS}, and every 1h breakpoint before every 5m one, in the
     * order the prompt is cached (tools, system, messages; a tool result's own blocks before the result).
     */
    private static int checkBreakpoints(ObjectNode body) {
        int[] seen = { 0, 0 }; // breakpoints, of which 5-minute ones
        body.path("tools").forEach(tool -> checkBreakpoint(tool, seen));
        body.path("system").forEach(block -> checkBreakpoint(block, seen));
        for (JsonNode message : body.path("messages")) {
            for (JsonNode block : message.path("content")) {
                block.path("content").forEach(inner -> checkBreakpoint(inner, seen));
                checkBreakpoint(block, seen);
            }
        }
        if (seen[0] > MAX_BREAKPOINTS) {
            throw GatewayException.invalidRequest("cache_control: an Anthropic backend takes at most " + MAX_BREAKPOINTS
                    + " cache breakpoints (system, tools and content together), got " + seen[0]);
        }
        return seen[0];
    }

    private static void checkBreakpoint(JsonNode block, int[] seen) {
        JsonNode control = block.get("cache_control");
        if (control == null) {
            return;
        }
        seen[0]++;
        if (!CacheControl.ONE_HOUR.equals(control.path("ttl").asText(null))) {
            seen[1]++;
        } else if (seen[1] > 0) {
            throw GatewayException.invalidRequest("cache_control.ttl: on an Anthropic backend a 1h breakpoint must "
                    + "come before every 5m one (in the order tools, system, messages), got 1h after 5m");
        }
    }

    /**
     * The breakpoints of a request that placed none: the last tool, the system prompt and the last cacheable
     * block of the last two messages, at most {@link #MAX_BREAKPOINTS}.
     */
    private static void markAutomatically(ObjectNode body) {
        JsonNode tools = body.path("tools");
        if (!tools.isEmpty()) {
            markCached((ObjectNode) tools.get(tools.size() - 1));
        }
        JsonNode system = body.path("system");
        if (system.isArray() && !system.isEmpty()) {
            markCached((ObjectNode) system.get(system.size() - 1));
        }
        markLastMessages((ArrayNode) body.get("messages"));
    }

    /** Puts the breakpoint on the block; nothing when either is absent. */
    private static void mark(ObjectNode block, CacheControl control) {
        if (block == null || control == null) {
            return;
        }
        ObjectNode wire = block.putObject("cache_control");
        wire.put("type", control.type());
        if (control.ttl() != null) {
            wire.put("ttl", control.ttl());
        }
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
