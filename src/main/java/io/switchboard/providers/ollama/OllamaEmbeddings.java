package io.switchboard.providers.ollama;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.switchboard.core.embedding.EmbeddingRequest;
import io.switchboard.core.embedding.EmbeddingResponse;
import io.switchboard.core.model.Usage;
import io.switchboard.errors.UpstreamErrors;
import io.switchboard.upstream.SnakeCaseReply;

/**
 * Ollama's {@code POST /api/embed}: texts only, {@code dimensions} as asked, the configured {@code keep-alive}.
 * Ollama documents no maximum number of inputs, so a batch goes whole; the usage is its
 * {@code prompt_eval_count}.
 */
final class OllamaEmbeddings {

    static final String PATH = "/api/embed";

    private OllamaEmbeddings() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Request(String model, List<String> input, Integer dimensions, Object keepAlive) {
    }

    @SnakeCaseReply
    record Response(List<float[]> embeddings, Integer promptEvalCount) {
    }

    static Request toWire(EmbeddingRequest embedding, String model, Object keepAlive, String provider) {
        return new Request(model, embedding.texts(provider), embedding.dimensions(), keepAlive);
    }

    static EmbeddingResponse toResponse(Response response, String provider, int inputs) {
        if (response.embeddings() == null || response.embeddings().size() != inputs
                || response.embeddings().contains(null)) {
            throw UpstreamErrors.malformed(provider, "not one embedding per input");
        }
        return new EmbeddingResponse(response.embeddings(), new Usage(response.promptEvalCount(), null));
    }
}
