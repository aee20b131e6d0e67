package io.switchboard.cost;

import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;
import io.switchboard.core.model.Usage;

/** Until the price catalog lands: every model unpriced. */
@Singleton
@DefaultBean
public class UnpricedPlaceholder implements Pricing {

    @Override
    public double cost(String provider, String model, Usage usage) {
        return Double.NaN;
    }

    @Override
    public double worstCase(String provider, String model, long inputTokens, long maxOutputTokens) {
        return Double.NaN;
    }
}
