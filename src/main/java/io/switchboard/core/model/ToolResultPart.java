package io.switchboard.core.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The result of a tool call. {@code result} is a string or a list of text and image parts on the
 * wire; it is normalised to a list of parts here. {@code isError} says the tool failed and the
 * result describes the failure (null: not stated). {@code cacheControl} places a prompt-cache breakpoint after
 * the result (null: none).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ToolResultPart(String toolCallId, String name,
        @JsonDeserialize(using = PartListDeserializer.class) List<Part> result, Boolean isError,
        @JsonInclude(JsonInclude.Include.NON_NULL) CacheControl cacheControl) implements Part {

    public static final String TYPE = "tool_result";

    public ToolResultPart {
        result = result == null ? List.of() : List.copyOf(result);
    }

    /** A result without a cache breakpoint. */
    public ToolResultPart(String toolCallId, String name, List<Part> result, Boolean isError) {
        this(toolCallId, name, result, isError, null);
    }

    /** A result that does not say whether the tool failed. */
    public ToolResultPart(String toolCallId, String name, List<Part> result) {
        this(toolCallId, name, result, null, null);
    }

    /** Whether the caller marked the result as a failure of the tool. */
    public boolean failed() {
        return Boolean.TRUE.equals(isError);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The text parts of the result joined, for backends that take a tool result as one string. */
    public String resultText() {
        StringBuilder text = new StringBuilder();
        for (Part part : result) {
            if (part instanceof TextPart t && t.text() != null) {
                text.append(t.text());
            }
        }
        return text.toString();
    }

    /** The image parts of the result. */
    public List<ImagePart> resultImages() {
        return result.stream().filter(ImagePart.class::isInstance).map(ImagePart.class::cast).toList();
    }
}
