package io.switchboard.gateway.spi;

import java.net.URI;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.config.SmallRyeConfig;
import io.switchboard.config.SwitchboardConfig.ProviderConfig;
import io.switchboard.stream.ThinkTags;
import io.switchboard.upstream.HeaderValues;
import io.switchboard.upstream.UpstreamErrorParser;
import io.switchboard.upstream.UpstreamHttp;
import io.vertx.core.Vertx;

/**
 * What a factory gets to build one provider.
 *
 * @param config the keys every type reads
 * @param source the configuration they were read from, which also holds the keys of its type ({@link #keys})
 */
public record ProviderSetup(String name, ProviderConfig config, SmallRyeConfig source, Vertx vertx, ObjectMapper json) {

    /** {@code switchboard.providers.<name>.<key>}, for error messages. */
    public String key(String key) {
        return "switchboard.providers." + name + "." + key;
    }

    /** This provider's values of a group of keys its type reads besides the common ones (defaults when unset). */
    public <M, K> K keys(ProviderKeys<M, K> group) {
        return group.byName().apply(source.getConfigMapping(group.mapping())).get(name);
    }

    /** The configured base URL, else the type's default; fails naming the key when it is not an http(s) URL. */
    public URI baseUrl(ProviderType type) {
        String value = config.baseUrl().orElse(type.defaultBaseUrl());
        if (value == null) {
            throw new IllegalArgumentException(key("base-url") + ": required for type " + config.type());
        }
        try {
            URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException(key("base-url") + ": not an http(s) URL: " + value);
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(key("base-url") + ": not a URL: " + value);
        }
    }

    /** The call skeleton for this provider, over {@link #http} to the configured base URL, else the type's default. */
    public WireCalls calls(ProviderType type, UpstreamErrorParser errors) {
        return calls(baseUrl(type), errors);
    }

    /** The call skeleton for this provider, over {@link #http}. */
    public WireCalls calls(URI baseUrl, UpstreamErrorParser errors) {
        return new WireCalls(name, http(baseUrl, errors), json);
    }

    /** The HTTP client for this provider, with the configured timeouts and extra headers. */
    public UpstreamHttp http(URI baseUrl, UpstreamErrorParser errors) {
        checkConfiguredHeaders();
        return new UpstreamHttp(vertx, name, baseUrl,
                new UpstreamHttp.Settings(config.connectTimeout(), config.timeout(), config.idleTimeout(), config.headers(),
                        config.maxResponseSize().asLongValue(), config.maxLineSize().asLongValue()),
                errors);
    }

    /** A configured key or header that cannot be sent stops the start-up, naming the key (never the value). */
    private void checkConfiguredHeaders() {
        if (config.apiKey().isPresent() && !HeaderValues.isValid(config.apiKey().get())) {
            throw new IllegalArgumentException(key("api-key") + ": has a line break or another character that"
                    + " cannot be sent in an HTTP header");
        }
        config.headers().forEach((header, value) -> {
            if (!HeaderValues.isValidName(header) || !HeaderValues.isValid(value)) {
                throw new IllegalArgumentException(key("headers." + header) + ": not a valid HTTP header name"
                        + " and value (no line breaks or other control characters)");
            }
        });
    }

    /** The configured {@code api-key}; fails naming the key when it is missing or blank. */
    public Secret requireApiKey() {
        Secret key = apiKey();
        if (key == null) {
            throw required("api-key");
        }
        return key;
    }

    /** The configured {@code api-key}, or null when there is none (a blank value counts as none). */
    public Secret apiKey() {
        return Secret.ofNullable(config.apiKey().orElse(null));
    }

    /** The one message for a key a type cannot do without. */
    public IllegalArgumentException required(String key) {
        return new IllegalArgumentException(key(key) + ": required for type " + config.type());
    }

    /** The {@code <think>} options: on per the configured value, else the type's default; else {@link ThinkTags#OFF}. */
    public ThinkTags thinkTags(boolean typeDefault) {
        return config.thinkTags().orElse(typeDefault) ? new ThinkTags(config.thinkTagNames(), config.thinkStartsOpen())
                : ThinkTags.OFF;
    }
}
