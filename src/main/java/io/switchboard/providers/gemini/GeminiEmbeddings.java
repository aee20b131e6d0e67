package io.switchboard.providers.gemini;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.switchboard.core.embedding.EmbeddingRequest;
import io.switchboard.core.embedding.EmbeddingResponse;
import io.switchboard.core.model.Usage;
import io.switchboard.errors.UpstreamErrors;
import io.switchboard.providers.gemini.GeminiWire.Content;
import io.switchboard.providers.gemini.GeminiWire.Part;

/**
 * Gemini's {@code POST /v1beta/models/{model}:batchEmbedContents}: one embed request per text, each naming the
 * model, with {@code outputDimensionality} when dimensions are asked for. No {@code taskType} is sent, so the
 * model's default applies. The answer carries no token count: usage is left unreported.
 */
final class GeminiEmbeddings {

    /** The documented maximum of requests in one batch. */
    static final int MAX_INPUTS = 100;
    static final String METHOD = ":batchEmbedContents";

    private GeminiEmbeddings() {
    }

    record BatchRequest(List<EmbedRequest> requests) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EmbedRequest(String model, Content content, Integer outputDimensionality) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record BatchResponse(List<Embedding> embeddings) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Embedding(float[] values) {
    }

    static BatchRequest toWire(EmbeddingRequest embedding, String model, String provider) {
        String name = "models/" + (model.startsWith("models/") ? model.substring("models/".length()) : model);
        List<EmbedRequest> requests = new ArrayList<>(embedding.inputs().size());
        for (String text : embedding.texts(provider)) {
            requests.add(new EmbedRequest(name, new Content(null, List.of(Part.text(text, null))),
                    embedding.dimensions()));
        }
        return new BatchRequest(requests);
    }

    static EmbeddingResponse toResponse(BatchResponse response, String provider, int inputs) {
        if (response.embeddings() == null || response.embeddings().size() != inputs) {
            throw UpstreamErrors.malformed(provider, "not one embedding per input");
        }
        List<float[]> vectors = new ArrayList<>(inputs);
        for (Embedding embedding : response.embeddings()) {
            if (embedding == null || embedding.values() == null) {
                throw UpstreamErrors.malformed(provider, "an embedding without values");
            }
            vectors.add(embedding.values());
        }
        return new EmbeddingResponse(vectors, Usage.NONE);
    }
}
