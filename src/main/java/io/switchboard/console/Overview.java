package io.switchboard.console;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The body of {@code GET /v1/admin/overview}: the last 15 minutes of traffic and each provider's state now.
 *
 * @param intervalSeconds how long each sample covers
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Overview(double intervalSeconds, List<OverviewSample> samples, List<ProviderState> providers) {

    /**
     * One provider now.
     *
     * @param circuitBreaker {@code closed}, {@code open} or {@code half_open}
     * @param concurrencyLimit the most requests in flight; null when unlimited
     * @param lastError the error type of its last failed attempt in this process, or null
     * @param lastErrorAt when the sampler saw it, in milliseconds since the epoch, or null
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ProviderState(String name, String type, String circuitBreaker, int inFlight, Integer concurrencyLimit,
            String lastError, Long lastErrorAt) {
    }
}
