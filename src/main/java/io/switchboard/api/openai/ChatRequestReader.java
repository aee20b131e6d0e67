package io.switchboard.api.openai;

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
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.api.ContextValidator;
import io.switchboard.api.ResponseFormats;
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
 * Reads a Chat Completions request into an {@link AIContext}. What Switchboard cannot honour (more
 * than one choice, sampling knobs it does not pass on) is a 400
 * naming the field rather than a silently different answer; {@code user}, {@code store},
 * {@code metadata} and the other bookkeeping fields are ignored, as unknown fields are.
 */
@ApplicationScoped
class ChatRequestReader {

    private final ObjectMapper json;
    private final ChatAnswers answers;

    ChatRequestReader(ObjectMapper json, ChatAnswers answers) {
        this.json = json;
        this.answers = answers;
    }

    ChatRequest read(ObjectNode body, String requestId) {
        String model = requiredString(body, "model", "model");
        refuseUnsupported(body);
        ArrayNode messages = array(body, "messages", "messages");
        if (messages == null || messages.isEmpty()) {
            throw invalid("messages", "required (a non-empty list)");
        }
        StringBuilder system = new StringBuilder();
        List<AIMessage> conversation = new ArrayList<>();
        Map<String, String> toolNames = new HashMap<>();
        forEachTagged(messages, "messages", "role", (message, role, at) -> {
            switch (role) {
                case "system", "developer" -> {
                    String text = plainText(message.get("content"), at + ".content");
                    if (conversation.isEmpty()) {
                        system.append(system.isEmpty() ? "" : "\n\n").append(text);
                    } else {
                        conversation.add(new AIMessage(Role.SYSTEM, List.of(new TextPart(text))));
                    }
                }
                case "user" -> conversation.add(new AIMessage(Role.USER, userParts(message.get("content"),
                        at + ".content")));
                case "assistant" -> conversation.add(assistant(message, at, toolNames));
                case "tool" -> {
                    String id = requiredString(message, "tool_call_id", at + ".tool_call_id");
                    String text = plainText(message.get("content"), at + ".content");
                    conversation.add(new AIMessage(Role.TOOL,
                            List.of(new ToolResultPart(id, toolNames.get(id), List.of(new TextPart(text))))));
                }
                default -> throw invalid(at + ".role",
                        "unsupported role \"" + role + "\" (one of system, developer, user, assistant, tool)");
            }
        });
        Integer maxTokens = integer(body, "max_completion_tokens", "max_completion_tokens");
        if (maxTokens == null) {
            maxTokens = integer(body, "max_tokens", "max_tokens");
        }
        AIContext context = new AIContext(conversation, system.isEmpty() ? null : system.toString(),
                number(body, "temperature", "temperature"), maxTokens, null, null,
                string(body, "reasoning_effort", "reasoning_effort"), tools(body), toolChoice(body.get("tool_choice")),
                bool(body, "parallel_tool_calls", "parallel_tool_calls"), stop(body.get("stop")), null, null, true)
                .withResponseFormat(responseFormat(body));
        context = context.withCaching(null, string(body, "prompt_cache_key", "prompt_cache_key"));
        Double topP = number(body, "top_p", "top_p");
        if (topP != null) {
            context = context.withTopP(topP);
        }
        ContextValidator.validate(context);
        boolean stream = Boolean.TRUE.equals(bool(body, "stream", "stream"));
        ObjectNode options = object(body, "stream_options", "stream_options");
        boolean includeUsage = options != null
                && Boolean.TRUE.equals(bool(options, "include_usage", "stream_options.include_usage"));
        return new ChatRequest(context, stream, includeUsage, model, "chatcmpl-" + requestId,
                System.currentTimeMillis() / 1000, answers);
    }

    private static void refuseUnsupported(ObjectNode body) {
        Integer n = integer(body, "n", "n");
        if (n != null && n != 1) {
            throw invalid("n", "only 1 choice per request is supported, got " + n);
        }
        if (Boolean.TRUE.equals(bool(body, "logprobs", "logprobs"))) {
            throw invalid("logprobs", "log probabilities are not supported");
        }
        refuseUnless(body, "presence_penalty", 0.0);
        refuseUnless(body, "frequency_penalty", 0.0);
        if (present(body, "logit_bias") && !body.get("logit_bias").isEmpty()) {
            throw invalid("logit_bias", "not supported");
        }
        for (String field : List.of("top_logprobs", "seed", "audio", "prediction", "web_search_options", "functions",
                "function_call")) {
            if (present(body, field)) {
                throw invalid(field, "not supported" + (field.startsWith("function") ? "; use tools" : ""));
            }
        }
        ArrayNode modalities = array(body, "modalities", "modalities");
        if (modalities != null && !(modalities.size() == 1 && "text".equals(modalities.get(0).asText()))) {
            throw invalid("modalities", "only [\"text\"] is supported");
        }
    }

    /** {@code response_format}, the native API's own shape; null when absent. */
    private static ResponseFormat responseFormat(ObjectNode body) {
        ObjectNode format = object(body, "response_format", "response_format");
        return format == null ? null : ResponseFormats.chat(format, "response_format");
    }

