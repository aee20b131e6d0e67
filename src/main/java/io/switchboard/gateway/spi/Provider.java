package io.switchboard.gateway.spi;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.core.embedding.EmbeddingRequest;
import io.switchboard.core.embedding.EmbeddingResponse;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.model.AIResponse;
import io.switchboard.errors.GatewayException;

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

    /**
     * The vectors of {@code embedding}'s inputs, in order, from one backend call; {@code request} carries the model,
     * the key and the client's request. The gateway splits a larger batch at {@link #maxEmbeddingInputs()}, and
     * calls this only when that is above 0; a backend without embeddings keeps both defaults.
     */
    default Uni<EmbeddingResponse> embed(EmbeddingRequest embedding, ProviderRequest request) {
        return Uni.createFrom().failure(GatewayException.invalidRequest("model: provider \"" + name() + "\" (type "
                + type() + ") has no embeddings"));
    }

    /**
     * The most inputs one embeddings call takes (the backend's documented maximum; {@link Integer#MAX_VALUE} when
     * it documents none), or 0 for a backend without embeddings, which the gateway answers with a 400 naming it.
     */
    default int maxEmbeddingInputs() {
        return 0;
    }
}
