package io.switchboard.providers.azure;

import java.util.Map;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithDefaults;
import io.switchboard.gateway.spi.ProviderKeys;

/** The keys only type {@code azure} reads: {@code switchboard.providers.<name>.<key>}. */
// not injected anywhere (factories read it through ProviderSetup.keys), so @Unremovable registers it
@Unremovable
@ConfigMapping(prefix = "switchboard")
public interface AzureConfig {

    ProviderKeys<AzureConfig, Keys> KEYS = new ProviderKeys<>(AzureConfig.class, AzureConfig::providers);

    /** Each provider's values, by provider name. */
    @WithDefaults
    Map<String, Keys> providers();

    interface Keys {
        /** The {@code api-version} query parameter. */
        @WithDefault("2024-12-01-preview")
        String apiVersion();
    }
}
