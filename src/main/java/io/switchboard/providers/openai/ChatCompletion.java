package io.switchboard.providers.openai;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.upstream.SnakeCaseReply;

/**
 * A Chat Completions answer, whole or one {@code data:} frame of a streamed one: the same object,
 * whose choice carries the {@code message} when whole and a {@code delta} of it when streamed. Only
 * what the gateway uses is read. Text-like fields are {@link JsonNode}s because compatible servers
 * are not all strict about their types (a missing field is {@code null}, a JSON null a
 * {@code NullNode}). {@code error} is set when the backend reports a failure inside the stream
 * (Groq: fixtures/openai/groq-error-event-mid-stream.sse).
 */
@SnakeCaseReply
record ChatCompletion(String model, List<Choice> choices, CompletionUsage usage, JsonNode error) {

    @SnakeCaseReply
    record Choice(Message message, Message delta, String finishReason) {
    }

    /** {@code reasoning_content}: vLLM reasoning parsers, DeepSeek; {@code reasoning}: Ollama {@code /v1}, OpenRouter, Groq. */
    @SnakeCaseReply
    record Message(JsonNode content, JsonNode reasoningContent, JsonNode reasoning, JsonNode refusal,
            List<ChatToolCall> toolCalls) {
    }
}
