package io.switchboard.core.embedding;

import java.util.ArrayList;
import java.util.List;

import io.switchboard.core.model.Usage;

/**
 * The vectors, one per input in the inputs' order, and the backend's token count ({@link Usage#inputTokens()};
 * null when the backend reports none).
 */
public record EmbeddingResponse(List<float[]> vectors, Usage usage) {

    /** The answers of consecutive slices of one request, joined in order, their usage summed. */
    public static EmbeddingResponse join(List<EmbeddingResponse> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        List<float[]> vectors = new ArrayList<>();
        Integer tokens = null;
        for (EmbeddingResponse part : parts) {
            vectors.addAll(part.vectors());
            Integer counted = part.usage().inputTokens();
            if (counted != null) {
                tokens = Usage.orZero(tokens) + counted;
            }
        }
        return new EmbeddingResponse(vectors, new Usage(tokens, null));
    }
}
