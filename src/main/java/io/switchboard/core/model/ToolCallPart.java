package io.switchboard.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
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
 * @param cacheControl a prompt-cache breakpoint after the call; null places none
 */
@JsonIgnoreProperties("origin")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ToolCallPart(String id, String name, ObjectNode arguments, ObjectNode metadata, String origin,
        @JsonInclude(JsonInclude.Include.NON_NULL) CacheControl cacheControl) implements Part {

    public static final String TYPE = "tool_call";

    public ToolCallPart {
        arguments = arguments == null ? JsonNodeFactory.instance.objectNode() : arguments;
        metadata = metadata == null ? JsonNodeFactory.instance.objectNode() : metadata;
    }

    /** A call without a cache breakpoint. */
    public ToolCallPart(String id, String name, ObjectNode arguments, ObjectNode metadata, String origin) {
        this(id, name, arguments, metadata, origin, null);
    }

    /** A call whose metadata is sent as the client gave it. */
    public ToolCallPart(String id, String name, ObjectNode arguments, ObjectNode metadata) {
        this(id, name, arguments, metadata, null, null);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
