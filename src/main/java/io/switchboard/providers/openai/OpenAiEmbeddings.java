package io.switchboard.providers.openai;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.switchboard.core.embedding.EmbeddingInput;
import io.switchboard.core.embedding.EmbeddingRequest;
import io.switchboard.core.embedding.EmbeddingResponse;
import io.switchboard.core.model.Usage;
import io.switchboard.errors.UpstreamErrors;
import io.switchboard.upstream.SnakeCaseReply;

/**
 * OpenAI's embeddings call, {@code POST /embeddings}, as OpenAI, Azure and vLLM serve it: texts or token ids go
 * as they came, the vectors are asked for as floats (the gateway encodes base64 itself for its client).
 */
final class OpenAiEmbeddings {

    /** OpenAI's documented maximum of inputs in one call. */
    static final int MAX_INPUTS = 2048;
    static final String PATH = "/embeddings";

    private OpenAiEmbeddings() {
    }

    /** @param input a list of strings, or a list of token-id lists */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Request(String model, List<Object> input, Integer dimensions, String encodingFormat, String user) {
    }

    @SnakeCaseReply
    record Response(List<Data> data, Tokens usage) {
    }

    @SnakeCaseReply
    record Data(int index, float[] embedding) {
    }

    @SnakeCaseReply
    record Tokens(Integer promptTokens, Integer totalTokens) {
    }

    static Request toWire(EmbeddingRequest embedding, String model) {
        List<Object> input = new ArrayList<>(embedding.inputs().size());
        for (EmbeddingInput item : embedding.inputs()) {
            input.add(item.isText() ? item.text() : item.tokens());
        }
        return new Request(model, input, embedding.dimensions(), "float", embedding.user());
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
        Integer tokens = response.usage() == null ? null : response.usage().promptTokens();
        return new EmbeddingResponse(vectors, new Usage(tokens, null));
    }
}