    /** {@code stop}: one string or a list of them. */
    private static List<String> stop(JsonNode stop) {
        if (stop == null || stop.isNull()) {
            return List.of();
        }
        if (stop.isTextual()) {
            if (stop.textValue().isEmpty()) {
                throw invalid("stop", "must be a non-empty string or a list of them");
            }
            return List.of(stop.textValue());
        }
        if (!stop.isArray()) {
            throw invalid("stop", "must be a string or a list of strings");
        }
        return nonEmptyStrings((ArrayNode) stop, "stop", ContextValidator.MAX_STOP_SEQUENCES);
    }

    /** {@code tool_choice}: {@code none}, {@code auto}, {@code required}, or a named function. */
    private static ToolChoice toolChoice(JsonNode choice) {
        return OpenAiToolChoice.read(choice, "{\"type\": \"function\", \"function\": {\"name\": …}}", named -> {
            ObjectNode function = object(named, "function", "tool_choice.function");
            if (function == null) {
                throw invalid("tool_choice.function", "required");
            }
            return requiredString(function, "name", "tool_choice.function.name");
        });
    }

    private static void refuseUnless(ObjectNode body, String field, double neutral) {
        Double value = number(body, field, field);
        if (value != null && value != neutral) {
            throw invalid(field, "not supported (only the default " + neutral + ")");
        }
    }

    private AIMessage assistant(ObjectNode message, String at, Map<String, String> toolNames) {
        List<Part> parts = new ArrayList<>();
        String reasoning = string(message, "reasoning_content", at + ".reasoning_content");
        String signature = string(message, ChatAnswers.REASONING_SIGNATURE, at + "." + ChatAnswers.REASONING_SIGNATURE);
        if ((reasoning != null && !reasoning.isEmpty()) || (signature != null && !signature.isEmpty())) {
            parts.add(new ThinkingPart(reasoning, signature == null || signature.isEmpty() ? null : signature));
        }
        JsonNode content = message.get("content");
        if (content != null && !content.isNull()) {
            String text = plainText(content, at + ".content");
            if (!text.isEmpty()) {
                parts.add(new TextPart(text));
            }
        }
        ArrayNode calls = array(message, "tool_calls", at + ".tool_calls");
        if (calls != null) {
            for (int j = 0; j < calls.size(); j++) {
                String callAt = at + ".tool_calls[" + j + "]";
                ObjectNode call = object(calls.get(j), callAt);
                String type = string(call, "type", callAt + ".type");
                if (type != null && !"function".equals(type)) {
                    throw invalid(callAt + ".type", "only \"function\" tool calls are supported");
                }
                String id = requiredString(call, "id", callAt + ".id");
                ObjectNode function = object(call, "function", callAt + ".function");
                if (function == null) {
                    throw invalid(callAt + ".function", "required");
                }
                String name = requiredString(function, "name", callAt + ".function.name");
                ToolCall parsed = ToolArguments.toToolCall(id, name,
                        string(function, "arguments", callAt + ".function.arguments"), json);
                parts.add(new ToolCallPart(id, name, parsed.arguments(), parsed.metadata()));
                toolNames.put(id, name);
            }
        }
        return new AIMessage(Role.ASSISTANT, parts);
    }

    /** A user message's content: a string, or text and {@code image_url} parts. */
    private static List<Part> userParts(JsonNode content, String at) {
        if (content != null && content.isTextual()) {
            return List.of(new TextPart(content.textValue()));
        }
        if (content == null || !content.isArray()) {
            throw invalid(at, "required (a string or a list of parts)");
        }
        List<Part> parts = new ArrayList<>();
        forEachTagged(content, at, "type", (part, type, partAt) -> {
            switch (type) {
                case "text" -> parts.add(new TextPart(presentString(part, "text", partAt + ".text")));
                case "image_url" -> {
                    ObjectNode image = object(part, "image_url", partAt + ".image_url");
                    if (image == null) {
                        throw invalid(partAt + ".image_url", "required");
                    }
                    parts.add(new ImagePart(requiredString(image, "url", partAt + ".image_url.url"), null));
                }
                default -> throw invalid(partAt + ".type",
                        "unsupported part type \"" + type + "\" (text and image_url are supported)");
            }
        });
        return parts;
    }

    /** Content that must be text: a string, or a list of text parts joined. */
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
                case "text" -> text.append(presentString(part, "text", partAt + ".text"));
                case "refusal" -> text.append(requiredString(part, "refusal", partAt + ".refusal"));
                default -> throw invalid(partAt + ".type", "only text parts are allowed here, got \"" + type + "\"");
            }
        });
        return text.toString();
    }

    private static List<AITool> tools(ObjectNode body) {
        return readObjects(body, "tools", (tool, at) -> {
            if (!"function".equals(string(tool, "type", at + ".type"))) {
                throw invalid(at + ".type", "only \"function\" tools are supported");
            }
            ObjectNode function = object(tool, "function", at + ".function");
            if (function == null) {
                throw invalid(at + ".function", "required");
            }
            return new AITool(requiredString(function, "name", at + ".function.name"),
                    string(function, "description", at + ".function.description"),
                    object(function, "parameters", at + ".function.parameters"));
        });
    }
}
