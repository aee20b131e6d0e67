package io.switchboard.core.event;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A piece of answer text. */
@JsonTypeName(TextDelta.TYPE)
public record TextDelta(String text) implements StreamEvent {
    public static final String TYPE = "text_delta";

    @Override
    public String type() {
        return TYPE;
    }
}
