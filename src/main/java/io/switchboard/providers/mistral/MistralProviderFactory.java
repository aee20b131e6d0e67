package io.switchboard.providers.mistral;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.core.spi.Provider;
import io.switchboard.core.spi.ProviderFactory;
import io.switchboard.core.spi.ProviderSetup;

/** Type {@code mistral}: Mistral's chat completions; {@code api-key} is required. */
@ApplicationScoped
public class MistralProviderFactory implements ProviderFactory {

    static final String TYPE = "mistral";
    static final String DEFAULT_BASE_URL = "https://api.mistral.ai";
    static final String DEFAULT_MODEL = "mistral-large-latest";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Provider create(ProviderSetup setup) {
        String apiKey = setup.config().apiKey().filter(key -> !key.isBlank())
                .orElseThrow(() -> new IllegalArgumentException(setup.key("api-key") + ": required for type mistral"));
        return new MistralProvider(setup.name(), setup.config(), apiKey,
                setup.http(setup.baseUrl(DEFAULT_BASE_URL), new MistralErrorParser(setup.json())), setup.json(),
                setup.thinkTags(true));
    }
}
