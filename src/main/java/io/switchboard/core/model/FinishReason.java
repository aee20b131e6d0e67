package io.switchboard.core.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why generation stopped, normalized across backends; the backend's own value goes to metadata. */
public enum FinishReason {
    STOP,
    LENGTH,
    TOOL_CALLS,
    CONTENT_FILTER,
    OTHER;

    /**
     * The metadata key (of an answer, or of a stream's done event) holding the stop sequence that ended
     * the answer, when the backend says which (Anthropic does; the others report a plain stop).
     */
    public static final String STOP_SEQUENCE_KEY = "stop_sequence";

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
