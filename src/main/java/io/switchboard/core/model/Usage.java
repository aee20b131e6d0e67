package io.switchboard.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Token counts. Counters are disjoint (a token is counted once); a null counter was not reported
 * by the backend and is left out of the JSON.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Usage(Integer inputTokens, Integer outputTokens, Integer cacheReadInputTokens,
        Integer cacheCreationInputTokens, Integer reasoningTokens) {

    public static final Usage NONE = new Usage(null, null, null, null, null);

    public Usage(Integer inputTokens, Integer outputTokens) {
        this(inputTokens, outputTokens, null, null, null);
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
                later.reasoningTokens != null ? later.reasoningTokens : reasoningTokens);
    }

    /** Every prompt token, cached or not (a counter not reported counts 0): how the OpenAI APIs count input. */
    public int allInputTokens() {
        return orZero(inputTokens) + orZero(cacheReadInputTokens) + orZero(cacheCreationInputTokens);
    }

    /** Output and reasoning tokens together (a counter not reported counts 0): how the compatible APIs count output. */
    public int allOutputTokens() {
        return orZero(outputTokens) + orZero(reasoningTokens);
    }

    /** A counter, 0 when the backend did not report it. */
    public static int orZero(Integer counter) {
        return counter == null ? 0 : counter;
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return inputTokens == null && outputTokens == null && cacheReadInputTokens == null
                && cacheCreationInputTokens == null && reasoningTokens == null;
    }
}
