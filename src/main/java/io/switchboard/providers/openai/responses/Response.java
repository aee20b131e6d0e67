package io.switchboard.providers.openai.responses;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.core.model.Usage;
import io.switchboard.upstream.SnakeCaseReply;

/**
 * A Responses API answer, whole or as a stream event's {@code response}, and the stream events themselves: only
 * what the gateway reads. {@code arguments} is a {@link JsonNode} because compatible servers are not all strict
 * about its type.
 */
@SnakeCaseReply
record Response(String id, String model, String status, List<OutputItem> output, ResponseUsage usage,
        IncompleteDetails incompleteDetails, JsonNode error) {

    /** An output item: {@code reasoning}, {@code message} or {@code function_call} (others are not read). */
    @SnakeCaseReply
    record OutputItem(String type, String id, List<Content> summary, List<Content> content, String encryptedContent,
            String callId, String name, JsonNode arguments) {
    }

    /** A piece of an item: {@code summary_text}, {@code reasoning_text}, {@code output_text} or {@code refusal}. */
    @SnakeCaseReply
    record Content(String type, String text, String refusal) {
    }

    @SnakeCaseReply
    record IncompleteDetails(String reason) {
    }

    /**
     * Token counts: {@code input_tokens} includes the cached ones, {@code output_tokens} the reasoning ones.
     */
    @SnakeCaseReply
    record ResponseUsage(Integer inputTokens, Integer outputTokens, InputTokensDetails inputTokensDetails,
            OutputTokensDetails outputTokensDetails) {

        /** The contract's disjoint counters; zero cache and reasoning counters are left out. */
        Usage toUsage() {
            int input = inputTokens == null ? 0 : inputTokens;
            int output = outputTokens == null ? 0 : outputTokens;
            int cached = inputTokensDetails == null || inputTokensDetails.cachedTokens() == null ? 0
                    : inputTokensDetails.cachedTokens();
            int reasoning = outputTokensDetails == null || outputTokensDetails.reasoningTokens() == null ? 0
                    : outputTokensDetails.reasoningTokens();
            return new Usage(Math.max(input - cached, 0), Math.max(output - reasoning, 0),
                    cached > 0 ? cached : null, null, reasoning > 0 ? reasoning : null);
        }
    }

    @SnakeCaseReply
    record InputTokensDetails(Integer cachedTokens) {
    }

    @SnakeCaseReply
    record OutputTokensDetails(Integer reasoningTokens) {
    }

    /**
     * One streamed event: its {@code type}; {@code response} on the lifecycle events; {@code output_index} and
     * {@code item} on the item events; {@code delta} on the delta events; {@code summary_index} on the summary
     * events; {@code code} and {@code message} on an {@code error} event (or inside its {@code error}, as the API
     * has also sent it).
     */
    @SnakeCaseReply
    record StreamEvent(String type, Response response, Integer outputIndex, OutputItem item, String delta,
            Integer summaryIndex, String code, String message, JsonNode error) {
    }
}
