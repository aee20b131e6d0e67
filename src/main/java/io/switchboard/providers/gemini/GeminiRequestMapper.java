package io.switchboard.providers.gemini;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AIMessage;
import io.switchboard.core.model.AITool;
import io.switchboard.core.model.ImagePart;
import io.switchboard.core.model.Part;
import io.switchboard.core.model.ResponseFormat;
import io.switchboard.core.model.Role;
import io.switchboard.core.model.TextPart;
import io.switchboard.core.model.ThinkingPart;
import io.switchboard.core.model.ToolCall;
import io.switchboard.core.model.ToolCallPart;
import io.switchboard.core.model.ToolChoice;
import io.switchboard.core.model.ToolResultPart;
import io.switchboard.errors.ErrorType;
import io.switchboard.errors.GatewayException;
import io.switchboard.gateway.spi.ProviderRequest;
import io.switchboard.gateway.spi.ToolUse;
import io.switchboard.providers.gemini.GeminiWire.Content;
import io.switchboard.providers.gemini.GeminiWire.FunctionCall;
import io.switchboard.providers.gemini.GeminiWire.FunctionCallingConfig;
import io.switchboard.providers.gemini.GeminiWire.FunctionDeclaration;
import io.switchboard.providers.gemini.GeminiWire.FunctionResponse;
import io.switchboard.providers.gemini.GeminiWire.GenerateContentRequest;
import io.switchboard.providers.gemini.GeminiWire.GenerationConfig;
import io.switchboard.providers.gemini.GeminiWire.ThinkingConfig;
import io.switchboard.providers.gemini.GeminiWire.Tool;
import io.switchboard.providers.gemini.GeminiWire.ToolConfig;

/**
 * {@link ProviderRequest} → {@code GenerateContentRequest}; earlier thinking goes back as the thought
 * signatures of the parts that carried them. Roles become {@code user}/{@code model}; tool calls and results become
 * {@code functionCall}/{@code functionResponse} parts paired by name; thought signatures go back on the
 * parts that carried them; thinking text itself is not sent back.
 */
final class GeminiRequestMapper {

    /** ToolCall metadata: the signature Gemini put on the functionCall part. */
    static final String THOUGHT_SIGNATURE = ToolCall.THOUGHT_SIGNATURE;
    /** ToolCall metadata: the id Gemini gave the call, echoed only when it gave one (else calls pair by name). */
    static final String GEMINI_CALL_ID = "gemini_call_id";
    static final Set<String> THINKING_LEVELS = Set.of("minimal", "low", "medium", "high");

    /** Names the JSON Schema keywords removed from a response format's schema, which Gemini does not take. */
    static final String SCHEMA_DROPPED_HEADER = "X-Switchboard-Schema-Dropped";
    private static final String JSON_MIME_TYPE = "application/json";
    private static final String USER = "user";
    private static final String MODEL = "model";
    private static final String DEFAULT_IMAGE_TYPE = "image/jpeg";

    private final String provider;
    private final String configuredThinkingLevel;

    /** @param configuredThinkingLevel the provider's {@code thinking-level}, or null */
    GeminiRequestMapper(String provider, String configuredThinkingLevel) {
        this.provider = provider;
        this.configuredThinkingLevel = configuredThinkingLevel;
    }

    GenerateContentRequest toWire(ProviderRequest request) {
        AIContext context = request.context();
        List<Content> contents = toContents(context.messages());
        checkEndsWithUserTurn(contents);
        Content system = context.systemPrompt() == null || context.systemPrompt().isEmpty() ? null
                : new Content(null, List.of(GeminiWire.Part.text(context.systemPrompt(), null)));
        return new GenerateContentRequest(contents, system, toTools(context.tools()), toToolConfig(request.toolUse()),
                toGenerationConfig(request), safetySettings(context));
    }

    /** Safety settings given through the Gemini API's door, sent as they came. */
    private static JsonNode safetySettings(AIContext context) {
        JsonNode settings = context.metadata().get(AIContext.GEMINI_SAFETY_SETTINGS);
        return settings != null && settings.isArray() && !settings.isEmpty() ? settings : null;
    }

    private GenerationConfig toGenerationConfig(ProviderRequest request) {
        List<String> stops = request.context().stopSequences();
        ResponseFormat format = request.context().responseFormat();
        boolean json = format != null && !ResponseFormat.TEXT.equals(format.type());
        return new GenerationConfig(request.temperature(), request.maxTokens(), stops.isEmpty() ? null : stops,
                toThinkingConfig(request.context()), request.context().topP(), json ? JSON_MIME_TYPE : null,
                toResponseSchema(request, format));
    }

