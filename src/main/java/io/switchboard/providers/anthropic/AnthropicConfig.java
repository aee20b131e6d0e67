package io.switchboard.providers.anthropic;

import java.util.Map;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithDefaults;
import io.switchboard.gateway.spi.ProviderKeys;

/** The keys only type {@code anthropic} reads: {@code switchboard.providers.<name>.<key>}. */
// not injected anywhere (factories read it through ProviderSetup.keys), so @Unremovable registers it
@Unremovable
@ConfigMapping(prefix = "switchboard")
public interface AnthropicConfig {

    ProviderKeys<AnthropicConfig, Keys> KEYS = new ProviderKeys<>(AnthropicConfig.class, AnthropicConfig::providers);

    /** Each provider's values, by provider name. */
    @WithDefaults
    Map<String, Keys> providers();

    interface Keys {
        /** Add prompt-caching markers to the system prompt, tools and last messages of requests that place none. */
        @WithDefault("true")
        boolean promptCaching();

        /** The thinking shape: {@code enabled} (with budget_tokens) or {@code adaptive}. */
        @WithDefault("enabled")
        String thinkingType();

        /**
         * How a JSON response format reaches the model: {@code tool} (a forced tool whose input is the answer, on
         * every model) or {@code output-format} (Anthropic's structured outputs, {@code output_format} with its
         * beta header, for the models that offer it).
         */
        @WithDefault("tool")
        String structuredOutput();
    }
}
