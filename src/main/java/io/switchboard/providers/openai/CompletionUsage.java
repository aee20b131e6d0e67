package io.switchboard.providers.openai;

import io.switchboard.core.model.Usage;
import io.switchboard.upstream.SnakeCaseReply;

/**
 * Token counts as OpenAI and compatible servers report them. Cache reads appear as
 * {@code prompt_tokens_details.cached_tokens} (OpenAI, Azure, DeepSeek), a top-level
 * {@code cached_tokens} (Together via the Hugging Face router) or {@code prompt_cache_hit_tokens}
 * (DeepSeek); cache writes as {@code cache_write_tokens} (OpenRouter).
 */
@SnakeCaseReply
record CompletionUsage(Integer promptTokens, Integer completionTokens, PromptTokensDetails promptTokensDetails,
        CompletionTokensDetails completionTokensDetails, Integer cachedTokens, Integer promptCacheHitTokens,
        Integer cacheWriteTokens) {

    @SnakeCaseReply
    record PromptTokensDetails(Integer cachedTokens, Integer cacheWriteTokens) {
    }

    @SnakeCaseReply
    record CompletionTokensDetails(Integer reasoningTokens) {
    }

    /**
     * The contract's disjoint counters: cache reads and writes are taken out of the prompt count,
     * reasoning out of the completion count (OpenAI counts reasoning inside {@code completion_tokens}).
     * Zero cache and reasoning counters are left out, so an answer without them reads as before.
     */
    Usage toUsage() {
        int prompt = orZero(promptTokens);
        int cached = firstNonNull(promptTokensDetails == null ? null : promptTokensDetails.cachedTokens, cachedTokens,
                promptCacheHitTokens);
        int written = firstNonNull(promptTokensDetails == null ? null : promptTokensDetails.cacheWriteTokens,
                cacheWriteTokens);
        int completion = orZero(completionTokens);
        int reasoning = completionTokensDetails == null ? 0 : orZero(completionTokensDetails.reasoningTokens);
        return new Usage(Math.max(prompt - cached - written, 0), Math.max(completion - reasoning, 0),
                positiveOrNull(cached), positiveOrNull(written), positiveOrNull(reasoning));
    }

    private static int firstNonNull(Integer... values) {
        for (Integer value : values) {
            if (value != null) {
                return value;
            }
        }
        return 0;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static Integer positiveOrNull(int value) {
        return value > 0 ? value : null;
    }
}
