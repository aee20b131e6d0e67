package io.switchboard.providers.gemini;

import java.util.Map;
import java.util.Optional;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefaults;
import io.switchboard.gateway.spi.ProviderKeys;

/** The keys only type {@code gemini} reads: {@code switchboard.providers.<name>.<key>}. */
// not injected anywhere (factories read it through ProviderSetup.keys), so @Unremovable registers it
@Unremovable
@ConfigMapping(prefix = "switchboard")
public interface GeminiConfig {

    ProviderKeys<GeminiConfig, Keys> KEYS = new ProviderKeys<>(GeminiConfig.class, GeminiConfig::providers);

    /** Each provider's values, by provider name. */
    @WithDefaults
    Map<String, Keys> providers();

    interface Keys {
        /**
         * Thinking level (minimal, low, medium, high; Gemini 3 models) sent when the request has no reasoning_effort.
         */
        Optional<String> thinkingLevel();
    }
}