    /**
     * The format's schema as {@code responseJsonSchema}, converted to what Gemini accepts; the keywords removed on
     * the way are named in the answer's {@value #SCHEMA_DROPPED_HEADER} header.
     */
    private static JsonNode toResponseSchema(ProviderRequest request, ResponseFormat format) {
        if (format == null || format.jsonSchema() == null) {
            return null;
        }
        GeminiResponseSchema.Converted converted = GeminiResponseSchema.convert((ObjectNode) format.jsonSchema().schema());
        if (!converted.dropped().isEmpty()) {
            request.inbound().exchange().answerHeader(SCHEMA_DROPPED_HEADER, String.join(", ", converted.dropped()));
        }
        return converted.schema();
    }

    /**
     * {@code auto} → AUTO, {@code none} → NONE, {@code required} → ANY, a named tool → ANY limited to
     * that function. Gemini has no switch for at most one call, so that is refused rather than ignored.
     */
    private ToolConfig toToolConfig(ToolUse use) {
        if (use.singleCall()) {
            throw invalid("parallel_tool_calls: " + provider + " (gemini) cannot limit the model to one tool call;"
                    + " leave it unset or true");
        }
        ToolChoice choice = use.choice();
        if (choice == null) {
            return null;
        }
        FunctionCallingConfig config = switch (choice.type()) {
            case ToolChoice.NONE -> new FunctionCallingConfig("NONE", null);
            case ToolChoice.REQUIRED -> new FunctionCallingConfig("ANY", null);
            case ToolChoice.TOOL -> new FunctionCallingConfig("ANY", List.of(choice.name()));
            default -> new FunctionCallingConfig("AUTO", null);
        };
        return new ToolConfig(config);
    }

    /**
     * A thinking level (the request's reasoning_effort, else the configured one) wins over a budget
     * (Gemini refuses both at once); a budget of 0 sends nothing, so the model default applies;
     * {@code enable_thinking} is the switch when neither is given.
     */
    private ThinkingConfig toThinkingConfig(AIContext context) {
        String level = context.reasoningEffort() != null ? context.reasoningEffort() : configuredThinkingLevel;
        if (level != null) {
            if (!THINKING_LEVELS.contains(level.toLowerCase(Locale.ROOT))) {
                throw invalid("reasoning_effort: " + provider + " (gemini) accepts minimal, low, medium or high, not \""
                        + level + "\"");
            }
            return new ThinkingConfig(null, true, level.toUpperCase(Locale.ROOT));
        }
        Integer budget = context.thinkingBudget();
        if (budget != null && budget != 0) {
            return new ThinkingConfig(budget, true, null);
        }
        if (Boolean.FALSE.equals(context.enableThinking())) {
            return new ThinkingConfig(0, null, null);
        }
        if (Boolean.TRUE.equals(context.enableThinking())) {
            return new ThinkingConfig(null, true, null);
        }
        return null;
    }

    private static List<Tool> toTools(List<AITool> tools) {
        if (tools.isEmpty()) {
            return null;
        }
        List<FunctionDeclaration> declarations = new ArrayList<>(tools.size());
        for (AITool tool : tools) {
            declarations.add(new FunctionDeclaration(tool.name(), tool.description() == null ? "" : tool.description(),
                    GeminiSchemaCleaner.toGemini(tool.parameters())));
        }
        return List.of(new Tool(declarations));
    }

