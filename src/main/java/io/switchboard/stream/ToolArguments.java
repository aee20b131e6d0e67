package io.switchboard.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.core.model.ToolCall;

/**
 * Turns a backend's tool-call arguments into the contract's always-an-object form. Arguments that
 * are not a JSON object become {@code {}} with the backend's text kept in
 * {@code metadata.raw_arguments} (not a {@code raw} argument, which could collide with a real
 * one), so a model's malformed call reaches the client instead of failing the response.
 */
public final class ToolArguments {

    private static final String RAW_ARGUMENTS = "raw_arguments";

    private ToolArguments() {
    }

    /** A call whose arguments arrived as text (streamed or not); a missing id is generated. */
    public static ToolCall toToolCall(String id, String name, String rawArguments, ObjectMapper mapper) {
        ObjectNode arguments = objectOrNull(rawArguments, mapper);
        if (arguments == null) {
            return new ToolCall(idOrGenerated(id), name, mapper.createObjectNode(), rawArguments(rawArguments));
        }
        return new ToolCall(idOrGenerated(id), name, arguments);
    }

    /** A call whose arguments arrived as JSON; a missing id is generated. */
    public static ToolCall fromObject(String id, String name, JsonNode arguments) {
        if (arguments == null || arguments.isMissingNode()) {
            return new ToolCall(idOrGenerated(id), name, null);
        }
        if (arguments instanceof ObjectNode object) {
            return new ToolCall(idOrGenerated(id), name, object);
        }
        return new ToolCall(idOrGenerated(id), name, null, rawArguments(arguments.toString()));
    }

    /** The arguments as an object: {@code {}} when absent, blank or not a JSON object. */
    public static ObjectNode parse(String rawArguments, ObjectMapper mapper) {
        ObjectNode arguments = objectOrNull(rawArguments, mapper);
        return arguments == null ? mapper.createObjectNode() : arguments;
    }

    /** {@code null} means "not an object": the caller keeps the raw text. */
    private static ObjectNode objectOrNull(String rawArguments, ObjectMapper mapper) {
        if (rawArguments == null || rawArguments.isBlank()) {
            // Calls without parameters often stream no argument text at all.
            return mapper.createObjectNode();
        }
        try {
            // Trailing tokens fail: "{...} junk" is kept raw rather than silently cut to its first value.
            JsonNode parsed = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(rawArguments);
            return parsed instanceof ObjectNode object ? object : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static ObjectNode rawArguments(String text) {
        return JsonNodeFactory.instance.objectNode().put(RAW_ARGUMENTS, text);
    }

    private static String idOrGenerated(String id) {
        return id == null || id.isBlank() ? ToolCallIds.generate() : id;
    }
}
