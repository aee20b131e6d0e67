package io.switchboard.errors;

/** The one error body of the gateway: {@code {"error": {...}}}. */
public record ErrorEnvelope(ErrorBody error) {
}
