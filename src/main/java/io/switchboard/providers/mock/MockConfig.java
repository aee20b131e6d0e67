package io.switchboard.providers.mock;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefaults;
import io.switchboard.gateway.spi.ProviderKeys;

/** The keys only type {@code mock} reads: {@code switchboard.providers.<name>.<key>}. */
// not injected anywhere (factories read it through ProviderSetup.keys), so @Unremovable registers it
@Unremovable
@ConfigMapping(prefix = "switchboard")
public interface MockConfig {

    ProviderKeys<MockConfig, Keys> KEYS = new ProviderKeys<>(MockConfig.class, MockConfig::providers);

    /** Each provider's values, by provider name. */
    @WithDefaults
    Map<String, Keys> providers();

    interface Keys {
        /**
         * The answers served round-robin; plain text or a JSON object with content, thinking, tool_calls,
         * finish_reason.
         */
        Optional<List<String>> responses();
    }
}
