package io.switchboard.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The body of {@code GET /v1/providers}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProviderList(String defaultProvider, List<ProviderInfo> providers, List<RouteInfo> routes) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    /** @param circuitBreaker {@code closed}, {@code open} or {@code half_open} */
    public record ProviderInfo(String name, String type, String model, boolean supportsStreaming,
            boolean supportsStructuredStreaming, boolean supportsVision, String circuitBreaker) {
    }

    public record RouteInfo(String name, List<String> targets) {
    }
}
