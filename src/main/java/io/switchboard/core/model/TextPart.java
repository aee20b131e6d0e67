package io.switchboard.core.model;

/** Plain text. */
public record TextPart(String text) implements Part {
    public static final String TYPE = "text";

    @Override
    public String type() {
        return TYPE;
    }
}
