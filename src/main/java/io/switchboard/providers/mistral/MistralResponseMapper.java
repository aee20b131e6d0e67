package io.switchboard.providers.mistral;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.core.model.AIResponse;
import io.switchboard.core.model.AnswerMetadata;
import io.switchboard.core.model.FinishReason;
import io.switchboard.core.model.ToolCall;
import io.switchboard.core.model.Usage;
import io.switchboard.providers.mistral.MistralWire.ChatCompletion;
import io.switchboard.providers.mistral.MistralWire.Choice;
import io.switchboard.providers.mistral.MistralWire.ResponseToolCall;
import io.switchboard.providers.mistral.MistralWire.UsageInfo;
import io.switchboard.stream.ThinkTagSplitter;
import io.switchboard.stream.ThinkTags;
import io.switchboard.stream.ToolArguments;

/**
 * A whole Mistral completion as an {@link AIResponse}; also the mappings the stream parser shares.
 *
 * @param thinkTags the {@code <think>} options for string content
 */
record MistralResponseMapper(ObjectMapper json, ThinkTags thinkTags) {

    AIResponse toResponse(ChatCompletion completion) {
        Choice choice = completion.choices() == null || completion.choices().isEmpty() ? null
                : completion.choices().get(0);
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        String rawFinish = null;
        if (choice != null) {
            rawFinish = choice.finishReason();
            if (choice.message() != null) {
                ThinkTagSplitter.Segments into = ThinkTagSplitter.collect(text, thinking);
                String plain = readContent(choice.message().content(), into);
                if (plain != null) {
                    thinkTags.split(plain, into);
                }
                if (choice.message().toolCalls() != null) {
                    for (ResponseToolCall call : choice.message().toolCalls()) {
                        calls.add(toToolCall(call.id(), call.function() == null ? null : call.function().name(),
                                call.function() == null ? null : call.function().arguments()));
                    }
                }
            }
        }
        return new AIResponse(text.toString(), thinking.isEmpty() ? null : thinking.toString(), null,
                toFinishReason(rawFinish, !calls.isEmpty()), toUsage(completion.usage()), calls,
                AnswerMetadata.of(rawFinish, completion.model()));
    }

    ToolCall toToolCall(String id, String name, JsonNode arguments) {
        if (arguments != null && arguments.isTextual()) {
            return ToolArguments.toToolCall(id, name, arguments.asText(), json);
        }
        return ToolArguments.fromObject(id, name, arguments == null || arguments.isNull() ? null : arguments);
    }

    /**
     * Magistral (and mistral-small with reasoning) answers with a list of chunks: {@code thinking}
     * chunks holding text chunks, then {@code text} chunks (fixtures/mistral/magistral-thinking.json).
     * Those go to {@code out} as they are; string content is returned for the {@code <think>} parser.
     *
     * @return the string content, or null when the content was a list or absent
     */
    static String readContent(JsonNode content, ThinkTagSplitter.Segments out) {
        if (content == null || content.isNull() || content.isMissingNode()) {
            return null;
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            for (JsonNode chunk : content) {
                String type = chunk.path("type").asText("");
                if (type.equals("thinking")) {
                    for (JsonNode inner : chunk.path("thinking")) {
                        String text = inner.path("text").asText("");
                        if ("text".equals(inner.path("type").asText("text")) && !text.isEmpty()) {
                            out.thinking(text);
                        }
                    }
                } else if (type.equals("text")) {
                    String text = chunk.path("text").asText("");
                    if (!text.isEmpty()) {
                        out.text(text);
                    }
                }
                // Other chunk kinds (references, images) carry nothing the contract can show.
            }
        }
        return null;
    }

    /** As for every backend, plus {@code model_length} (the model's own context ran out), a truncation too. */
    static FinishReason toFinishReason(String raw, boolean hasToolCalls) {
        if (raw == null) {
            return hasToolCalls ? FinishReason.TOOL_CALLS : FinishReason.OTHER;
        }
        return switch (raw) {
            case "stop" -> hasToolCalls ? FinishReason.TOOL_CALLS : FinishReason.STOP;
            case "length", "model_length" -> FinishReason.LENGTH;
            case "tool_calls" -> FinishReason.TOOL_CALLS;
            default -> FinishReason.OTHER;
        };
    }

    /** Disjoint counters: cached prompt tokens are reported apart from the rest of the prompt. */
    static Usage toUsage(UsageInfo usage) {
        if (usage == null) {
            return null;
        }
        Integer cached = usage.promptTokensDetails() != null && usage.promptTokensDetails().cachedTokens() != null
                ? usage.promptTokensDetails().cachedTokens()
                : usage.numCachedTokens();
        int cachedCount = cached == null ? 0 : cached;
        Integer input = usage.promptTokens() == null ? null : Math.max(usage.promptTokens() - cachedCount, 0);
        return new Usage(input, usage.completionTokens(), cachedCount > 0 ? cachedCount : null, null, null);
    }
}
