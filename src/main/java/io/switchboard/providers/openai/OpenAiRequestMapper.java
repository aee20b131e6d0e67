package io.switchboard.providers.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AIMessage;
import io.switchboard.core.model.AITool;
import io.switchboard.core.model.ImagePart;
import io.switchboard.core.model.Part;
import io.switchboard.core.model.ResponseFormat;
import io.switchboard.core.model.TextPart;
import io.switchboard.core.model.ThinkingPart;
import io.switchboard.core.model.ToolCallPart;
import io.switchboard.core.model.ToolChoice;
import io.switchboard.core.model.ToolResultPart;
import io.switchboard.errors.GatewayException;
import io.switchboard.gateway.spi.ProviderRequest;
import io.switchboard.gateway.spi.ProviderSetup;
import io.switchboard.gateway.spi.ToolUse;

/**
 * Translates a request into a Chat Completions body: system prompt first; text and
 * {@code image_url} parts; assistant tool calls with JSON-string arguments; one {@code tool} message per result, its images
 * moved to one
 * user message after them; earlier thinking echoed back; tools as functions, the tool choice and
 * the parallel-call switch; the response format; stop sequences as {@code stop}; the output cap, temperature, top_p and
 * reasoning switches; the prompt cache key;
 * {@code extra-body} entries; the stream flags.
 */
public final class OpenAiRequestMapper {

    /** Fields the protocol owns: an {@code extra-body} entry never replaces them. */
    private static final Set<String> PROTOCOL_FIELDS = Set.of("model", "messages", "tools", "tool_choice",
            "parallel_tool_calls", "stream", "stream_options");
    /** Tool results that are only images still need text on the tool message (its content may not be empty). */
    private static final String IMAGE_ONLY_RESULT = "[see image below]";

    private final OpenAiDialect dialect;
    private final ObjectMapper json;
    private final ObjectNode extraBody;
    private final boolean useMaxCompletionTokens;
    private final boolean includeStreamUsage;
    private final boolean echoReasoningContent;
    private final String thinkTag;

    public OpenAiRequestMapper(OpenAiDialect dialect, ProviderSetup setup) {
        OpenAiConfig.Keys config = setup.keys(OpenAiConfig.KEYS);
        List<String> thinkTagNames = setup.config().thinkTagNames();
        this.dialect = dialect;
        this.json = setup.json();
        this.extraBody = toExtraBody(config.extraBody(), json);
        this.useMaxCompletionTokens = config.useMaxCompletionTokens();
        this.includeStreamUsage = config.includeStreamUsage();
        this.echoReasoningContent = config.echoReasoningContent();
        // Thinking goes back in the tag the model itself writes: the first configured name.
        this.thinkTag = thinkTagNames.isEmpty() ? "think" : thinkTagNames.get(0);
    }

    /** {@code extra-body} values are JSON when they parse as JSON, plain strings otherwise. */
    private static ObjectNode toExtraBody(Map<String, String> entries, ObjectMapper json) {
        ObjectNode body = json.createObjectNode();
        entries.forEach((key, value) -> {
            JsonNode parsed;
            try {
                parsed = json.readTree(value);
            } catch (JsonProcessingException e) {
                parsed = null;
            }
            body.set(key, parsed == null || parsed.isMissingNode() ? body.textNode(value) : parsed);
        });
        return body;
    }

    /** The whole request body; {@code stream} adds the streaming flags. */
    public ObjectNode toWire(ProviderRequest request, boolean stream) {
        AIContext context = request.context();
        ObjectNode body = json.createObjectNode();
        body.put("model", request.model());
        body.set("messages", toMessages(context));
        if (!context.tools().isEmpty()) {
            body.set("tools", toTools(context.tools()));
        }
        addToolUse(body, request.toolUse());
        addResponseFormat(body, context.responseFormat());
        if (!context.stopSequences().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            context.stopSequences().forEach(stop::add);
        }
        String model = request.model() == null ? "" : request.model();
        if (request.temperature() != null && !fixedTemperature(model)) {
            body.put("temperature", request.temperature());
        }
        addTopP(body, context.topP(), model);
        if (request.maxTokens() != null) {
            body.put(completionTokensKey(model) ? "max_completion_tokens" : "max_tokens", request.maxTokens());
        }
        if (!dialect.templateKwargs()) {
            String effort = reasoningEffort(context, model);
            if (effort != null) {
                body.put("reasoning_effort", effort);
            }
        }
        addPromptCacheKey(body, context);
        if (stream) {
            body.put("stream", true);
            if (includeStreamUsage) {
                body.putObject("stream_options").put("include_usage", true);
            }
        }
        extraBody.properties().forEach(entry -> {
            if (!PROTOCOL_FIELDS.contains(entry.getKey())) {
                body.set(entry.getKey(), entry.getValue().deepCopy());
            }
        });
        if (dialect.templateKwargs()) {
            ObjectNode kwargs = templateKwargs(context);
            if (!kwargs.isEmpty()) {
                body.set("chat_template_kwargs", kwargs);
            }
        }
        return body;
    }

