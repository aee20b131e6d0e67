package io.switchboard.providers.mistral;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.core.spi.Provider;
import io.switchboard.core.spi.ProviderSetup;
import io.switchboard.core.spi.TypedProviderFactory;

/** Type {@code mistral}: Mistral's chat completions; {@code api-key} is required. */
@ApplicationScoped
public class MistralProviderFactory extends TypedProviderFactory {

    static final String TYPE = "mistral";
    static final String DEFAULT_BASE_URL = "https://api.mistral.ai";
    static final String DEFAULT_MODEL = "mistral-large-latest";

    public MistralProviderFactory() {
        super(TYPE);
    }

    @Override
    public Provider create(ProviderSetup setup) {
        return new MistralProvider(setup, setup.requireApiKey(),
                setup.calls(setup.baseUrl(DEFAULT_BASE_URL), new MistralErrorParser(setup.json())), setup.thinkTags(true));
    }
}
