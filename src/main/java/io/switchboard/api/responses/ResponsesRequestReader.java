package io.switchboard.api.responses;

import static io.switchboard.api.JsonFields.array;
import static io.switchboard.api.JsonFields.bool;
import static io.switchboard.api.JsonFields.forEachTagged;
import static io.switchboard.api.JsonFields.integer;
import static io.switchboard.api.JsonFields.invalid;
import static io.switchboard.api.JsonFields.number;
import static io.switchboard.api.JsonFields.object;
import static io.switchboard.api.JsonFields.present;
import static io.switchboard.api.JsonFields.presentString;
import static io.switchboard.api.JsonFields.requiredString;
import static io.switchboard.api.JsonFields.string;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.api.ContextValidator;
import io.switchboard.api.ResponseFormats;
import io.switchboard.api.openai.OpenAiToolChoice;
import io.switchboard.config.SwitchboardConfig;
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
import io.switchboard.stream.ToolArguments;

/**
 * Reads a Responses request into an {@link AIContext}. {@code input} is a string or a list of items; the
 * items an assistant turn is made of ({@code reasoning}, an assistant {@code message}, {@code function_call}s)
 * become one assistant message, each {@code function_call_output} a tool message, and {@code instructions}
 * with the leading {@code system}/{@code developer} messages the system prompt. A reasoning item's
 * {@code encrypted_content} that this gateway sealed goes back as the thinking blocks it holds, tagged with the
 * backend type that produced them, and a {@code function_call} item's sealed {@code id} restores the call's
 * backend state ({@link ReasoningTokens}); otherwise the summary goes back as unsigned thinking. With
 * {@code previous_response_id} the stored conversation it names is read first, item by item as input is, then
 * the input (its {@code instructions} are not carried over). With {@code store} (the default) the conversation
 * is kept for the answer to be stored with, and one over {@code switchboard.responses.max-stored-bytes} is a
 * 400. What needs more than stored responses (item references, {@code conversation}, {@code background}) and
 * what Switchboard cannot honour (structured output, hosted tools) is a 400 naming
 * the field; of {@code include}, only {@code reasoning.encrypted_content} changes the answer; {@code metadata}
 * and the bookkeeping fields are accepted and ignored, as unknown fields are.
 */
