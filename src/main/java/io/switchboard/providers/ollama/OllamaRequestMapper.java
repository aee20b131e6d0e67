package io.switchboard.providers.ollama;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

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
import io.switchboard.providers.ollama.OllamaWire.ChatRequest;
import io.switchboard.providers.ollama.OllamaWire.Function;
import io.switchboard.providers.ollama.OllamaWire.Message;
import io.switchboard.providers.ollama.OllamaWire.Options;
import io.switchboard.providers.ollama.OllamaWire.Tool;
import io.switchboard.providers.ollama.OllamaWire.ToolCall;
import io.switchboard.providers.ollama.OllamaWire.ToolFunction;

/**
 * The neutral request in Ollama's native {@code /api/chat} form: images
 * as bare base64 on the message, tool calls without ids and with object arguments, tool results
 * named by {@code tool_name}, earlier thinking echoed in {@code thinking} (thinking survives in
 * history, in each backend's own form).
 */
final class OllamaRequestMapper {

    /** An {@code https:} image that must be fetched before the request can be sent, and where it was. */
    record RemoteImage(String field, String url) {
    }

    private static final JsonNode JSON_MODE = TextNode.valueOf("json");

    private final String provider;
    private final Object keepAlive;

    /** @param keepAlive the configured {@code keep-alive}, or null */
    OllamaRequestMapper(String provider, String keepAlive) {
        this.provider = provider;
        this.keepAlive = toKeepAlive(keepAlive);
    }

    /**
     * @param fetched base64 payloads of the remote images, by URL ({@link #remoteImages}); data URIs
     *        need none
     */
    ChatRequest toWire(ProviderRequest request, boolean stream, Map<String, String> fetched) {
        AIContext context = request.context();
        List<String> stops = context.stopSequences().isEmpty() ? null : context.stopSequences();
        return new ChatRequest(request.model(), toMessages(context, fetched), toTools(context.tools(), request.toolUse()),
                toThink(context), new Options(request.temperature(), request.maxTokens(), stops, context.topP()), keepAlive,
                stream,
                toFormat(context.responseFormat()));
    }

    /** Ollama's {@code format}: the schema itself, {@code "json"} for any JSON, none for text. */
    static JsonNode toFormat(ResponseFormat format) {
        if (format == null || ResponseFormat.TEXT.equals(format.type())) {
            return null;
        }
        return format.jsonSchema() != null ? format.jsonSchema().schema() : JSON_MODE;
    }

    /** Every image given by URL rather than inline, with the field that holds it, in order. */
    static List<RemoteImage> remoteImages(AIContext context) {
        List<RemoteImage> remote = new ArrayList<>();
        List<AIMessage> messages = context.messages();
        for (int i = 0; i < messages.size(); i++) {
            List<Part> parts = messages.get(i).content();
            for (int j = 0; j < parts.size(); j++) {
                String at = "messages[" + i + "].content[" + j + "]";
                if (parts.get(j) instanceof ImagePart image && !image.isDataUri()) {
                    remote.add(new RemoteImage(at + ".url", image.url()));
                } else if (parts.get(j) instanceof ToolResultPart result) {
                    for (int k = 0; k < result.result().size(); k++) {
                        if (result.result().get(k) instanceof ImagePart image && !image.isDataUri()) {
                            remote.add(new RemoteImage(at + ".result[" + k + "].url", image.url()));
                        }
                    }
                }
            }
        }
        return remote;
    }

    /**
     * {@code think}: off when asked ({@code enable_thinking: false}, a budget of 0 or less, effort
     * {@code none}); an effort level when one is given; on for a positive budget or
     * {@code enable_thinking: true}; else omitted, leaving the model's default.
     */
    static Object toThink(AIContext context) {
        Integer budget = context.thinkingBudget();
        String effort = context.reasoningEffort() == null || context.reasoningEffort().isBlank() ? null
                : context.reasoningEffort().toLowerCase(Locale.ROOT);
        if (Boolean.FALSE.equals(context.enableThinking()) || budget != null && budget <= 0 || "none".equals(effort)) {
            return Boolean.FALSE;
        }
        if (effort != null) {
            return switch (effort) {
                case "minimal", "low" -> "low";
                case "medium" -> "medium";
                case "high" -> "high";
                case "xhigh", "max" -> "max";
                // An effort Ollama has no level for still asks for reasoning.
                default -> Boolean.TRUE;
            };
        }
        if (budget != null || Boolean.TRUE.equals(context.enableThinking())) {
            return Boolean.TRUE;
        }
        return null;
    }

