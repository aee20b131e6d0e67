package io.switchboard.core.event;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.core.model.ToolCall;

/** A complete tool call, emitted once after its last fragment. */
public record ToolCallEvent(String id, String name, ObjectNode arguments, ObjectNode metadata) implements StreamEvent {

    public static final String TYPE = "tool_call";

    public ToolCallEvent {
        arguments = arguments == null ? JsonNodeFactory.instance.objectNode() : arguments;
        metadata = metadata == null ? JsonNodeFactory.instance.objectNode() : metadata;
    }

    public static ToolCallEvent of(ToolCall call) {
        return new ToolCallEvent(call.id(), call.name(), call.arguments(), call.metadata());
    }

    public ToolCall toToolCall() {
        return new ToolCall(id, name, arguments, metadata);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
