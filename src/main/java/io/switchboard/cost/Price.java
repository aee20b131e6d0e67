package io.switchboard.cost;

import io.switchboard.core.model.Usage;

/**
 * The price of one model, in USD per token (the catalog and the configuration write them per million), and the
 * prices of a long prompt where the provider charges more above a prompt size.
 *
 * @param longContextAbove the prompt size (every input token, cached ones included) above which {@link #longContext}
 *        applies; 0 when the model has one price whatever the prompt
 * @param longContext the prices of a long prompt, or null
 */
record Price(double input, double output, double cacheRead, double cacheWrite, double cacheWrite1h,
        long longContextAbove, Price longContext) {

    static final double MILLION = 1_000_000d;
    /** Costs are rounded to this many USD: well below a cent over billions of answers, and free of float noise. */
    private static final double ROUNDING = 1e10;

    /** Prices given per million tokens, without a long-context tier. */
    static Price perMillion(double input, double output, double cacheRead, double cacheWrite, double cacheWrite1h) {
        return new Price(input / MILLION, output / MILLION, cacheRead / MILLION, cacheWrite / MILLION,
                cacheWrite1h / MILLION, 0, null);
    }

    Price withLongContext(long above, Price prices) {
        return new Price(input, output, cacheRead, cacheWrite, cacheWrite1h, above, prices);
    }

    /**
     * What {@code usage} costs: each disjoint counter at its own price (cache reads and writes apart from the input,
     * the hour-long part of the cache writes at its price, reasoning as output), so no token is charged twice.
     */
    double cost(Usage usage) {
        Price price = tier(usage.allInputTokens());
        int cacheWrites = Usage.orZero(usage.cacheCreationInputTokens());
        int hourWrites = Math.min(cacheWrites, Usage.orZero(usage.cacheCreation1hInputTokens()));
        double usd = Usage.orZero(usage.inputTokens()) * price.input
                + Usage.orZero(usage.cacheReadInputTokens()) * price.cacheRead
                + (cacheWrites - hourWrites) * price.cacheWrite
                + hourWrites * price.cacheWrite1h
                + usage.allOutputTokens() * price.output;
        return rounded(usd);
    }

    /** {@code inputTokens} uncached at the input price plus {@code maxOutputTokens} at the output price. */
    double worstCase(long inputTokens, long maxOutputTokens) {
        Price price = tier(inputTokens);
        return rounded(inputTokens * price.input + maxOutputTokens * price.output);
    }

    private Price tier(long promptTokens) {
        return longContext != null && promptTokens > longContextAbove ? longContext : this;
    }

    private static double rounded(double usd) {
        return Math.round(usd * ROUNDING) / ROUNDING;
    }
}
