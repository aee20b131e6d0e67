package io.switchboard.providers.anthropic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.switchboard.core.model.AIResponse;
import io.switchboard.core.model.AnswerMetadata;
import io.switchboard.core.model.FinishReason;
import io.switchboard.core.model.ToolCall;
import io.switchboard.core.model.Usage;
import io.switchboard.stream.ToolArguments;
import io.switchboard.stream.ToolCallIds;

/** Turns a whole Messages API answer into an {@link AIResponse}, and holds the mappings the stream shares. */
final class AnthropicResponseMapper {

    private AnthropicResponseMapper() {
    }

    /**
     * Text blocks joined; thinking blocks concatenated with the last signature kept (the one Anthropic
     * checks when the history comes back), where a redacted block's signature is its marker
     * ({@link AnthropicRedactedThinking}).
     */
    static AIResponse toResponse(AnthropicWire.Message message) {
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = null;
        String signature = null;
        List<ToolCall> calls = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<AnthropicWire.ContentBlock> blocks = message.content() == null ? List.of() : message.content();
        for (AnthropicWire.ContentBlock block : blocks) {
            if (block == null || block.type() == null) {
                continue;
            }
            switch (block.type()) {
                case "text" -> text.append(block.text() == null ? "" : block.text());
                case "thinking" -> {
                    thinking = thinking == null ? new StringBuilder() : thinking;
                    thinking.append(block.thinking() == null ? "" : block.thinking());
                    if (block.signature() != null && !block.signature().isEmpty()) {
                        signature = block.signature();
                    }
                }
                case "redacted_thinking" -> {
                    thinking = thinking == null ? new StringBuilder() : thinking;
                    signature = AnthropicRedactedThinking.toSignature(block.data());
                }
                case "tool_use" -> {
                    ToolCall call = ToolArguments.fromObject(block.id(), block.name(), block.input());
                    if (!ids.add(call.id())) {
                        call = new ToolCall(ToolCallIds.generate(), call.name(), call.arguments(), call.metadata());
                        ids.add(call.id());
                    }
                    calls.add(call);
                }
                default -> {
                    // server tool blocks, compaction and future types carry nothing the neutral model holds
                }
            }
        }
        return new AIResponse(text.toString(), thinking == null ? null : thinking.toString(), signature,
                toFinishReason(message.stopReason()), toUsage(message.usage()), calls,
                AnswerMetadata.of(message.stopReason(), message.model(), message.stopSequence()));
    }

    /**
     * end_turn/stop_sequence → stop, max_tokens → length, tool_use → tool_calls, refusal →
     * content_filter, else other.
     */
    static FinishReason toFinishReason(String stopReason) {
        if (stopReason == null) {
            return FinishReason.OTHER;
        }
        return switch (stopReason) {
            case "end_turn", "stop_sequence" -> FinishReason.STOP;
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "refusal" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER; // pause_turn and anything newer
        };
    }

    /**
     * Anthropic's counters are already disjoint: input_tokens excludes cache reads and writes, and thinking is
     * inside output_tokens (no count of its own). Where {@code iterations} are given, their sum.
     */
    static Usage toUsage(AnthropicWire.Usage usage) {
        if (usage == null) {
            return Usage.NONE;
        }
        if (usage.iterations() != null && !usage.iterations().isEmpty()) {
            Usage sum = Usage.NONE;
            for (AnthropicWire.Usage iteration : usage.iterations()) {
                sum = plus(sum, toUsage(iteration));
            }
            return sum;
        }
        AnthropicWire.CacheCreation split = usage.cacheCreation();
        return new Usage(usage.inputTokens(), usage.outputTokens(), usage.cacheReadInputTokens(),
                usage.cacheCreationInputTokens(), null, split == null ? null : split.ephemeral1hInputTokens());
    }

    private static Usage plus(Usage a, Usage b) {
        return new Usage(plus(a.inputTokens(), b.inputTokens()), plus(a.outputTokens(), b.outputTokens()),
                plus(a.cacheReadInputTokens(), b.cacheReadInputTokens()),
                plus(a.cacheCreationInputTokens(), b.cacheCreationInputTokens()), null,
                plus(a.cacheCreation1hInputTokens(), b.cacheCreation1hInputTokens()));
    }

    /** A sum of counters; null when neither was reported. */
    private static Integer plus(Integer a, Integer b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Integer.valueOf(a + b);
    }
}
