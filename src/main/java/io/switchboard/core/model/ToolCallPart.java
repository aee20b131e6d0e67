package io.switchboard.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A tool call the assistant made earlier in the conversation.
 *
 * @param metadata what the backend attached to the call, sent back with it (e.g. Gemini's
 *        {@code thought_signature}), and {@code raw_arguments} when the arguments were not JSON
 * @param origin the provider type whose state {@code metadata} holds, when the gateway vouches for it (a sealed
 *        Responses {@code function_call} id): a backend of another type gets the call without it. Null when
 *        unknown: the metadata is sent as the client gave it. Never read from JSON.
 */
@JsonIgnoreProperties("origin")
public record ToolCallPart(String id, String name, ObjectNode arguments, ObjectNode metadata, String origin)
        implements
            Part {

    public static final String TYPE = "tool_call";

    public ToolCallPart {
        arguments = arguments == null ? JsonNodeFactory.instance.objectNode() : arguments;
        metadata = metadata == null ? JsonNodeFactory.instance.objectNode() : metadata;
    }

    /** A call whose metadata is sent as the client gave it. */
    public ToolCallPart(String id, String name, ObjectNode arguments, ObjectNode metadata) {
        this(id, name, arguments, metadata, null);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
