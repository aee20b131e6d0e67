package io.switchboard.gateway.spi;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.model.AIResponse;

/**
 * A configured backend. Implementations return pipelines and never subscribe themselves, so a
 * client's hang-up cancels the upstream call. Failures are {@link io.switchboard.errors.GatewayException}s.
 */
public interface Provider {

    /** The configured name. */
    String name();

    /** The type, e.g. {@code openai}. */
    String type();

    /** The configured default model, or null. */
    String defaultModel();

    Capabilities capabilities();

    /** One whole answer, from the backend's non-streaming call. */
    Uni<AIResponse> generate(ProviderRequest request);

    /** Deltas as they are parsed, complete tool calls, then exactly one {@code done}. */
    Multi<StreamEvent> stream(ProviderRequest request);

    /**
     * The input tokens the request would take on this backend, counted by the backend's own endpoint where it has
     * one; by default the gateway's {@link TokenCount#estimate estimate}, for a backend that cannot count.
     */
    default Uni<TokenCount> countTokens(ProviderRequest request) {
        return Uni.createFrom().item(() -> TokenCount.estimate(request.context()));
    }
}
