package io.switchboard.providers.openai.responses;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

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
import io.switchboard.gateway.spi.ToolUse;

/**
 * Translates a request into a Responses API body: nothing stored upstream ({@code store: false}), the reasoning
 * state asked for ({@code include: ["reasoning.encrypted_content"]}); the system prompt as {@code instructions};
 * the conversation as {@code input} items in order (messages, {@code function_call}, {@code function_call_output},
 * and a {@code reasoning} item for each item of this wire's state a thinking part carries); tools as functions, the
 * tool choice and the parallel-call switch; the output cap, sampling and reasoning settings.
 * <p>
 * With {@code store: false} a reasoning item is read from its {@code encrypted_content}, so thinking without this
 * wire's state (unsigned, or another backend's) has no form here and is left out, as the Messages API leaves out
 * unsigned thinking. The API has no stop sequences: a request with some is refused naming the field.
 */
final class OpenAiResponsesRequestMapper {

    private final ObjectMapper json;
    private final OpenAiResponsesConfig.Summary summary;
    private final Predicate<String> reasoningModel;

    /**
     * @param reasoningModel whether a model is known to reason (and to accept no temperature); known only on
     *        OpenAI's own endpoint
     */
    OpenAiResponsesRequestMapper(ObjectMapper json, OpenAiResponsesConfig.Summary summary,
            Predicate<String> reasoningModel) {
        this.json = json;
        this.summary = summary;
        this.reasoningModel = reasoningModel;
    }

    ObjectNode toWire(ProviderRequest request, boolean stream) {
        AIContext context = request.context();
        if (!context.stopSequences().isEmpty()) {
            throw GatewayException.invalidRequest("stop_sequences: OpenAI's Responses API has no stop sequences;"
                    + " leave them out, or use a provider with api=chat-completions");
        }
        String model = request.model() == null ? "" : request.model();
        boolean reasoning = reasoningModel.test(model);
        ObjectNode body = json.createObjectNode();
        body.put("model", request.model());
        if (context.systemPrompt() != null && !context.systemPrompt().isEmpty()) {
            body.put("instructions", context.systemPrompt());
        }
        body.set("input", toInput(context.messages()));
        body.put("store", false);
        body.putArray("include").add("reasoning.encrypted_content");
        if (!context.tools().isEmpty()) {
            body.set("tools", toTools(context.tools()));
        }
        addToolUse(body, request.toolUse());
        if (request.maxTokens() != null) {
            body.put("max_output_tokens", request.maxTokens());
        }
        if (request.temperature() != null && !reasoning) {
            body.put("temperature", request.temperature());
        }
        if (context.topP() != null && !reasoning) {
            body.put("top_p", context.topP());
        }
        if (context.reasoningEffort() != null || reasoning) {
            ObjectNode settings = body.putObject("reasoning");
            if (context.reasoningEffort() != null) {
                settings.put("effort", context.reasoningEffort());
            }
            if (summary != OpenAiResponsesConfig.Summary.NONE) {
                settings.put("summary", summary.name().toLowerCase(Locale.ROOT));
            }
        }
        addTextFormat(body, context.responseFormat());
        if (context.promptCacheKey() != null) {
            body.put("prompt_cache_key", context.promptCacheKey());
        }
        if (stream) {
            body.put("stream", true);
        }
        return body;
    }

    /** {@code tool_choice} as a mode string or a named function; {@code parallel_tool_calls} when stated. */
    private static void addToolUse(ObjectNode body, ToolUse use) {
        ToolChoice choice = use.choice();
        if (choice != null) {
            if (choice.is(ToolChoice.TOOL)) {
                body.putObject("tool_choice").put("type", "function").put("name", choice.name());
            } else {
                body.put("tool_choice", choice.type());
            }
        }
        if (use.parallelToolCalls() != null) {
            body.put("parallel_tool_calls", use.parallelToolCalls());
        }
    }

    /** {@code text.format}: the Responses form of a response format (the schema's fields beside its type). */
    private static void addTextFormat(ObjectNode body, ResponseFormat format) {
        if (format == null || format.type() == null) {
            return;
        }
        ObjectNode wire = body.putObject("text").putObject("format").put("type", format.type());
        ResponseFormat.JsonSchema schema = format.jsonSchema();
        if (ResponseFormat.JSON_SCHEMA.equals(format.type()) && schema != null) {
            wire.put("name", schema.name());
            if (schema.description() != null) {
                wire.put("description", schema.description());
            }
            if (schema.schema() != null) {
                wire.set("schema", schema.schema());
            }
            if (schema.strict() != null) {
                wire.put("strict", schema.strict());
            }
        }
    }

