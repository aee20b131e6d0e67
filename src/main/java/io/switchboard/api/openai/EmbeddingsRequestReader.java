package io.switchboard.api.openai;

import static io.switchboard.api.JsonFields.integer;
import static io.switchboard.api.JsonFields.invalid;
import static io.switchboard.api.JsonFields.requiredString;
import static io.switchboard.api.JsonFields.string;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.core.embedding.EmbeddingInput;
import io.switchboard.core.embedding.EmbeddingRequest;

/**
 * Reads an OpenAI embeddings request: {@code input} (a string, a list of strings, a list of token ids, or a list
 * of lists of token ids; at most {@link EmbeddingRequest#MAX_INPUTS}), {@code model}, {@code dimensions},
 * {@code encoding_format}
 * ({@code float} or {@code base64}) and {@code user}. Unknown fields are ignored, as the chat door ignores them.
 */
final class EmbeddingsRequestReader {

    /** A read request: the neutral request, the {@code model} as sent, and whether vectors go out as base64. */
    record EmbeddingsCall(EmbeddingRequest request, String model, boolean base64) {
    }

    private EmbeddingsRequestReader() {
    }

    static EmbeddingsCall read(ObjectNode body) {
        String model = requiredString(body, "model", "model");
        Integer dimensions = integer(body, "dimensions", "dimensions");
        if (dimensions != null && dimensions < 1) {
            throw invalid("dimensions", "must be at least 1, got " + dimensions);
        }
        String format = string(body, "encoding_format", "encoding_format");
        if (format != null && !format.equals("float") && !format.equals("base64")) {
            throw invalid("encoding_format", "must be float or base64");
        }
        String user = string(body, "user", "user");
        return new EmbeddingsCall(new EmbeddingRequest(inputs(body.get("input")), dimensions, user), model,
                "base64".equals(format));
    }

    private static List<EmbeddingInput> inputs(JsonNode input) {
        if (input == null || input.isNull()) {
            throw invalid("input", "required (a string, a list of strings, or token ids)");
        }
        if (input.isTextual()) {
            return List.of(text(input, "input"));
        }
        if (!input.isArray() || input.isEmpty()) {
            throw invalid("input", "must be a string or a non-empty list of strings or token ids");
        }
        if (input.get(0).isIntegralNumber()) {
            // one list of token ids is one input
            return List.of(EmbeddingInput.tokens(tokens(input, "input")));
        }
        if (input.size() > EmbeddingRequest.MAX_INPUTS) {
            throw invalid("input", "at most " + EmbeddingRequest.MAX_INPUTS + " inputs, got " + input.size());
        }
        // OpenAI takes a list of texts or a list of token lists, never the two mixed
        boolean tokenLists = input.get(0).isArray();
        List<EmbeddingInput> inputs = new ArrayList<>(input.size());
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            String path = "input[" + i + "]";
            if (item.isArray() != tokenLists) {
                throw invalid(path, tokenLists ? "must be a list of token ids, as input[0] is"
                        : "must be a non-empty string, as input[0] is");
            }
            inputs.add(tokenLists ? EmbeddingInput.tokens(tokens(item, path)) : text(item, path));
        }
        return inputs;
    }

    private static EmbeddingInput text(JsonNode item, String path) {
        if (!item.isTextual() || item.textValue().isEmpty()) {
            throw invalid(path, "must be a non-empty string");
        }
        return EmbeddingInput.text(item.textValue());
    }

    private static int[] tokens(JsonNode list, String path) {
        if (list.isEmpty()) {
            throw invalid(path, "must not be an empty list of token ids");
        }
        int[] tokens = new int[list.size()];
        for (int i = 0; i < tokens.length; i++) {
            JsonNode token = list.get(i);
            if (!token.isIntegralNumber() || !token.canConvertToInt() || token.intValue() < 0) {
                throw invalid(path + "[" + i + "]", "must be a token id (a non-negative integer)");
            }
            tokens[i] = token.intValue();
        }
        return tokens;
    }
}
