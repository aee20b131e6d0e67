package io.switchboard.core.model;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** Plain text. */
@JsonTypeName(TextPart.TYPE)
public record TextPart(String text) implements Part {
    public static final String TYPE = "text";

    @Override
    public String type() {
        return TYPE;
    }
}
