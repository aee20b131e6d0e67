package io.switchboard.core.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why generation stopped, normalized across backends; the backend's own value goes to metadata. */
public enum FinishReason {
    STOP,
    LENGTH,
    TOOL_CALLS,
    CONTENT_FILTER,
    OTHER;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
