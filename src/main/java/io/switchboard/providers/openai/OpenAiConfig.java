package io.switchboard.providers.openai;

import java.util.Map;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithDefaults;
import io.switchboard.gateway.spi.ProviderKeys;

/**
 * The keys only the Chat Completions types read ({@code openai}, {@code azure}, {@code vllm}):
 * {@code switchboard.providers.<name>.<key>}.
 */
// not injected anywhere (factories read it through ProviderSetup.keys), so @Unremovable registers it
@Unremovable
@ConfigMapping(prefix = "switchboard")
public interface OpenAiConfig {

    ProviderKeys<OpenAiConfig, Keys> KEYS = new ProviderKeys<>(OpenAiConfig.class, OpenAiConfig::providers);

    /** Each provider's values, by provider name. */
    @WithDefaults
    Map<String, Keys> providers();

    interface Keys {
        /** Ask for a final usage chunk ({@code stream_options.include_usage}). */
        @WithDefault("true")
        boolean includeStreamUsage();

        /** Extra top-level fields merged into every upstream request body (JSON values, or plain strings). */
        Map<String, String> extraBody();

        /** Send {@code max_completion_tokens} instead of {@code max_tokens} (o-series models). */
        @WithDefault("false")
        boolean useMaxCompletionTokens();

        /** Send earlier reasoning back as {@code reasoning_content} instead of {@code <think>} text. */
        @WithDefault("false")
        boolean echoReasoningContent();
    }
}
