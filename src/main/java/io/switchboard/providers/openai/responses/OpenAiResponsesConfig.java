package io.switchboard.providers.openai.responses;

import java.util.Map;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithDefaults;
import io.switchboard.gateway.spi.ProviderKeys;

/**
 * The keys only type {@code openai} reads to choose and tune its upstream wire:
 * {@code switchboard.providers.<name>.<key>}.
 */
// not injected anywhere (factories read it through ProviderSetup.keys), so @Unremovable registers it
@Unremovable
@ConfigMapping(prefix = "switchboard")
public interface OpenAiResponsesConfig {

    ProviderKeys<OpenAiResponsesConfig, Keys> KEYS = new ProviderKeys<>(OpenAiResponsesConfig.class,
            OpenAiResponsesConfig::providers);

    /** Each provider's values, by provider name. */
    @WithDefaults
    Map<String, Keys> providers();

    /** The upstream API a provider of type {@code openai} speaks. */
    enum Api {
        /** {@code POST /chat/completions}, which every OpenAI-compatible server serves. */
        CHAT_COMPLETIONS,
        /** {@code POST /responses}, OpenAI's Responses API, which hands out encrypted reasoning. */
        RESPONSES
    }

    /** How much of its reasoning an OpenAI reasoning model summarises ({@code reasoning.summary}). */
    enum Summary {
        AUTO,
        CONCISE,
        DETAILED,
        /** No summary asked for: reasoning items come with their encrypted state only. */
        NONE
    }

    interface Keys {
        /** The upstream API: {@code chat-completions}, or {@code responses} for OpenAI's Responses API. */
        @WithDefault("chat-completions")
        Api api();

        /** With {@code api=responses}: the reasoning summary asked of reasoning models ({@code auto|concise|detailed|none}). */
        @WithDefault("auto")
        Summary reasoningSummary();
    }
}
