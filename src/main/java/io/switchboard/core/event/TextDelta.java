package io.switchboard.core.event;

/** A piece of answer text. */
public record TextDelta(String text) implements StreamEvent {
    public static final String TYPE = "text_delta";

    @Override
    public String type() {
        return TYPE;
    }
}
