package io.switchboard.cost;

import io.switchboard.core.model.Usage;

/**
 * What calls cost, in USD, from the price of the provider's model. A model without a price costs {@code NaN},
 * never a silent 0: the caller tells an unpriced answer from a free one. Doubles, not boxed values, as every
 * answer asks.
 */
public interface Pricing {

    /** The cost of {@code usage} on {@code provider}'s {@code model}; NaN when the model has no price. */
    double cost(String provider, String model, Usage usage);

    /**
     * The most a call can cost: {@code inputTokens} at the input price plus {@code maxOutputTokens} at the output
     * price; NaN when the model has no price.
     */
    double worstCase(String provider, String model, long inputTokens, long maxOutputTokens);
}
