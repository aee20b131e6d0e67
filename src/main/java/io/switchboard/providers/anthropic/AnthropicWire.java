package io.switchboard.providers.anthropic;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.upstream.SnakeCaseReply;

/**
 * The Messages API objects Switchboard reads, with Anthropic's own names. Tolerant readers: the
 * API adds fields (e.g. {@code server_tool_use}, {@code service_tier}, {@code context_management})
 * without notice, so unknown ones are ignored. Requests are built as JSON trees by
 * {@link AnthropicRequestMapper} because prompt caching marks blocks after they are built.
 */
final class AnthropicWire {

    private AnthropicWire() {
    }

    /** A whole answer ({@code POST /v1/messages}), or the skeleton in {@code message_start}. */
    @SnakeCaseReply
    record Message(String id, String model, List<ContentBlock> content, String stopReason, String stopSequence,
            Usage usage) {
    }

    /** One block of an answer: text, thinking, redacted_thinking or tool_use (others are ignored). */
    @SnakeCaseReply
    record ContentBlock(String type, String text, String thinking, String signature, String data, String id,
            String name, JsonNode input) {
    }

    /**
     * Token counts; {@code input_tokens} already excludes cache reads and writes, and {@code cache_creation}
     * splits the writes by TTL. With compaction the top-level counters leave out the compaction's own
     * sampling: {@code iterations} holds every sampling's counters, their sum being what the call used.
     */
    @SnakeCaseReply
    record Usage(Integer inputTokens, Integer outputTokens, Integer cacheReadInputTokens,
            Integer cacheCreationInputTokens, CacheCreation cacheCreation, List<Usage> iterations) {
    }

    /** The cache writes by TTL; their sum is {@code cache_creation_input_tokens}. */
    @SnakeCaseReply
    record CacheCreation(@JsonProperty("ephemeral_5m_input_tokens") Integer ephemeral5mInputTokens,
            @JsonProperty("ephemeral_1h_input_tokens") Integer ephemeral1hInputTokens) {
    }

    /**
     * Any streamed event: {@code message_start} (message), {@code content_block_start} (index,
     * content_block), {@code content_block_delta} (index, delta), {@code content_block_stop} (index),
     * {@code message_delta} (delta with stop_reason, usage), {@code message_stop}, {@code ping},
     * {@code error} (error).
     */
    @SnakeCaseReply
    record StreamEvent(String type, Integer index, Message message, ContentBlock contentBlock, Delta delta,
            Usage usage, ApiError error) {
    }

    /** A {@code content_block_delta}'s delta, or a {@code message_delta}'s (stop_reason, stop_sequence). */
    @SnakeCaseReply
    record Delta(String type, String text, String thinking, String signature, String partialJson, String stopReason,
            String stopSequence) {
    }

    /** The answer of {@code POST /v1/messages/count_tokens}. */
    @SnakeCaseReply
    record TokenCount(Integer inputTokens) {
    }

    /** The {@code error} object of an error body or an in-stream {@code error} event. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ApiError(String type, String message) {
    }
}
