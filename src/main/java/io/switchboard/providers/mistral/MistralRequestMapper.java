package io.switchboard.providers.mistral;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

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
import io.switchboard.gateway.spi.ProviderRequest;
import io.switchboard.gateway.spi.ToolUse;
import io.switchboard.providers.mistral.MistralWire.ChatCompletionRequest;
import io.switchboard.providers.mistral.MistralWire.FunctionCall;
import io.switchboard.providers.mistral.MistralWire.ImageUrlChunk;
import io.switchboard.providers.mistral.MistralWire.Message;
import io.switchboard.providers.mistral.MistralWire.NamedToolChoice;
import io.switchboard.providers.mistral.MistralWire.TextChunk;
import io.switchboard.providers.mistral.MistralWire.ThinkChunk;
import io.switchboard.providers.mistral.MistralWire.Tool;
import io.switchboard.providers.mistral.MistralWire.ToolCall;

/**
 * The neutral request in Mistral's chat-completions form: tool-call ids translated to Mistral's
 * 9-character form ({@link MistralToolCallIds}), earlier thinking echoed as Mistral's own
 * {@code thinking} chunks (thinking survives in history), every text part kept.
 */
final class MistralRequestMapper {

    private final ObjectMapper json;

    MistralRequestMapper(ObjectMapper json) {
        this.json = json;
    }

    ChatCompletionRequest toWire(ProviderRequest request, boolean stream) {
        AIContext context = request.context();
        ToolUse use = request.toolUse();
        return new ChatCompletionRequest(request.model(), toMessages(context), request.temperature(),
                request.maxTokens(), context.stopSequences().isEmpty() ? null : context.stopSequences(),
                toReasoningEffort(context), toTools(context.tools()), toToolChoice(use.choice()),
                use.parallelToolCalls(), stream, context.topP(), toResponseFormat(context.responseFormat()));
    }

    /** Mistral's {@code response_format} has the neutral shape ({@code json_object}, {@code json_schema}); text sends none. */
    static ResponseFormat toResponseFormat(ResponseFormat format) {
        return format == null || ResponseFormat.TEXT.equals(format.type()) ? null : format;
    }

    /** {@code auto}, {@code none}, {@code any} (neutral {@code required}), or a named function. */
    static Object toToolChoice(ToolChoice choice) {
        if (choice == null) {
            return null;
        }
        return switch (choice.type()) {
            case ToolChoice.REQUIRED -> "any";
            case ToolChoice.TOOL -> new NamedToolChoice(choice.name());
            default -> choice.type();
        };
    }

    /**
     * The request's own effort wins over the provider's configured one: a budget of 0 or less (or
     * {@code enable_thinking: false}) turns reasoning off, a positive budget (or
     * {@code enable_thinking: true}) turns it on at the requested effort, else high.
     */
    static String toReasoningEffort(AIContext context) {
        Integer budget = context.thinkingBudget();
        String effort = context.reasoningEffort() == null || context.reasoningEffort().isBlank() ? null
                : context.reasoningEffort();
        if (Boolean.FALSE.equals(context.enableThinking()) || budget != null && budget <= 0) {
            return "none";
        }
        if (effort != null) {
            return effort;
        }
        if (budget != null || Boolean.TRUE.equals(context.enableThinking())) {
            return "high";
        }
        return null;
    }

    private static List<Tool> toTools(List<AITool> tools) {
        if (tools.isEmpty()) {
            return null;
        }
        return tools.stream()
                .map(tool -> new Tool("function", new MistralWire.Function(tool.name(),
                        tool.description() == null ? "" : tool.description(), tool.parameters())))
                .toList();
    }

    private List<Message> toMessages(AIContext context) {
        List<Message> messages = new ArrayList<>();
        if (context.systemPrompt() != null && !context.systemPrompt().isEmpty()) {
            messages.add(Message.of("system", context.systemPrompt()));
        }
        for (AIMessage message : context.messages()) {
            addMessage(message, messages);
        }
        int last = messages.size() - 1;
        if (last >= 0 && "assistant".equals(messages.get(last).role()) && messages.get(last).toolCalls() == null) {
            // Mistral serves a conversation ending with an assistant turn only as a prefix to continue
            // ("Expected last role User or Tool (or Assistant with prefix True)").
            messages.set(last, messages.get(last).asPrefix());
        }
        return messages;
    }

    private void addMessage(AIMessage message, List<Message> out) {
        List<Part> parts = message.content();
        if (parts.stream().anyMatch(ToolResultPart.class::isInstance)) {
            for (Part part : parts) {
                if (part instanceof ToolResultPart result) {
                    out.add(toToolMessage(result));
                }
            }
            return;
        }
        boolean hasCalls = parts.stream().anyMatch(ToolCallPart.class::isInstance);
        String role = hasCalls ? "assistant" : message.role();
        StringBuilder text = new StringBuilder();
        List<Object> thinking = new ArrayList<>();
        List<Object> images = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        for (Part part : parts) {
            switch (part) {
                case TextPart t -> text.append(t.text() == null ? "" : t.text());
                case ImagePart image -> images.add(new ImageUrlChunk(image.url()));
                case ThinkingPart t -> {
                    // Only an assistant turn can carry reasoning back; Mistral's own thinking chunk keeps it.
                    if ("assistant".equals(role) && !t.thinking().isEmpty()) {
                        thinking.add(new ThinkChunk(t.thinking()));
                    }
                }
                case ToolCallPart call -> calls.add(new ToolCall(MistralToolCallIds.toWire(call.id()), "function",
                        new FunctionCall(call.name(), toJson(call))));
                case ToolResultPart ignored -> {
                    // handled above: a message holding results becomes tool messages
                }
            }
        }
        Object content;
        if (thinking.isEmpty() && images.isEmpty()) {
            content = text.isEmpty() && hasCalls ? null : text.toString();
        } else {
            List<Object> chunks = new ArrayList<>(thinking);
            if (!text.isEmpty()) {
                chunks.add(new TextChunk(text.toString()));
            }
            chunks.addAll(images);
            content = chunks;
        }
        out.add(new Message(role, content, calls.isEmpty() ? null : calls, null, null, null));
    }

    /**
     * One tool message per result, named after its call. Images stay inside the tool message as
     * chunks, which Mistral's tool message accepts: a separate user message for the images after the
     * tool messages would break Mistral's role order (a user turn may not follow a tool turn).
     */
    private static Message toToolMessage(ToolResultPart result) {
        StringBuilder text = new StringBuilder();
        List<Object> images = new ArrayList<>();
        for (Part part : result.result()) {
            if (part instanceof TextPart t && t.text() != null) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(t.text());
            } else if (part instanceof ImagePart image) {
                images.add(new ImageUrlChunk(image.url()));
            }
        }
        Object content = text.toString();
        if (!images.isEmpty()) {
            List<Object> chunks = new ArrayList<>();
            if (!text.isEmpty()) {
                chunks.add(new TextChunk(text.toString()));
            }
            chunks.addAll(images);
            content = chunks;
        }
        return new Message("tool", content, null, MistralToolCallIds.toWire(result.toolCallId()), result.name(), null);
    }

    private String toJson(ToolCallPart call) {
        try {
            return json.writeValueAsString(call.arguments());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("tool-call arguments are a JSON tree and always serialise", e);
        }
    }
}