    private ArrayNode toInput(List<AIMessage> messages) {
        ArrayNode input = json.createArrayNode();
        for (AIMessage message : messages) {
            List<Part> parts = message.content() == null ? List.of() : message.content();
            if ("assistant".equals(message.role())) {
                addAssistant(input, parts);
            } else if (parts.stream().anyMatch(ToolResultPart.class::isInstance)) {
                addToolResults(input, parts);
            } else {
                addMessage(input, message.role(), parts);
            }
        }
        return input;
    }

    /**
     * An assistant turn, its parts in order: reasoning items, its text as one message where it stands, function
     * calls.
     */
    private void addAssistant(ArrayNode input, List<Part> parts) {
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case TextPart t -> text.append(t.text() == null ? "" : t.text());
                case ThinkingPart t -> {
                    flushText(input, text);
                    addReasoning(input, t);
                }
                case ToolCallPart call -> {
                    flushText(input, text);
                    input.addObject().put("type", "function_call").put("call_id", call.id()).put("name", call.name())
                            .put("arguments", call.arguments().toString());
                }
                // an assistant turn holds no images, and results only in a tool turn
                case ImagePart i -> {
                }
                case ToolResultPart r -> {
                }
            }
        }
        flushText(input, text);
    }

    private static void flushText(ArrayNode input, StringBuilder text) {
        if (!text.isEmpty()) {
            input.addObject().put("type", "message").put("role", "assistant").put("content", text.toString());
            text.setLength(0);
        }
    }

    /** One reasoning item per item of state; the thinking text goes back as the first one's summary. */
    private void addReasoning(ArrayNode input, ThinkingPart thinking) {
        List<ReasoningState.Item> items = ReasoningState.items(thinking.signature());
        for (int i = 0; i < items.size(); i++) {
            ReasoningState.Item item = items.get(i);
            ObjectNode wire = input.addObject().put("type", "reasoning").put("id", item.id());
            ArrayNode summaryParts = wire.putArray("summary");
            if (i == 0 && !thinking.thinking().isEmpty()) {
                summaryParts.addObject().put("type", "summary_text").put("text", thinking.thinking());
            }
            wire.put("encrypted_content", item.encryptedContent());
        }
    }

    /** One {@code function_call_output} per result: its text, or a list of text and images when it has images. */
    private void addToolResults(ArrayNode input, List<Part> parts) {
        for (Part part : parts) {
            if (part instanceof ToolResultPart result) {
                ObjectNode wire = input.addObject().put("type", "function_call_output").put("call_id",
                        result.toolCallId());
                if (result.resultImages().isEmpty()) {
                    wire.put("output", result.resultText());
                } else {
                    wire.set("output", toContent(result.result()));
                }
            }
        }
    }

    /** A user, system or developer message: text-only content as a string, else a list of text and images. */
    private void addMessage(ArrayNode input, String role, List<Part> parts) {
        ObjectNode message = input.addObject().put("type", "message").put("role", role);
        if (parts.stream().anyMatch(ImagePart.class::isInstance)) {
            message.set("content", toContent(parts));
            return;
        }
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof TextPart t && t.text() != null) {
                text.append(t.text());
            }
        }
        message.put("content", text.toString());
    }

    private ArrayNode toContent(List<Part> parts) {
        ArrayNode content = json.createArrayNode();
        for (Part part : parts) {
            if (part instanceof TextPart t) {
                content.addObject().put("type", "input_text").put("text", t.text() == null ? "" : t.text());
            } else if (part instanceof ImagePart image) {
                content.addObject().put("type", "input_image").put("image_url", image.url()).put("detail", "auto");
            }
        }
        return content;
    }

    private ArrayNode toTools(List<AITool> tools) {
        ArrayNode wire = json.createArrayNode();
        for (AITool tool : tools) {
            ObjectNode function = wire.addObject().put("type", "function").put("name", tool.name());
            if (tool.description() != null) {
                function.put("description", tool.description());
            }
            function.set("parameters", tool.parameters());
            // strict mode would require every property and additionalProperties: false of schemas written for
            // Chat Completions, where functions are not strict by default either
            function.put("strict", false);
        }
        return wire;
    }
}