@ApplicationScoped
class ResponsesRequestReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String PREVIOUS = "previous_response_id";
    /** The {@code include} value that asks for reasoning items' {@code encrypted_content}. */
    static final String ENCRYPTED_REASONING = "reasoning.encrypted_content";

    private final ObjectMapper json;
    private final ResponsesAnswers answers;
    private final ReasoningTokens tokens;
    private final long maxStoredBytes;

    ResponsesRequestReader(ObjectMapper json, ResponsesAnswers answers, ReasoningTokens tokens,
            SwitchboardConfig config) {
        this.json = json;
        this.answers = answers;
        this.tokens = tokens;
        this.maxStoredBytes = config.responses().maxStoredBytes().asLongValue();
    }

    /** The stored response the request continues, or null. */
    static String previousResponseId(ObjectNode body) {
        return string(body, PREVIOUS, PREVIOUS);
    }

    /**
     * Reads a request; {@code previous} is the conversation of the response its {@code previous_response_id}
     * names (its input and output items), loaded by the door, or null.
     */
    ResponsesRequest read(ObjectNode body, String requestId, ArrayNode previous) {
        String model = requiredString(body, "model", "model");
        refuseUnsupported(body);
        // what the Responses object echoes, in its order, written as each field is read
        ObjectNode settings = NODES.objectNode();
        String instructions = string(body, "instructions", "instructions");
        settings.put("instructions", instructions);
        JsonNode input = body.get("input");
        Conversation conversation = conversation(previous, input, instructions);
        Integer maxOutputTokens = integer(body, "max_output_tokens", "max_output_tokens");
        if (maxOutputTokens != null && maxOutputTokens < 1) {
            throw invalid("max_output_tokens", "must be at least 1, got " + maxOutputTokens);
        }
        settings.put("max_output_tokens", maxOutputTokens);
        Boolean parallelToolCalls = bool(body, "parallel_tool_calls", "parallel_tool_calls");
        settings.put("parallel_tool_calls", parallelToolCalls == null || parallelToolCalls);
        settings.put(PREVIOUS, previousResponseId(body));
        ObjectNode reasoning = object(body, "reasoning", "reasoning");
        String effort = reasoning == null ? null : string(reasoning, "effort", "reasoning.effort");
        settings.putObject("reasoning").put("effort", effort).put("summary",
                reasoning == null ? null : string(reasoning, "summary", "reasoning.summary"));
        Boolean store = bool(body, "store", "store");
        settings.put("store", store == null || store);
        KeptResponse kept = store == null || store ? kept(previous, input, requestId) : null;
        Double temperature = number(body, "temperature", "temperature");
        settings.put("temperature", temperature);
        ResponseFormat format = textFormat(body);
        settings.set("text", text(body, format));
        JsonNode toolChoice = body.get("tool_choice");
        settings.set("tool_choice", toolChoice == null || toolChoice.isNull() ? NODES.textNode(ToolChoice.AUTO)
                : toolChoice);
        List<AITool> tools = tools(array(body, "tools", "tools"), settings.putArray("tools"));
        Double topP = number(body, "top_p", "top_p");
        settings.put("top_p", topP);
        settings.put("truncation", "disabled");
        ObjectNode metadata = object(body, "metadata", "metadata");
        settings.set("metadata", metadata == null ? NODES.objectNode() : metadata);
        AIContext context = new AIContext(conversation.messages, conversation.systemPrompt(), temperature,
                maxOutputTokens, null, null, effort, tools, toolChoice(toolChoice), parallelToolCalls, List.of(),
                null, null, true).withResponseFormat(format);
        context = context.withCaching(null, string(body, "prompt_cache_key", "prompt_cache_key"));
        if (topP != null) {
            context = context.withTopP(topP);
        }
        ContextValidator.validate(context);
        boolean stream = Boolean.TRUE.equals(bool(body, "stream", "stream"));
        return new ResponsesRequest(context, stream, model, requestId, System.currentTimeMillis() / 1000, settings,
                answers, includes(body, ENCRYPTED_REASONING) || kept != null, stream ? tokens.streamOrigin(model) : null,
                kept);
    }

    /**
     * The conversation a stored answer keeps: the one continued, then {@code input} as items; over the limit it
     * is refused now, before the backend is paid for an answer that could not be kept.
     */
    private KeptResponse kept(ArrayNode previous, JsonNode input, String requestId) {
        ArrayNode items = NODES.arrayNode();
        if (previous != null) {
            items.addAll(previous);
        }
        if (input.isTextual()) {
            items.addObject().put("type", "message").put("role", "user").put("content", input.textValue());
        } else {
            items.addAll((ArrayNode) input);
        }
        InputItems.name(items, requestId);
        byte[] stored = answers.bytes(items);
        if (stored.length > maxStoredBytes) {
            throw invalid(previous != null ? PREVIOUS : "input", "the conversation to store is " + stored.length
                    + " bytes, over the limit of " + maxStoredBytes + " bytes (switchboard.responses.max-stored-bytes);"
                    + (previous != null ? " start again with the items you need as input, or" : "")
                    + " send store: false to be answered without storing it");
        }
        return new KeptResponse(stored);
    }

    /** The stored conversation continued, if any, then {@code input}: one user message as a string, or a list of items. */
    private Conversation conversation(ArrayNode previous, JsonNode input, String instructions) {
        Conversation conversation = new Conversation(instructions);
        if (previous != null) {
            for (int i = 0; i < previous.size(); i++) {
                readItem(object(previous.get(i), PREVIOUS + "[" + i + "]"), PREVIOUS + "[" + i + "]", conversation);
            }
        }
        if (input != null && input.isTextual()) {
            conversation.add(new AIMessage(Role.USER, List.of(new TextPart(input.textValue()))));
            return conversation;
        }
        if (input == null || !input.isArray() || input.isEmpty()) {
            throw invalid("input", (input == null || input.isNull() ? "required" : "must be")
                    + " a string or a non-empty list of items");
        }
        for (int i = 0; i < input.size(); i++) {
            readItem(object(input.get(i), "input[" + i + "]"), "input[" + i + "]", conversation);
        }
        conversation.endAssistantTurn();
        return conversation;
    }

    private static void refuseUnsupported(ObjectNode body) {
        if (present(body, "conversation")) {
            throw invalid("conversation", "stored conversations are not supported yet; send the whole conversation "
                    + "as input");
        }
        if (Boolean.TRUE.equals(bool(body, "background", "background"))) {
            throw invalid("background", "background responses are not supported yet (they need stored responses)");
        }
        if (present(body, "prompt")) {
            throw invalid("prompt", "stored prompt templates are not supported; send instructions and input");
        }
        Integer logprobs = integer(body, "top_logprobs", "top_logprobs");
        if (logprobs != null && logprobs != 0) {
            throw invalid("top_logprobs", "log probabilities are not supported");
        }
        if (present(body, "max_tool_calls")) {
            throw invalid("max_tool_calls", "not supported");
        }
        ArrayNode include = array(body, "include", "include");
        if (include != null) {
            for (int i = 0; i < include.size(); i++) {
                if (!include.get(i).isTextual()) {
                    throw invalid("include[" + i + "]", "must be a string");
                }
            }
        }
    }

    /** Whether {@code include} (checked to hold strings) names {@code value}. */
    private static boolean includes(ObjectNode body, String value) {
        JsonNode include = body.get("include");
        if (include != null && include.isArray()) {
            for (JsonNode each : include) {
                if (value.equals(each.textValue())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * {@code text.format}: {@code text}, {@code json_object}, or {@code json_schema} with the schema's
     * {@code name}, {@code description}, {@code schema} and {@code strict} beside its type; null when absent.
     */
    private static ResponseFormat textFormat(ObjectNode body) {
        ObjectNode text = object(body, "text", "text");
        ObjectNode format = text == null ? null : object(text, "format", "text.format");
        if (format == null) {
            return null;
        }
        String type = requiredString(format, "type", "text.format.type");
        ResponseFormat read = new ResponseFormat(type, ResponseFormat.JSON_SCHEMA.equals(type)
                ? ResponseFormats.jsonSchema(format, "text.format")
                : null);
        // the schema's fields sit flat in text.format, and are named so
        ContextValidator.validateResponseFormat(read, "text.format", "text.format");
        return read;
    }

    /** The echo of {@code text}: its format as read, and its verbosity. */
    private static ObjectNode text(ObjectNode body, ResponseFormat format) {
        ObjectNode text = object(body, "text", "text");
        ObjectNode echoed = NODES.objectNode();
        ObjectNode echoedFormat = echoed.putObject("format")
                .put("type", format == null ? ResponseFormat.TEXT : format.type());
        if (format != null && format.jsonSchema() != null) {
            ResponseFormat.JsonSchema schema = format.jsonSchema();
            echoedFormat.put("name", schema.name());
            if (schema.description() != null) {
                echoedFormat.put("description", schema.description());
            }
            echoedFormat.set("schema", schema.schema());
            echoedFormat.put("strict", Boolean.TRUE.equals(schema.strict()));
        }
        String verbosity = text == null ? null : string(text, "verbosity", "text.verbosity");
        if (verbosity != null) {
            echoed.put("verbosity", verbosity);
        }
        return echoed;
    }

    /** The conversation as it is read, item by item. */
    private static final class Conversation {
        final List<AIMessage> messages = new ArrayList<>();
        final StringBuilder system = new StringBuilder();
        /** The parts of the assistant turn being read, or null between turns. */
        List<Part> assistant;
        /** The name of each function call read so far, by call id, for the outputs that answer them. */
        final Map<String, String> toolNames = new HashMap<>();

        Conversation(String instructions) {
            if (instructions != null && !instructions.isEmpty()) {
                system.append(instructions);
            }
        }

        void addToAssistantTurn(Part part) {
            if (assistant == null) {
                assistant = new ArrayList<>();
            }
            assistant.add(part);
        }

        /** Ends the assistant turn being read; a turn of reasoning alone says nothing a backend could take. */
        void endAssistantTurn() {
            if (assistant != null && !assistant.stream().allMatch(ThinkingPart.class::isInstance)) {
                messages.add(new AIMessage(Role.ASSISTANT, assistant));
            }
            assistant = null;
        }

        void add(AIMessage message) {
            endAssistantTurn();
            messages.add(message);
        }

        /** System text before any message joins the system prompt; later it is a system message. */
        void addSystem(String text) {
            if (messages.isEmpty() && assistant == null) {
                system.append(system.isEmpty() ? "" : "\n\n").append(text);
            } else {
                add(new AIMessage(Role.SYSTEM, List.of(new TextPart(text))));
            }
        }

        String systemPrompt() {
            return system.isEmpty() ? null : system.toString();
        }
    }

    private void readItem(ObjectNode item, String at, Conversation conversation) {
        String type = string(item, "type", at + ".type");
        if (type == null) {
            // a message may leave its type out (EasyInputMessage)
            if (!present(item, "role")) {
                throw invalid(at + ".type", "required (message, function_call, function_call_output or reasoning)");
            }
            type = "message";
        }
        switch (type) {
            case "message" -> readMessage(item, at, conversation);
            case "function_call" -> {
                String callId = requiredString(item, "call_id", at + ".call_id");
                String name = requiredString(item, "name", at + ".name");
                ToolCall call = ToolArguments.toToolCall(callId, name, string(item, "arguments", at + ".arguments"),
                        json);
                conversation.addToAssistantTurn(tokens.withState(new ToolCallPart(callId, name, call.arguments(),
                        call.metadata()), string(item, "id", at + ".id"), at + ".id"));
                conversation.toolNames.put(callId, name);
            }
            case "function_call_output" -> {
                String callId = requiredString(item, "call_id", at + ".call_id");
                conversation.add(new AIMessage(Role.TOOL, List.of(new ToolResultPart(callId,
                        conversation.toolNames.get(callId), toolOutput(item.get("output"), at + ".output")))));
            }
            case "reasoning" -> {
                String summary = reasoningSummary(item, at);
                String encrypted = at + ".encrypted_content";
                List<ThinkingPart> blocks = tokens.thinking(string(item, "encrypted_content", encrypted), encrypted);
                if (blocks != null && !blocks.isEmpty()) {
                    blocks.forEach(conversation::addToAssistantTurn);
                } else if (!summary.isEmpty()) {
                    conversation.addToAssistantTurn(new ThinkingPart(summary, null));
                }
            }
            case "item_reference" -> throw invalid(at + ".type", "item references are not supported; send the "
                    + "item itself, or continue a stored response with " + PREVIOUS);
            default -> throw invalid(at + ".type", "unsupported item type \"" + type
                    + "\" (message, function_call, function_call_output, reasoning)");
        }
    }

    private static void readMessage(ObjectNode message, String at, Conversation conversation) {
        String role = requiredString(message, "role", at + ".role");
        JsonNode content = message.get("content");
        switch (role) {
            case "user" -> conversation.add(new AIMessage(Role.USER, userParts(content, at + ".content")));
            case "system", "developer" -> conversation.addSystem(plainText(content, at + ".content"));
            case "assistant" -> {
                String text = plainText(content, at + ".content");
                if (!text.isEmpty()) {
                    conversation.addToAssistantTurn(new TextPart(text));
                }
            }
            default -> throw invalid(at + ".role",
                    "unsupported role \"" + role + "\" (one of user, assistant, system, developer)");
        }
    }

    /** A user message's content: a string, or {@code input_text} and {@code input_image} parts. */
    private static List<Part> userParts(JsonNode content, String at) {
        if (content != null && content.isTextual()) {
            return List.of(new TextPart(content.textValue()));
        }
        if (content == null || !content.isArray()) {
            throw invalid(at, "required (a string or a list of content parts)");
        }
        List<Part> parts = new ArrayList<>();
        forEachTagged(content, at, "type", (part, type, partAt) -> parts.add(switch (type) {
            case "input_text", "output_text" -> new TextPart(presentString(part, "text", partAt + ".text"));
            case "input_image" -> image(part, partAt);
            default -> throw invalid(partAt + ".type",
                    "unsupported content part \"" + type + "\" (input_text and input_image are supported)");
        }));
        return parts;
    }

    /** An {@code input_image} part: its {@code image_url}, an https: (or http:) URL or a base64 data: URI. */
    private static ImagePart image(ObjectNode part, String at) {
        if (present(part, "file_id")) {
            throw invalid(at + ".file_id", "uploaded files are not supported; send the image as image_url");
        }
        String url = requiredString(part, "image_url", at + ".image_url");
        String problem = ContextValidator.imageUrlProblem(url);
        if (problem != null) {
            throw invalid(at + ".image_url", problem);
        }
        return new ImagePart(url, null);
    }

    /** Content that must be text: a string, or text parts joined. */
    private static String plainText(JsonNode content, String at) {
        if (content != null && content.isTextual()) {
            return content.textValue();
        }
        if (content == null || !content.isArray()) {
            throw invalid(at, "required (a string or a list of text parts)");
        }
        StringBuilder text = new StringBuilder();
        forEachTagged(content, at, "type", (part, type, partAt) -> {
            switch (type) {
                case "input_text", "output_text" -> text.append(presentString(part, "text", partAt + ".text"));
                case "refusal" -> text.append(presentString(part, "refusal", partAt + ".refusal"));
                default -> throw invalid(partAt + ".type", "only text parts are allowed here, got \"" + type + "\"");
            }
        });
        return text.toString();
    }

    /** A function call's output: a string, or {@code input_text} and {@code input_image} parts. */
    private static List<Part> toolOutput(JsonNode output, String at) {
        if (output != null && output.isTextual()) {
            return List.of(new TextPart(output.textValue()));
        }
        if (output == null || !output.isArray()) {
            throw invalid(at, "required (a string or a list of input_text and input_image parts)");
        }
        return userParts(output, at);
    }

    /** A reasoning item's summary texts, joined; a summary is required, as the Responses API requires it. */
    private static String reasoningSummary(ObjectNode item, String at) {
        ArrayNode summary = array(item, "summary", at + ".summary");
        if (summary == null) {
            throw invalid(at + ".summary", "required (a list of summary_text parts, may be empty)");
        }
        StringBuilder text = new StringBuilder();
        forEachTagged(summary, at + ".summary", "type", (part, type, partAt) -> {
            if (!type.equals("summary_text")) {
                throw invalid(partAt + ".type", "only summary_text parts are supported, got \"" + type + "\"");
            }
            text.append(text.isEmpty() ? "" : "\n\n").append(presentString(part, "text", partAt + ".text"));
        });
        return text.toString();
    }

    /**
     * {@code tools}: function tools only, flat ({@code name}, {@code description}, {@code parameters}); each is
     * added to {@code echoed} as the Responses object echoes it, with every field a function tool has.
     */
    private static List<AITool> tools(ArrayNode tools, ArrayNode echoed) {
        if (tools == null) {
            return List.of();
        }
        List<AITool> read = new ArrayList<>(tools.size());
        for (int i = 0; i < tools.size(); i++) {
            String at = "tools[" + i + "]";
            ObjectNode tool = object(tools.get(i), at);
            String type = requiredString(tool, "type", at + ".type");
            if (!type.equals("function")) {
                throw invalid(at + ".type", "only \"function\" tools are supported, got \"" + type
                        + "\" (hosted tools are not available through Switchboard)");
            }
            AITool function = new AITool(requiredString(tool, "name", at + ".name"),
                    string(tool, "description", at + ".description"), object(tool, "parameters", at + ".parameters"));
            read.add(function);
            ObjectNode echo = echoed.addObject();
            echo.put("type", "function");
            echo.put("name", function.name());
            echo.put("description", function.description());
            echo.set("parameters", function.parameters());
            // not enforced: a backend's own strict mode is not reachable through the neutral model
            echo.put("strict", bool(tool, "strict", at + ".strict"));
        }
        return read;
    }

    /** {@code tool_choice}: {@code none}, {@code auto}, {@code required}, or {@code {"type": "function", "name"}}. */
    private static ToolChoice toolChoice(JsonNode choice) {
        return OpenAiToolChoice.read(choice, "{\"type\": \"function\", \"name\": …}",
                named -> requiredString(named, "name", "tool_choice.name"));
    }
}