    private List<Content> toContents(List<AIMessage> messages) {
        Map<String, ToolCallPart> callsById = new HashMap<>();
        for (AIMessage message : messages) {
            for (Part part : message.content()) {
                if (part instanceof ToolCallPart call) {
                    callsById.put(call.id(), call);
                }
            }
        }
        List<Content> contents = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            AIMessage message = messages.get(i);
            if (message.roleValue() == Role.ASSISTANT) {
                contents.add(new Content(MODEL, toModelParts(message.content())));
            } else {
                toUserContents(message.content(), callsById, "messages[" + i + "]", contents);
            }
        }
        return contents;
    }

    /**
     * An assistant turn. A thinking part's signature came from the text part Gemini put it on, so it
     * goes back on the next text part; with none following, on an empty text part of its own.
     */
    private static List<GeminiWire.Part> toModelParts(List<Part> parts) {
        List<GeminiWire.Part> out = new ArrayList<>(parts.size());
        String pendingSignature = null;
        for (int j = 0; j < parts.size(); j++) {
            switch (parts.get(j)) {
                case TextPart text -> {
                    out.add(GeminiWire.Part.text(text.text(), pendingSignature));
                    pendingSignature = null;
                }
                case ThinkingPart thinking -> {
                    if (thinking.signature() != null && !thinking.signature().isEmpty()) {
                        if (textFollows(parts, j)) {
                            pendingSignature = thinking.signature();
                        } else {
                            out.add(GeminiWire.Part.text("", thinking.signature()));
                        }
                    }
                }
                case ImagePart image -> out.add(toImage(image));
                case ToolCallPart call -> out.add(GeminiWire.Part.call(
                        new FunctionCall(text(call.metadata(), GEMINI_CALL_ID), call.name(), call.arguments()),
                        text(call.metadata(), THOUGHT_SIGNATURE)));
                case ToolResultPart result -> {
                    // only user and tool messages carry results; a model turn has no functionResponse
                }
            }
        }
        return out;
    }

    private static boolean textFollows(List<Part> parts, int index) {
        for (int k = index + 1; k < parts.size(); k++) {
            if (parts.get(k) instanceof TextPart) {
                return true;
            }
        }
        return false;
    }

    /**
     * A user, system or tool message. Tool results become functionResponse parts named after their
     * call; their images follow in a user content of their own (a functionResponse holds no image).
     */
    private void toUserContents(List<Part> parts, Map<String, ToolCallPart> callsById, String at,
            List<Content> contents) {
        List<GeminiWire.Part> out = new ArrayList<>(parts.size());
        List<GeminiWire.Part> resultImages = new ArrayList<>();
        for (int j = 0; j < parts.size(); j++) {
            switch (parts.get(j)) {
                case TextPart text -> out.add(GeminiWire.Part.text(text.text(), null));
                case ImagePart image -> out.add(toImage(image));
                case ToolResultPart result -> {
                    ToolCallPart call = callsById.get(result.toolCallId());
                    String name = result.name() != null && !result.name().isBlank() ? result.name()
                            : call != null ? call.name() : null;
                    if (name == null) {
                        throw invalid(at + ".content[" + j + "].name: required for " + provider
                                + " (gemini pairs tool results by function name) when no earlier tool_call has id \""
                                + result.toolCallId() + "\"");
                    }
                    // Gemini reads an "error" key as the function's failure, anything else as its output
                    ObjectNode response = JsonNodeFactory.instance.objectNode()
                            .put(result.failed() ? "error" : "result", result.resultText());
                    String id = call == null ? null : text(call.metadata(), GEMINI_CALL_ID);
                    out.add(GeminiWire.Part.response(new FunctionResponse(id, name, response)));
                    for (ImagePart image : result.resultImages()) {
                        resultImages.add(toImage(image));
                    }
                }
                case ToolCallPart call -> {
                    // only the assistant calls tools; a functionCall in a user turn would be refused
                }
                case ThinkingPart thinking -> {
                    // thinking belongs to model turns; in a user turn there is nothing to echo
                }
            }
        }
        if (!out.isEmpty()) {
            contents.add(new Content(USER, out));
        }
        if (!resultImages.isEmpty()) {
            contents.add(new Content(USER, resultImages));
        }
    }

    private static GeminiWire.Part toImage(ImagePart image) {
        String mimeType = image.effectiveMimeType();
        if (image.isDataUri()) {
            // The data URI's payload is already the base64 that Blob.data carries on the REST wire.
            return GeminiWire.Part.inline(mimeType != null ? mimeType : DEFAULT_IMAGE_TYPE, image.base64Data());
        }
        return GeminiWire.Part.file(mimeType != null ? mimeType : guessImageType(image.url()), image.url());
    }

    private static String guessImageType(String url) {
        String path = url.toLowerCase(Locale.ROOT);
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.endsWith(".png")) {
            return "image/png";
        }
        if (path.endsWith(".webp")) {
            return "image/webp";
        }
        if (path.endsWith(".gif")) {
            return "image/gif";
        }
        if (path.endsWith(".heic")) {
            return "image/heic";
        }
        return DEFAULT_IMAGE_TYPE;
    }

    /** Gemini answers a history ending in a model turn with an unhelpful 400; refuse it first, naming the field. */
    private void checkEndsWithUserTurn(List<Content> contents) {
        int trailing = 0;
        for (int i = contents.size() - 1; i >= 0 && MODEL.equals(contents.get(i).role()); i--) {
            trailing++;
        }
        if (trailing > 0) {
            throw invalid("messages: " + provider + " (gemini) requires the conversation to end with a user turn; the"
                    + " history ends with " + trailing + " trailing assistant message(s)");
        }
    }

    private GatewayException invalid(String message) {
        return GatewayException.builder(ErrorType.INVALID_REQUEST, message).provider(provider).build();
    }

    private static String text(ObjectNode metadata, String key) {
        JsonNode value = metadata.get(key);
        return value != null && value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }
}
