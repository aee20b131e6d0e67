package io.switchboard.providers.openai;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.core.model.AIResponse;
import io.switchboard.core.model.AnswerMetadata;
import io.switchboard.core.model.FinishReason;
import io.switchboard.core.model.ToolCall;
import io.switchboard.core.model.Usage;
import io.switchboard.stream.ThinkTagSplitter;
import io.switchboard.stream.ThinkTags;
import io.switchboard.stream.ToolCallAssembler;

/**
 * Translates a non-streamed Chat Completions answer into an {@link AIResponse}: the first choice;
 * field reasoning ({@code reasoning_content}, else {@code reasoning}) first as thinking, then the
 * {@code <think>} blocks of the content split by the same parser the stream uses (so both
 * endpoints give the same split); tool calls with parsed arguments; disjoint usage; the
 * normalized finish reason with the raw one in {@code metadata.provider_finish_reason}.
 */
public final class OpenAiResponseMapper {

    private final ObjectMapper json;
    private final ThinkTags thinkTags;

    /**
     * @param thinkTags the {@code <think>} options of the content
     */
    public OpenAiResponseMapper(ObjectMapper json, ThinkTags thinkTags) {
        this.json = json;
        this.thinkTags = thinkTags;
    }

    public AIResponse toResponse(ChatCompletion completion) {
        Usage usage = completion.usage() == null ? null : completion.usage().toUsage();
        if (completion.choices() == null || completion.choices().isEmpty() || completion.choices().get(0) == null) {
            return new AIResponse("", null, null, FinishReason.OTHER, usage, List.of(),
                    AnswerMetadata.of(null, completion.model(), false));
        }
        ChatCompletion.Choice choice = completion.choices().get(0);
        ChatCompletion.Message message = choice.message();
        if (message == null) {
            message = new ChatCompletion.Message(null, null, null, null, null);
        }
        String content = textOf(message.content());
        StringBuilder thinking = new StringBuilder(fieldReasoning(message.reasoningContent(), message.reasoning()));
        if (content != null) {
            ThinkTagSplitter.Split split = thinkTags.split(content);
            content = split.text();
            if (split.thinking() != null) {
                thinking.append(split.thinking());
            }
        }
        String refusal = textOf(message.refusal());
        boolean refused = refusal != null && !refusal.isEmpty();
        if (refused && (content == null || content.isEmpty())) {
            content = refusal;
        }
        List<ToolCall> calls = toToolCalls(message.toolCalls());
        ObjectNode metadata = AnswerMetadata.of(choice.finishReason(), completion.model(), refused);
        return new AIResponse(content == null ? "" : content, thinking.isEmpty() ? null : thinking.toString(), null,
                toFinishReason(choice.finishReason(), !calls.isEmpty(), refused), usage, calls, metadata);
    }

    private List<ToolCall> toToolCalls(List<ChatToolCall> wire) {
        if (wire == null || wire.isEmpty()) {
            return List.of();
        }
        // The assembler gives ids to calls that came without one, unique within the response.
        ToolCallAssembler assembler = new ToolCallAssembler(json);
        for (int i = 0; i < wire.size(); i++) {
            ChatToolCall call = wire.get(i);
            if (call != null) {
                ChatToolCall.Function function = call.function();
                assembler.fragment(i, call.id(), function == null ? null : function.name(),
                        function == null ? null : argumentsText(function.arguments()));
            }
        }
        return assembler.completeAll();
    }

    /** The arguments as text: a JSON string's value, or the JSON of an object a lenient server sent. */
    static String argumentsText(JsonNode arguments) {
        if (arguments == null || arguments.isNull() || arguments.isMissingNode()) {
            return null;
        }
        return arguments.isTextual() ? arguments.asText() : arguments.toString();
    }

    /** {@code reasoning_content} (vLLM, DeepSeek), else {@code reasoning} (Ollama {@code /v1}, OpenRouter, Groq). */
    static String fieldReasoning(JsonNode reasoningContent, JsonNode reasoning) {
        String text = textOf(reasoningContent);
        if (text == null || text.isEmpty()) {
            text = textOf(reasoning);
        }
        return text == null ? "" : text;
    }

    /** A text field's value; a list of text parts (sent by a few compatible servers) joined; else null. */
    static String textOf(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isArray()) {
            StringBuilder text = new StringBuilder();
            node.forEach(part -> text.append(part.path("text").asText("")));
            return text.toString();
        }
        return null;
    }

    /**
     * The normalized finish reason, the raw one kept in metadata. A refusal is reported as
     * {@code content_filter} (as Anthropic's {@code refusal} is), although OpenAI says {@code stop};
     * a {@code stop} that came with tool calls (llama.cpp, older vLLM) is reported as
     * {@code tool_calls}, as a client's tool loop needs.
     */
    static FinishReason toFinishReason(String raw, boolean hasToolCalls, boolean refused) {
        if (refused) {
            return FinishReason.CONTENT_FILTER;
        }
        if (raw == null) {
            return hasToolCalls ? FinishReason.TOOL_CALLS : FinishReason.OTHER;
        }
        return switch (raw) {
            case "stop" -> hasToolCalls ? FinishReason.TOOL_CALLS : FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }
}