    /** A unit-less number ("-1", "300") is seconds and must go as a JSON number: Ollama rejects it as a string. */
    static Object toKeepAlive(String configured) {
        if (configured == null || configured.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(configured.strip());
        } catch (NumberFormatException e) {
            return configured.strip();
        }
    }

    /**
     * Ollama's API has no tool choice and no parallel-call switch: {@code none} is honoured by sending no
     * tools, while a forced call or at most one call is refused rather than silently not enforced.
     */
    private List<Tool> toTools(List<AITool> tools, ToolUse use) {
        if (use.singleCall()) {
            throw GatewayException.invalidRequest("parallel_tool_calls: " + provider
                    + " (ollama) cannot limit the model to one tool call; leave it unset or true");
        }
        if (use.forcesChoice() && !use.choice().is(ToolChoice.NONE)) {
            throw GatewayException.invalidRequest("tool_choice: " + provider + " (ollama) cannot force a tool call (\""
                    + use.choice().type() + "\"); only auto and none");
        }
        if (tools.isEmpty() || use.forcesChoice()) {
            return null;
        }
        return tools.stream()
                .map(tool -> new Tool("function", new ToolFunction(tool.name(), tool.description(), tool.parameters())))
                .toList();
    }

    private static List<Message> toMessages(AIContext context, Map<String, String> fetched) {
        List<Message> messages = new ArrayList<>();
        if (context.systemPrompt() != null && !context.systemPrompt().isEmpty()) {
            messages.add(new Message("system", context.systemPrompt(), null, null, null, null));
        }
        for (AIMessage message : context.messages()) {
            addMessage(message, messages, fetched);
        }
        return messages;
    }

    private static void addMessage(AIMessage message, List<Message> out, Map<String, String> fetched) {
        List<Part> parts = message.content();
        if (parts.stream().anyMatch(ToolResultPart.class::isInstance)) {
            addToolResults(parts, out, fetched);
            return;
        }
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        List<String> images = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        for (Part part : parts) {
            switch (part) {
                case TextPart t -> text.append(t.text() == null ? "" : t.text());
                case ImagePart image -> images.add(base64Of(image, fetched));
                case ThinkingPart t -> thinking.append(t.thinking());
                case ToolCallPart call -> calls.add(new ToolCall(new Function(call.name(), call.arguments())));
                case ToolResultPart ignored -> {
                    // handled above
                }
            }
        }
        String role = calls.isEmpty() ? message.role() : "assistant";
        out.add(new Message(role, text.toString(), thinking.isEmpty() ? null : thinking.toString(),
                images.isEmpty() ? null : images, calls.isEmpty() ? null : calls, null));
    }

    /**
     * One {@code tool} message per result, named by {@code tool_name} (Ollama pairs results by name,
     * it has no ids); the results' images follow in one user message, as tool messages take none.
     */
    private static void addToolResults(List<Part> parts, List<Message> out, Map<String, String> fetched) {
        List<String> images = new ArrayList<>();
        for (Part part : parts) {
            if (part instanceof ToolResultPart result) {
                StringBuilder text = new StringBuilder();
                boolean hasImage = false;
                for (Part inner : result.result()) {
                    if (inner instanceof TextPart t && t.text() != null) {
                        if (!text.isEmpty()) {
                            text.append('\n');
                        }
                        text.append(t.text());
                    } else if (inner instanceof ImagePart image) {
                        images.add(base64Of(image, fetched));
                        hasImage = true;
                    }
                }
                String content = text.isEmpty() && hasImage ? "[see image below]" : text.toString();
                out.add(new Message("tool", content, null, null, null, result.name()));
            }
        }
        if (!images.isEmpty()) {
            out.add(new Message("user", "", null, images, null, null));
        }
    }

    private static String base64Of(ImagePart image, Map<String, String> fetched) {
        if (image.isDataUri()) {
            return image.base64Data();
        }
        String data = fetched.get(image.url());
        if (data == null) {
            throw new IllegalStateException("remote image not fetched before mapping");
        }
        return data;
    }
}
