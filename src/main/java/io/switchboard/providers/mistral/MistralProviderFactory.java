package io.switchboard.providers.mistral;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.gateway.spi.Provider;
import io.switchboard.gateway.spi.ProviderSetup;
import io.switchboard.gateway.spi.ProviderType;
import io.switchboard.gateway.spi.TypedProviderFactory;

/** Type {@code mistral}: Mistral's chat completions; {@code api-key} is required. */
@ApplicationScoped
public class MistralProviderFactory extends TypedProviderFactory {

    static final ProviderType TYPE = new ProviderType("mistral", "https://api.mistral.ai", "mistral-large-latest");

    public MistralProviderFactory() {
        super(TYPE);
    }

    @Override
    public Provider create(ProviderSetup setup) {
        return new MistralProvider(setup, setup.requireApiKey(),
                setup.calls(TYPE, new MistralErrorParser(setup.json())), setup.thinkTags(true));
    }
}
