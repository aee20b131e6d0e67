package io.switchboard.providers.openai;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One {@code data:} frame of a streamed Chat Completions answer. {@code error} is set when the
 * backend reports a failure inside the stream (Groq:
 * fixtures/openai/groq-error-event-mid-stream.sse).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
record ChatCompletionChunk(String model, List<Choice> choices, CompletionUsage usage, JsonNode error) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Choice(Delta delta, String finishReason) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Delta(JsonNode content, JsonNode reasoningContent, JsonNode reasoning, JsonNode refusal,
            List<ChatToolCall> toolCalls) {
    }
}
