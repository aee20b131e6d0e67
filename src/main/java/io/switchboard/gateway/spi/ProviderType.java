package io.switchboard.gateway.spi;

/**
 * What a backend type brings of its own: the {@code type} name it is configured by, the base URL used when
 * {@code base-url} is not set, and the default model used when {@code model} is not set. A null default means the
 * type has none: {@code base-url} is then required, and a request must name its model unless {@code model} is set.
 */
public record ProviderType(String name, String defaultBaseUrl, String defaultModel) {
}
