package io.switchboard.core.model;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A tool call the assistant made earlier in the conversation. */
public record ToolCallPart(String id, String name, ObjectNode arguments, ObjectNode metadata) implements Part {

    public static final String TYPE = "tool_call";

    public ToolCallPart {
        arguments = arguments == null ? JsonNodeFactory.instance.objectNode() : arguments;
        metadata = metadata == null ? JsonNodeFactory.instance.objectNode() : metadata;
    }

    @Override
    public String type() {
        return TYPE;
    }
}
