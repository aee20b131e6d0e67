package io.switchboard.providers.openai;

import java.net.URI;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.gateway.spi.Provider;
import io.switchboard.gateway.spi.ProviderKeys;
import io.switchboard.gateway.spi.ProviderSetup;
import io.switchboard.gateway.spi.ProviderType;
import io.switchboard.gateway.spi.TypedProviderFactory;
import io.switchboard.providers.openai.responses.OpenAiResponsesConfig;
import io.switchboard.providers.openai.responses.OpenAiResponsesProvider;

/**
 * Type {@code openai}: OpenAI's Chat Completions, or any OpenAI-compatible server (LM Studio,
 * llama.cpp, Ollama's {@code /v1}, DeepSeek, Groq, OpenRouter) by pointing {@code base-url} at it; with
 * {@code api=responses}, OpenAI's Responses API, whose encrypted reasoning round-trips.
 */
@ApplicationScoped
public class OpenAiProviderFactory extends TypedProviderFactory {

    static final ProviderType TYPE = new ProviderType("openai", "https://api.openai.com/v1", null);

    public OpenAiProviderFactory() {
        super(TYPE);
    }

    @Override
    public Provider create(ProviderSetup setup) {
        URI baseUrl = setup.baseUrl(TYPE);
        boolean official = baseUrl.equals(URI.create(TYPE.defaultBaseUrl()));
        // A compatible server may need no key; OpenAI itself always does.
        if (official) {
            setup.requireApiKey();
        }
        OpenAiDialect dialect = new OpenAiDialect((model, call) -> call,
                OpenAiDialect.Auth.BEARER, true, false, official);
        OpenAiProvider chatCompletions = OpenAiProvider.create(setup, dialect, baseUrl);
        return switch (setup.keys(OpenAiResponsesConfig.KEYS).api()) {
            case CHAT_COMPLETIONS -> chatCompletions;
            case RESPONSES -> OpenAiResponsesProvider.create(setup, baseUrl, dialect::reasoningModel, chatCompletions);
        };
    }

    @Override
    public List<ProviderKeys<?, ?>> keyGroups() {
        return List.of(OpenAiConfig.KEYS, OpenAiResponsesConfig.KEYS);
    }
}
