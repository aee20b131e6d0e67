package io.switchboard.providers.mock;

import java.util.ArrayList;
import java.util.List;

import io.switchboard.core.embedding.EmbeddingInput;
import io.switchboard.core.embedding.EmbeddingRequest;
import io.switchboard.core.embedding.EmbeddingResponse;
import io.switchboard.core.model.Usage;
import io.switchboard.errors.GatewayException;

/**
 * The mock's embeddings: a unit vector drawn from the input alone, so that a test can compute what it will get.
 * The input's UTF-16 code units (or token ids) are hashed with 64-bit FNV-1a; component {@code i} is SplitMix64
 * of {@code hash + (i + 1) * 0x9E3779B97F4A7C15}, its top 24 bits scaled to {@code [-1, 1)}; the vector is then
 * divided by its length. {@link #DEFAULT_DIMENSIONS} components unless {@code dimensions} asks otherwise. Usage
 * counts whitespace-separated words of a text, ids of a token list, as the mock's chat answers count words.
 */
final class MockEmbeddings {

    static final int DEFAULT_DIMENSIONS = 8;
    /** The largest vector the mock makes: as long as the longest real models' (3,072), with room to spare. */
    static final int MAX_DIMENSIONS = 4096;

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private MockEmbeddings() {
    }

    static EmbeddingResponse embed(EmbeddingRequest request) {
        int dimensions = request.dimensions() == null ? DEFAULT_DIMENSIONS : request.dimensions();
        if (dimensions > MAX_DIMENSIONS) {
            throw GatewayException.invalidRequest("dimensions: at most " + MAX_DIMENSIONS + " for the mock, got "
                    + dimensions);
        }
        List<float[]> vectors = new ArrayList<>(request.inputs().size());
        int tokens = 0;
        for (EmbeddingInput input : request.inputs()) {
            vectors.add(vector(hash(input), dimensions));
            tokens += input.isText() ? MockProvider.words(input.text()) : input.tokens().length;
        }
        return new EmbeddingResponse(vectors, new Usage(tokens, null));
    }

    static long hash(EmbeddingInput input) {
        long hash = FNV_OFFSET;
        if (input.isText()) {
            for (int i = 0; i < input.text().length(); i++) {
                hash = (hash ^ input.text().charAt(i)) * FNV_PRIME;
            }
        } else {
            for (int token : input.tokens()) {
                hash = (hash ^ token) * FNV_PRIME;
            }
        }
        return hash;
    }

    static float[] vector(long hash, int dimensions) {
        double[] values = new double[dimensions];
        double squares = 0;
        for (int i = 0; i < dimensions; i++) {
            values[i] = (splitMix64(hash + (i + 1) * GOLDEN) >>> 40) / (double) (1 << 23) - 1;
            squares += values[i] * values[i];
        }
        double length = Math.sqrt(squares);
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (length == 0 ? 0 : values[i] / length);
        }
        return vector;
    }

    private static long splitMix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
