package io.switchboard.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Plain text; {@code cacheControl} places a prompt-cache breakpoint after it (null: none). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TextPart(String text, @JsonInclude(JsonInclude.Include.NON_NULL) CacheControl cacheControl)
        implements
            Part {

    public static final String TYPE = "text";

    /** Text without a cache breakpoint. */
    public TextPart(String text) {
        this(text, null);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
