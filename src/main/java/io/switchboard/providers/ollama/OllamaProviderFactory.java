package io.switchboard.providers.ollama;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.config.SwitchboardConfig.ProviderConfig;
import io.switchboard.gateway.spi.Provider;
import io.switchboard.gateway.spi.ProviderKeys;
import io.switchboard.gateway.spi.ProviderSetup;
import io.switchboard.gateway.spi.ProviderType;
import io.switchboard.gateway.spi.TypedProviderFactory;

/** Type {@code ollama}: Ollama's native chat API; no key needed. */
@ApplicationScoped
public class OllamaProviderFactory extends TypedProviderFactory {

    static final ProviderType TYPE = new ProviderType("ollama", "http://localhost:11434", "llama3.2");

    public OllamaProviderFactory() {
        super(TYPE);
    }

    @Override
    public Provider create(ProviderSetup setup) {
        ProviderConfig common = setup.config();
        OllamaConfig.Keys config = setup.keys(OllamaConfig.KEYS);
        if (config.fetchImagesMaxSize().asLongValue() <= 0) {
            throw new IllegalArgumentException(setup.key("fetch-images-max-size") + ": must be positive");
        }
        if (config.fetchImagesMaxCount() <= 0) {
            throw new IllegalArgumentException(setup.key("fetch-images-max-count") + ": must be positive");
        }
        if (config.fetchImagesMaxTotalSize().asLongValue() <= 0) {
            throw new IllegalArgumentException(setup.key("fetch-images-max-total-size") + ": must be positive");
        }
        OllamaImageFetcher fetcher = config.fetchImages()
                ? new OllamaImageFetcher(setup.vertx(), new OllamaImageFetcher.Limits(
                        config.fetchImagesMaxSize().asLongValue(), config.fetchImagesMaxCount(),
                        config.fetchImagesMaxTotalSize().asLongValue(), config.fetchImagesAllowPrivate(),
                        common.connectTimeout(), common.timeout()))
                : null;
        return new OllamaProvider(setup, setup.apiKey(),
                setup.calls(TYPE, new OllamaErrorParser(setup.json())), setup.thinkTags(true),
                fetcher, config.keepAlive().orElse(null));
    }

    @Override
    public List<ProviderKeys<?, ?>> keyGroups() {
        return List.of(OllamaConfig.KEYS);
    }
}
