package io.switchboard.providers.vllm;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.gateway.spi.Provider;
import io.switchboard.gateway.spi.ProviderKeys;
import io.switchboard.gateway.spi.ProviderSetup;
import io.switchboard.gateway.spi.ProviderType;
import io.switchboard.gateway.spi.TypedProviderFactory;
import io.switchboard.providers.openai.OpenAiConfig;
import io.switchboard.providers.openai.OpenAiDialect;

/**
 * Type {@code vllm}: a local vLLM server. The protocol is OpenAI's;
 * reasoning is switched through {@code chat_template_kwargs} ({@code enable_thinking},
 * {@code reasoning_effort}) rather than a top-level {@code reasoning_effort}; the key is optional
 * (sent as Bearer when configured). Tokens are counted by vLLM's own tokenizer ({@link VllmProvider}).
 */
@ApplicationScoped
public class VllmProviderFactory extends TypedProviderFactory {

    static final ProviderType TYPE = new ProviderType("vllm", "http://localhost:8000/v1", null);

    public VllmProviderFactory() {
        super(TYPE);
    }

    @Override
    public Provider create(ProviderSetup setup) {
        OpenAiDialect dialect = new OpenAiDialect((model, call) -> call,
                OpenAiDialect.Auth.BEARER, true, true, false);
        return new VllmProvider(setup, dialect, setup.baseUrl(TYPE));
    }

    @Override
    public List<ProviderKeys<?, ?>> keyGroups() {
        return List.of(OpenAiConfig.KEYS);
    }
}
