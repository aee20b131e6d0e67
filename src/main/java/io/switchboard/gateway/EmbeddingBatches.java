package io.switchboard.gateway;

import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.core.embedding.EmbeddingRequest;
import io.switchboard.core.embedding.EmbeddingResponse;
import io.switchboard.gateway.spi.Provider;
import io.switchboard.gateway.spi.ProviderRequest;

/**
 * Splits an embeddings request at the backend's maximum number of inputs per call and joins the answers in the
 * inputs' order, usage summed. The calls are made one after another: a large batch is one client's work, and
 * running its slices in parallel would take several of the backend's concurrency slots and rate limit at once.
 */
final class EmbeddingBatches {

    private EmbeddingBatches() {
    }

    static Uni<EmbeddingResponse> embed(Provider provider, EmbeddingRequest embedding, ProviderRequest request) {
        int size = embedding.inputs().size();
        int max = provider.maxEmbeddingInputs();
        if (size <= max) {
            return provider.embed(embedding, request);
        }
        List<EmbeddingRequest> slices = new ArrayList<>(size / max + 1);
        for (int from = 0; from < size; from += max) {
            slices.add(embedding.slice(from, Math.min(size, from + max)));
        }
        return Multi.createFrom().iterable(slices)
                .onItem().transformToUniAndConcatenate(slice -> provider.embed(slice, request))
                .collect().asList()
                .map(EmbeddingResponse::join);
    }
}
