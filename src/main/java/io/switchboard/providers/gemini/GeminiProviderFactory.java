package io.switchboard.providers.gemini;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.gateway.spi.Provider;
import io.switchboard.gateway.spi.ProviderKeys;
import io.switchboard.gateway.spi.ProviderSetup;
import io.switchboard.gateway.spi.ProviderType;
import io.switchboard.gateway.spi.Secret;
import io.switchboard.gateway.spi.TypedProviderFactory;

/** Type {@code gemini}: Google's Generative Language REST API (v1beta), key in {@code x-goog-api-key}. */
@ApplicationScoped
public class GeminiProviderFactory extends TypedProviderFactory {

    static final ProviderType TYPE = new ProviderType("gemini", "https://generativelanguage.googleapis.com",
            "gemini-2.5-flash");

    public GeminiProviderFactory() {
        super(TYPE);
    }

    @Override
    public Provider create(ProviderSetup setup) {
        Secret apiKey = setup.requireApiKey();
        String level = setup.keys(GeminiConfig.KEYS).thinkingLevel().orElse(null);
        if (level != null && !GeminiRequestMapper.THINKING_LEVELS.contains(level.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(setup.key("thinking-level") + ": one of minimal, low, medium, high (was \""
                    + level + "\")");
        }
        return new GeminiProvider(setup, apiKey, setup.calls(TYPE, new GeminiErrorParser(setup.json())),
                new GeminiRequestMapper(setup.name(), level));
    }

    @Override
    public List<ProviderKeys<?, ?>> keyGroups() {
        return List.of(GeminiConfig.KEYS);
    }
}
