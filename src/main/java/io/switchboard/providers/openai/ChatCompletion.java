package io.switchboard.providers.openai;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A non-streamed Chat Completions answer, reading only what the gateway uses. Text-like fields are
 * {@link JsonNode}s because compatible servers are not all strict about their types (a missing
 * field is {@code null}, a JSON null a {@code NullNode}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
record ChatCompletion(String model, List<Choice> choices, CompletionUsage usage) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Choice(Message message, String finishReason) {
    }

    /** {@code reasoning_content}: vLLM reasoning parsers, DeepSeek; {@code reasoning}: Ollama {@code /v1}, OpenRouter, Groq. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Message(JsonNode content, JsonNode reasoningContent, JsonNode reasoning, JsonNode refusal,
            List<ChatToolCall> toolCalls) {
    }
}
