package io.switchboard.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A prompt-cache breakpoint: the prompt up to and including the marked block may be cached, for {@code ttl}
 * ({@code 5m} or {@code 1h}; null is the backend's default). Only {@code ephemeral} exists.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CacheControl(String type, String ttl) {

    public static final String EPHEMERAL = "ephemeral";
}