    /**
     * The request's {@code prompt_cache_key}, which OpenAI and Azure use to route requests to the same prompt
     * cache; not sent to vLLM, whose prefix cache needs no key.
     */
    private void addPromptCacheKey(ObjectNode body, AIContext context) {
        if (context.promptCacheKey() != null && !dialect.templateKwargs()) {
            body.put("prompt_cache_key", context.promptCacheKey());
        }
    }

    /**
     * {@code response_format} as the neutral format is written, which is Chat Completions' own shape (OpenAI,
     * Azure and vLLM take {@code json_object} and {@code json_schema}); plain text sends none.
     */
    private void addResponseFormat(ObjectNode body, ResponseFormat format) {
        if (format == null || ResponseFormat.TEXT.equals(format.type())) {
            return;
        }
        ObjectNode wire = body.putObject("response_format").put("type", format.type());
        ResponseFormat.JsonSchema schema = format.jsonSchema();
        if (schema != null) {
            ObjectNode named = wire.putObject("json_schema").put("name", schema.name());
            if (schema.description() != null) {
                named.put("description", schema.description());
            }
            named.set("schema", schema.schema());
            if (schema.strict() != null) {
                named.put("strict", schema.strict());
            }
        }
    }

    /** {@code tool_choice} as a mode string or a named function; {@code parallel_tool_calls} when stated. */
    private static void addToolUse(ObjectNode body, ToolUse use) {
        ToolChoice choice = use.choice();
        if (choice != null) {
            if (choice.is(ToolChoice.TOOL)) {
                ObjectNode named = body.putObject("tool_choice").put("type", "function");
                named.putObject("function").put("name", choice.name());
            } else {
                body.put("tool_choice", choice.type());
            }
        }
        if (use.parallelToolCalls() != null) {
            body.put("parallel_tool_calls", use.parallelToolCalls());
        }
    }

    /**
     * Model-name rules, applied only on OpenAI's own endpoint: reasoning models
     * (gpt-5, o1, o3, o4) accept no temperature.
     */
    private boolean fixedTemperature(String model) {
        return dialect.reasoningModel(model);
    }

    /**
     * {@code top_p} when the request sets one. OpenAI's reasoning models refuse it as they refuse a temperature, but
     * a temperature is often only a default while a {@code top_p} is always the client's own: refused here, naming
     * the field, rather than dropped.
     */
    private void addTopP(ObjectNode body, Double topP, String model) {
        if (topP == null) {
            return;
        }
        if (fixedTemperature(model)) {
            throw GatewayException.invalidRequest(
                    "top_p: OpenAI's reasoning models (gpt-5, o1, o3, o4) take no top_p; leave it unset");
        }
        body.put("top_p", topP);
    }

    /** {@code max_completion_tokens} when configured, or on OpenAI's endpoint for the models that require it. */
    private boolean completionTokensKey(String model) {
        return useMaxCompletionTokens
                || dialect.officialOpenAi() && startsWithAny(model, "gpt-4.1", "gpt-5", "o1", "o3", "o4");
    }

    /**
     * The effort is left out on a turn with tools (some models refuse both at once), except that OpenAI's
     * gpt-5.6 models must be told {@code none} there.
     */
    private String reasoningEffort(AIContext context, String model) {
        if (!context.tools().isEmpty()) {
            return dialect.officialOpenAi() && model.startsWith("gpt-5.6") ? "none" : null;
        }
        return context.reasoningEffort();
    }

    /**
     * vLLM reads reasoning switches from the chat template: the configured
     * {@code extra-body.chat_template_kwargs} overlaid, key by key, with the request's
     * {@code enable_thinking} and {@code reasoning_effort}; sent on tool turns too.
     */
    private ObjectNode templateKwargs(AIContext context) {
        JsonNode configured = extraBody.get("chat_template_kwargs");
        ObjectNode kwargs = configured instanceof ObjectNode object ? object.deepCopy() : json.createObjectNode();
        if (context.enableThinking() != null) {
            kwargs.put("enable_thinking", context.enableThinking());
        }
        if (context.reasoningEffort() != null) {
            kwargs.put("reasoning_effort", context.reasoningEffort());
        }
        return kwargs;
    }

    private ArrayNode toMessages(AIContext context) {
        ArrayNode messages = json.createArrayNode();
        if (context.systemPrompt() != null && !context.systemPrompt().isEmpty()) {
            messages.addObject().put("role", "system").put("content", context.systemPrompt());
        }
        for (AIMessage message : context.messages()) {
            List<Part> parts = message.content() == null ? List.of() : message.content();
            if (parts.stream().anyMatch(ToolCallPart.class::isInstance)) {
                addAssistantCalls(messages, parts);
            } else if (parts.stream().anyMatch(ToolResultPart.class::isInstance)) {
                addToolResults(messages, parts);
            } else {
                addPlain(messages, message.role(), parts);
            }
        }
        return messages;
    }

