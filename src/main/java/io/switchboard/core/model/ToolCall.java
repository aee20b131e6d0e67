package io.switchboard.core.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A complete tool call requested by the model: arguments are always a JSON object.
 * When the backend's arguments were not valid JSON, {@code arguments} is empty and
 * {@code metadata.raw_arguments} keeps the text, so a malformed call reaches the client.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ToolCall(String id, String name, ObjectNode arguments, ObjectNode metadata) {

    /**
     * The metadata key of the signature Gemini put on a call: it must go back to Gemini with the call, byte for
     * byte, and means nothing to any other backend.
     */
    public static final String THOUGHT_SIGNATURE = "thought_signature";

    public ToolCall {
        arguments = arguments == null ? JsonNodeFactory.instance.objectNode() : arguments;
        metadata = metadata == null ? JsonNodeFactory.instance.objectNode() : metadata;
    }

    public ToolCall(String id, String name, ObjectNode arguments) {
        this(id, name, arguments, null);
    }

    /**
     * The arguments as the model sent them, for the dialects that carry them as a JSON string: the object, or
     * the raw text it could not be parsed from.
     */
    public String argumentsText() {
        if (arguments.isEmpty() && metadata.path("raw_arguments").isTextual()) {
            return metadata.get("raw_arguments").textValue();
        }
        return arguments.toString();
    }
}
