package io.switchboard.governance;

import java.util.Set;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import io.switchboard.core.model.Usage;
import io.switchboard.cost.Pricing;

/**
 * Prices for the tests of budgets, selected by {@link VirtualKeysProfile} only: {@value #INPUT} USD an input token
 * and {@value #OUTPUT} an output token on the providers of {@link #PRICED}; every other provider unpriced.
 */
@Alternative
@Singleton
public class FixedPricing implements Pricing {

    static final double INPUT = 1e-6;
    static final double OUTPUT = 1e-5;
    static final Set<String> PRICED = Set.of("openai", "echo", "slow", "mock");

    @Override
    public double cost(String provider, String model, Usage usage) {
        if (!PRICED.contains(provider)) {
            return Double.NaN;
        }
        return (orZero(usage.inputTokens()) + orZero(usage.cacheReadInputTokens())
                + orZero(usage.cacheCreationInputTokens())) * INPUT + orZero(usage.outputTokens()) * OUTPUT;
    }

    @Override
    public double worstCase(String provider, String model, long inputTokens, long maxOutputTokens) {
        return PRICED.contains(provider) ? inputTokens * INPUT + maxOutputTokens * OUTPUT : Double.NaN;
    }

    private static long orZero(Integer tokens) {
        return tokens == null ? 0 : tokens;
    }
}