    /** An assistant turn that called tools: its text (thinking echoed first) and its calls. */
    private void addAssistantCalls(ArrayNode messages, List<Part> parts) {
        ObjectNode message = messages.addObject().put("role", "assistant");
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        ArrayNode calls = json.createArrayNode();
        for (Part part : parts) {
            switch (part) {
                case TextPart t -> text.append(t.text() == null ? "" : t.text());
                case ThinkingPart t -> thinking.append(t.thinking());
                case ToolCallPart call -> {
                    ObjectNode wire = calls.addObject().put("id", call.id()).put("type", "function");
                    wire.putObject("function").put("name", call.name()).put("arguments", call.arguments().toString());
                }
                // Images in an assistant turn and results outside a tool turn have no Chat Completions form.
                case ImagePart i -> {
                }
                case ToolResultPart r -> {
                }
            }
        }
        String content = withThinking(message, thinking, text);
        if (content.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", content);
        }
        message.set("tool_calls", calls);
    }

    /** One {@code tool} message per result, then one user message holding every image the results carried. */
    private void addToolResults(ArrayNode messages, List<Part> parts) {
        List<ImagePart> images = new ArrayList<>();
        for (Part part : parts) {
            if (part instanceof ToolResultPart result) {
                List<String> texts = new ArrayList<>();
                for (Part item : result.result()) {
                    switch (item) {
                        case TextPart t -> texts.add(t.text() == null ? "" : t.text());
                        case ImagePart i -> images.add(i);
                        case ThinkingPart t -> {
                        }
                        case ToolCallPart c -> {
                        }
                        case ToolResultPart r -> {
                        }
                    }
                }
                String text = String.join("\n", texts);
                if (texts.isEmpty() && !result.resultImages().isEmpty()) {
                    text = IMAGE_ONLY_RESULT;
                }
                messages.addObject().put("role", "tool").put("tool_call_id", result.toolCallId()).put("content", text);
            }
        }
        if (!images.isEmpty()) {
            ArrayNode content = messages.addObject().put("role", "user").putArray("content");
            images.forEach(image -> addImage(content, image));
        }
    }

    /**
     * Any other message. Text-only content goes as a plain string, which every compatible server's
     * chat template accepts; content with images goes as a list of parts.
     */
    private void addPlain(ArrayNode messages, String role, List<Part> parts) {
        ObjectNode message = messages.addObject().put("role", role);
        boolean assistant = "assistant".equals(role);
        boolean hasImages = !assistant && parts.stream().anyMatch(ImagePart.class::isInstance);
        StringBuilder thinking = new StringBuilder();
        StringBuilder text = new StringBuilder();
        ArrayNode list = json.createArrayNode();
        for (Part part : parts) {
            switch (part) {
                case TextPart t -> {
                    text.append(t.text() == null ? "" : t.text());
                    list.addObject().put("type", "text").put("text", t.text() == null ? "" : t.text());
                }
                case ThinkingPart t -> thinking.append(t.thinking());
                case ImagePart i -> addImage(list, i);
                case ToolCallPart c -> {
                }
                case ToolResultPart r -> {
                }
            }
        }
        if (hasImages) {
            if (!thinking.isEmpty()) {
                list.insertObject(0).put("type", "text").put("text", tagged(thinking));
            }
            message.set("content", list);
        } else {
            message.put("content", withThinking(message, thinking, text));
        }
    }

    /**
     * Thinking survives in history: earlier thinking goes back as {@code reasoning_content} when the
     * provider asks for it, else as a {@code <think>} block before the text (never overwritten by
     * the text that follows it). An empty thinking part (a bare signature from
     * another backend) adds nothing.
     */
    private String withThinking(ObjectNode message, StringBuilder thinking, StringBuilder text) {
        if (thinking.isEmpty()) {
            return text.toString();
        }
        if (echoReasoningContent && "assistant".equals(message.path("role").asText())) {
            message.put("reasoning_content", thinking.toString());
            return text.toString();
        }
        return tagged(thinking) + text;
    }

    private String tagged(CharSequence thinking) {
        return "<" + thinkTag + ">" + thinking + "</" + thinkTag + ">";
    }

    private static void addImage(ArrayNode content, ImagePart image) {
        content.addObject().put("type", "image_url").putObject("image_url").put("url", image.url());
    }

    private ArrayNode toTools(List<AITool> tools) {
        ArrayNode wire = json.createArrayNode();
        for (AITool tool : tools) {
            ObjectNode function = wire.addObject().put("type", "function").putObject("function");
            function.put("name", tool.name());
            if (tool.description() != null) {
                function.put("description", tool.description());
            }
            function.set("parameters", tool.parameters());
        }
        return wire;
    }

    private static boolean startsWithAny(String model, String... prefixes) {
        for (String prefix : prefixes) {
            if (model.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
