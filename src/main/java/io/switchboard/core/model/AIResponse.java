package io.switchboard.core.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A whole answer. Null fields are written explicitly, because the contract shows them.
 * {@code metadata} carries provider, model, provider_finish_reason and request_id.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AIResponse(String content, String thinking, String thinkingSignature, FinishReason finishReason,
        Usage usage, List<ToolCall> toolCalls, ObjectNode metadata) {

    public AIResponse {
        content = content == null ? "" : content;
        usage = usage == null ? Usage.NONE : usage;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        metadata = metadata == null ? JsonNodeFactory.instance.objectNode() : metadata;
        finishReason = finishReason == null ? FinishReason.OTHER : finishReason;
    }

    /** The same answer with other metadata. */
    public AIResponse withMetadata(ObjectNode replaced) {
        return new AIResponse(content, thinking, thinkingSignature, finishReason, usage, toolCalls, replaced);
    }
}
