package io.switchboard.core.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One piece of a message's content. The wire {@code type} of each part comes from the
 * {@code TYPE} constant of its record, used both here and by {@link #type()}, so the two cannot drift.
 * Jackson takes the {@code type} to write, as well as the one to read, from the names listed here, so the
 * records carry no {@code @JsonTypeName}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TextPart.class, name = TextPart.TYPE),
        @JsonSubTypes.Type(value = ImagePart.class, name = ImagePart.TYPE),
        @JsonSubTypes.Type(value = ToolCallPart.class, name = ToolCallPart.TYPE),
        @JsonSubTypes.Type(value = ToolResultPart.class, name = ToolResultPart.TYPE),
        @JsonSubTypes.Type(value = ThinkingPart.class, name = ThinkingPart.TYPE)
})
public sealed interface Part permits TextPart, ImagePart, ToolCallPart, ToolResultPart, ThinkingPart {

    /** The part's wire {@code type}. */
    String type();

    /** The prompt-cache breakpoint placed after this part, or null (thinking takes none). */
    default CacheControl cacheControl() {
        return null;
    }
}
