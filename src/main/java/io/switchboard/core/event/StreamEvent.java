package io.switchboard.core.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One event of a {@code /v1/stream} answer. The SSE {@code event:} name and the JSON
 * {@code type} both come from the record's {@code TYPE} constant, so they cannot drift apart.
 * Jackson takes the {@code type} to write, as well as the one to read, from the names listed here, so the
 * records carry no {@code @JsonTypeName}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ThinkingDelta.class, name = ThinkingDelta.TYPE),
        @JsonSubTypes.Type(value = TextDelta.class, name = TextDelta.TYPE),
        @JsonSubTypes.Type(value = ToolCallEvent.class, name = ToolCallEvent.TYPE),
        @JsonSubTypes.Type(value = Done.class, name = Done.TYPE),
        @JsonSubTypes.Type(value = ErrorEvent.class, name = ErrorEvent.TYPE)
})
public sealed interface StreamEvent permits ThinkingDelta, TextDelta, ToolCallEvent, Done, ErrorEvent {

    /** The event's wire {@code type}, also its SSE {@code event:} name. */
    String type();

    /** Whether this event ends the stream: {@code done} and {@code error} do. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    default boolean isTerminal() {
        return this instanceof Done || this instanceof ErrorEvent;
    }
}
