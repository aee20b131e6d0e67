package io.switchboard.core.model;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Reasoning the assistant produced earlier. {@code signature} is opaque and must go back to the
 * backend that produced it.
 */
@JsonTypeName(ThinkingPart.TYPE)
public record ThinkingPart(String thinking, String signature) implements Part {
    public static final String TYPE = "thinking";

    public ThinkingPart {
        thinking = thinking == null ? "" : thinking;
    }

    @Override
    public String type() {
        return TYPE;
    }
}
