package io.switchboard.providers.ollama;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.core.model.AIResponse;
import io.switchboard.core.model.AnswerMetadata;
import io.switchboard.core.model.FinishReason;
import io.switchboard.core.model.ToolCall;
import io.switchboard.core.model.Usage;
import io.switchboard.providers.ollama.OllamaWire.ChatResponse;
import io.switchboard.providers.ollama.OllamaWire.ResponseToolCall;
import io.switchboard.stream.ThinkTagSplitter;
import io.switchboard.stream.ThinkTags;
import io.switchboard.stream.ToolArguments;
import io.switchboard.stream.ToolCallIds;

/**
 * A whole {@code /api/chat} answer as an {@link AIResponse}; also the mappings the stream parser shares.
 *
 * @param thinkTags the {@code <think>} options for content
 */
record OllamaResponseMapper(ObjectMapper json, ThinkTags thinkTags) {

    AIResponse toResponse(ChatResponse response) {
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        if (response.message() != null) {
            if (response.message().thinking() != null) {
                thinking.append(response.message().thinking());
            }
            // Models without a thinking parser in Ollama (or with think unset) put <think> inline.
            thinkTags.split(response.message().content(), ThinkTagSplitter.collect(text, thinking));
            if (response.message().toolCalls() != null) {
                Set<String> ids = new HashSet<>();
                for (ResponseToolCall call : response.message().toolCalls()) {
                    toToolCall(call, ids).ifPresent(calls::add);
                }
            }
        }
        return new AIResponse(text.toString(), thinking.isEmpty() ? null : thinking.toString(), null,
                toFinishReason(response.doneReason(), !calls.isEmpty()), toUsage(response), calls,
                AnswerMetadata.of(response.doneReason(), response.model()));
    }

    /**
     * A call as the contract wants it: Ollama sends no id, so one is generated, unique among
     * {@code ids} (the ids of this response so far). Entries without a function are skipped.
     */
    java.util.Optional<ToolCall> toToolCall(ResponseToolCall call, Set<String> ids) {
        if (call == null || call.function() == null) {
            return java.util.Optional.empty();
        }
        String id = call.id();
        while (id == null || id.isBlank() || ids.contains(id)) {
            id = ToolCallIds.generate();
        }
        ids.add(id);
        JsonNode arguments = call.function().arguments();
        ToolCall result = arguments != null && arguments.isTextual()
                ? ToolArguments.toToolCall(id, call.function().name(), arguments.asText(), json)
                : ToolArguments.fromObject(id, call.function().name(),
                        arguments == null || arguments.isNull() ? null : arguments);
        return java.util.Optional.of(result);
    }

    /**
     * {@code stop}, {@code length}, and {@code tool_calls} when calls came (Ollama says
     * {@code stop}); the raw value is kept.
     */
    static FinishReason toFinishReason(String doneReason, boolean hasToolCalls) {
        if (hasToolCalls && (doneReason == null || doneReason.equals("stop"))) {
            return FinishReason.TOOL_CALLS;
        }
        if (doneReason == null) {
            return FinishReason.OTHER;
        }
        return switch (doneReason) {
            case "stop" -> FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            default -> FinishReason.OTHER;
        };
    }

    static Usage toUsage(ChatResponse response) {
        if (response.promptEvalCount() == null && response.evalCount() == null) {
            return null;
        }
        return new Usage(response.promptEvalCount(), response.evalCount());
    }
}
