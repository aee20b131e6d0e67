package io.switchboard.core.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why generation stopped, normalized across backends (provider-notes decision 2). */
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
