package io.switchboard.core.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Token counts, the same on every backend so that cost can be computed from them. The five counters are
 * disjoint (a token is counted once) and add up to every token the call used ({@link #totalTokens}):
 * {@code inputTokens} the prompt tokens neither read from nor written to the cache, {@code cacheReadInputTokens},
 * {@code cacheCreationInputTokens}, {@code outputTokens} the visible output and {@code reasoningTokens}. A backend
 * that does not report reasoning apart (Anthropic, Mistral, Ollama) counts it in {@code outputTokens}.
 * <p>
 * {@code cacheCreation1hInputTokens} is not a sixth counter but the part of {@code cacheCreationInputTokens} written
 * for an hour (the rest for the backend's default, five minutes on Anthropic); it is only there when the backend
 * says. A null counter was not reported by the backend and is left out of the JSON.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Usage(Integer inputTokens, Integer outputTokens, Integer cacheReadInputTokens,
        Integer cacheCreationInputTokens, Integer reasoningTokens,
        @JsonProperty("cache_creation_1h_input_tokens") Integer cacheCreation1hInputTokens) {

    public static final Usage NONE = new Usage(null, null, null, null, null, null);

    public Usage(Integer inputTokens, Integer outputTokens) {
        this(inputTokens, outputTokens, null, null, null, null);
    }

    /** The disjoint counters, without a TTL split of the cache writes. */
    public Usage(Integer inputTokens, Integer outputTokens, Integer cacheReadInputTokens,
            Integer cacheCreationInputTokens, Integer reasoningTokens) {
        this(inputTokens, outputTokens, cacheReadInputTokens, cacheCreationInputTokens, reasoningTokens, null);
    }

    /** Counters of {@code later} win where it reports them (a stream's final usage over its first). */
    public Usage merge(Usage later) {
        if (later == null) {
            return this;
        }
        return new Usage(
                later.inputTokens != null ? later.inputTokens : inputTokens,
                later.outputTokens != null ? later.outputTokens : outputTokens,
                later.cacheReadInputTokens != null ? later.cacheReadInputTokens : cacheReadInputTokens,
                later.cacheCreationInputTokens != null ? later.cacheCreationInputTokens : cacheCreationInputTokens,
                later.reasoningTokens != null ? later.reasoningTokens : reasoningTokens,
                later.cacheCreation1hInputTokens != null ? later.cacheCreation1hInputTokens
                        : cacheCreation1hInputTokens);
    }

    /** Every prompt token, cached or not (a counter not reported counts 0): how the OpenAI APIs count input. */
    public int allInputTokens() {
        return orZero(inputTokens) + orZero(cacheReadInputTokens) + orZero(cacheCreationInputTokens);
    }

    /** Output and reasoning tokens together (a counter not reported counts 0): how the compatible APIs count output. */
    public int allOutputTokens() {
        return orZero(outputTokens) + orZero(reasoningTokens);
    }

    /** Every token of the call, each once: what every door's counters add up to. */
    public int totalTokens() {
        return allInputTokens() + allOutputTokens();
    }

    /** A counter, 0 when the backend did not report it. */
    public static int orZero(Integer counter) {
        return counter == null ? 0 : counter;
    }

    @JsonIgnore
    public boolean isEmpty() {
        return inputTokens == null && outputTokens == null && cacheReadInputTokens == null
                && cacheCreationInputTokens == null && reasoningTokens == null && cacheCreation1hInputTokens == null;
    }
}
