package io.switchboard.core.embedding;

import java.util.ArrayList;
import java.util.List;

import io.switchboard.errors.GatewayException;

/**
 * What to embed, whichever door asked: the inputs in order, and the output size wanted.
 *
 * @param inputs at least one
 * @param dimensions the vectors' length, or null for the model's own
 * @param user the caller's end-user id, passed to the backends that take one, or null
 */
public record EmbeddingRequest(List<EmbeddingInput> inputs, Integer dimensions, String user) {

    /**
     * The most inputs one request takes, whichever door it came through (OpenAI's own limit): it bounds the backend
     * calls one request can make where a backend takes fewer at once (Gemini: 21 calls of 100).
     */
    public static final int MAX_INPUTS = 2048;

    public EmbeddingRequest {
        inputs = List.copyOf(inputs);
    }

    /** The inputs {@code from} (inclusive) to {@code to} (exclusive), as a request of their own. */
    public EmbeddingRequest slice(int from, int to) {
        return from == 0 && to == inputs.size() ? this : new EmbeddingRequest(inputs.subList(from, to), dimensions, user);
    }

    /**
     * The inputs as texts, for a backend that takes text only; a 400 naming {@code input} when one is token ids.
     */
    public List<String> texts(String provider) {
        List<String> texts = new ArrayList<>(inputs.size());
        for (EmbeddingInput input : inputs) {
            if (!input.isText()) {
                throw GatewayException.invalidRequest("input: provider \"" + provider
                        + "\" takes text only, not token ids");
            }
            texts.add(input.text());
        }
        return texts;
    }
}
