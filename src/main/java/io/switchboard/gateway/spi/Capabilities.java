package io.switchboard.gateway.spi;

/** What a provider can do, as listed by {@code GET /v1/providers}. */
public record Capabilities(boolean streaming, boolean structuredStreaming, boolean vision) {
}
