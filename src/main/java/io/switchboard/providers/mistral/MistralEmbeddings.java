package io.switchboard.providers.mistral;

import java.util.ArrayList;
import java.util.Comparator;
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
 * Mistral's {@code POST /v1/embeddings}: texts only (its {@code input} takes no token ids), dimensions as
 * {@code output_dimension}, vectors asked for as floats. Mistral documents no maximum number of inputs (only a
 * token budget per call), so a batch goes whole.
 */
final class MistralEmbeddings {

    static final String PATH = "/v1/embeddings";

    private MistralEmbeddings() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Request(String model, List<String> input, Integer outputDimension, String encodingFormat) {
    }

    @SnakeCaseReply
    record Response(List<Data> data, Tokens usage) {
    }

    @SnakeCaseReply
    record Data(int index, float[] embedding) {
    }

    @SnakeCaseReply
    record Tokens(Integer promptTokens) {
    }

    static Request toWire(EmbeddingRequest embedding, String model, String provider) {
        return new Request(model, embedding.texts(provider), embedding.dimensions(), "float");
    }

    static EmbeddingResponse toResponse(Response response, String provider, int inputs) {
        if (response.data() == null || response.data().size() != inputs) {
            throw UpstreamErrors.malformed(provider, "not one embedding per input");
        }
        List<Data> data = new ArrayList<>(response.data());
        data.sort(Comparator.comparingInt(Data::index));
        List<float[]> vectors = new ArrayList<>(inputs);
        for (Data item : data) {
            if (item.embedding() == null) {
                throw UpstreamErrors.malformed(provider, "an embedding without a vector");
            }
            vectors.add(item.embedding());
        }
        return new EmbeddingResponse(vectors, new Usage(response.usage() == null ? null : response.usage().promptTokens(),
                null));
    }
}
