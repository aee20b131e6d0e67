package io.switchboard.core.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A prompt-cache breakpoint: the prompt up to and including the marked block may be cached, for {@code ttl}
 * ({@code 5m} or {@code 1h}; null is the backend's default). Only {@code ephemeral} exists.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CacheControl(String type, String ttl) {

    public static final String EPHEMERAL = "ephemeral";
    /** The longer time-to-live; a breakpoint with it must come before every 5-minute one on Anthropic. */
    public static final String ONE_HOUR = "1h";
    /** The time-to-live values there are. */
    public static final List<String> TTLS = List.of("5m", ONE_HOUR);

    /**
     * What is wrong with this breakpoint, as {@code <its field>: <problem>} ({@code ttl: unknown "2h" (5m or 1h)}),
     * or null: the type must be {@code ephemeral}, the ttl absent, {@code 5m} or {@code 1h}.
     */
    public String problem() {
        if (!EPHEMERAL.equals(type)) {
            return "type: " + (type == null ? "required" : "unknown \"" + type + "\"") + " (only ephemeral)";
        }
        if (ttl != null && !TTLS.contains(ttl)) {
            return "ttl: unknown \"" + ttl + "\" (5m or 1h)";
        }
        return null;
    }

    /** Whether the breakpoint lives an hour (absent and {@code 5m} mean 5 minutes). */
    public boolean oneHour() {
        return ONE_HOUR.equals(ttl);
    }
}
