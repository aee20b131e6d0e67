package io.switchboard.providers.ollama;

import java.util.Map;
import java.util.Optional;

import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithDefaults;
import io.switchboard.gateway.spi.ProviderKeys;

/** The keys only type {@code ollama} reads: {@code switchboard.providers.<name>.<key>}. */
// not injected anywhere (factories read it through ProviderSetup.keys), so @Unremovable registers it
@Unremovable
@ConfigMapping(prefix = "switchboard")
public interface OllamaConfig {

    ProviderKeys<OllamaConfig, Keys> KEYS = new ProviderKeys<>(OllamaConfig.class, OllamaConfig::providers);

    /** Each provider's values, by provider name. */
    @WithDefaults
    Map<String, Keys> providers();

    interface Keys {
        /** How long the model stays loaded after a request, e.g. 5m. */
        Optional<String> keepAlive();

        /** Fetch https images and send them inline (Ollama takes only base64). */
        @WithDefault("false")
        boolean fetchImages();

        /** The largest image fetched. */
        @WithDefault("10M")
        MemorySize fetchImagesMaxSize();

        /** The most images fetched for one request; a request with more is refused (400). */
        @WithDefault("8")
        int fetchImagesMaxCount();

        /** The most bytes fetched for all the images of one request together. */
        @WithDefault("32M")
        MemorySize fetchImagesMaxTotalSize();

        /** Allow fetching images from private and loopback addresses. */
        @WithDefault("false")
        boolean fetchImagesAllowPrivate();
    }
}
