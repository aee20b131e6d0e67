package io.switchboard.core.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A piece of reasoning; may carry only a {@code signature} (then {@code thinking} is empty). */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ThinkingDelta(String thinking, String signature) implements StreamEvent {
    public static final String TYPE = "thinking_delta";

    public ThinkingDelta {
        thinking = thinking == null ? "" : thinking;
    }

    public ThinkingDelta(String thinking) {
        this(thinking, null);
    }

    public static ThinkingDelta signatureOnly(String signature) {
        return new ThinkingDelta("", signature);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
