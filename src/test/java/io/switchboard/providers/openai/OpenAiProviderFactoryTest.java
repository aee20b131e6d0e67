package io.switchboard.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.switchboard.gateway.spi.Provider;
import io.switchboard.gateway.spi.ProviderFactory;
import io.switchboard.providers.azure.AzureProviderFactory;
import io.switchboard.providers.openai.responses.OpenAiResponsesProvider;
import io.switchboard.providers.vllm.VllmProviderFactory;
import io.switchboard.testsupport.TestConfig;

class OpenAiProviderFactoryTest {

    static Provider create(ProviderFactory factory, Map<String, Object> config) {
        return factory.create(TestConfig.provider("p", factory.type()).with(config).setup());
    }

    @Test
    void should_require_api_key_for_openai_own_endpoint() {
        assertThatThrownBy(() -> create(new OpenAiProviderFactory(), Map.of("model", "gpt-4o")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("switchboard.providers.p.api-key");
    }

    @Test
    void should_accept_compatible_server_without_key() {
        Provider provider = create(new OpenAiProviderFactory(),
                Map.of("model", "llama", "base-url", "http://localhost:1234/v1"));
        assertThat(provider.type()).isEqualTo("openai");
        assertThat(provider.defaultModel()).isEqualTo("llama");
    }

    /** Clients then name the model with each request. */
    @Test
    void should_build_without_a_default_model() {
        assertThat(create(new VllmProviderFactory(), Map.of()).defaultModel()).isNull();
        assertThat(create(new OpenAiProviderFactory(), Map.of("api-key", "k")).defaultModel()).isNull();
        assertThat(create(new AzureProviderFactory(), Map.of("base-url", "https://x.openai.azure.com", "api-key", "k"))
                .defaultModel()).isNull();
    }

    @Test
    void should_require_base_url_and_key_for_azure() {
        assertThatThrownBy(() -> create(new AzureProviderFactory(), Map.of("model", "d", "api-key", "k")))
                .hasMessageStartingWith("switchboard.providers.p.base-url");
        assertThatThrownBy(() -> create(new AzureProviderFactory(),
                Map.of("model", "d", "base-url", "https://x.openai.azure.com")))
                .hasMessageStartingWith("switchboard.providers.p.api-key");
    }

    @Test
    void should_speak_the_responses_api_with_api_responses_and_chat_completions_by_default() {
        assertThat(create(new OpenAiProviderFactory(), Map.of("api-key", "k"))).isInstanceOf(OpenAiProvider.class);
        Provider responses = create(new OpenAiProviderFactory(), Map.of("api-key", "k", "api", "responses"));
        assertThat(responses).isInstanceOf(OpenAiResponsesProvider.class);
        assertThat(responses.type()).isEqualTo("openai");
        assertThat(responses.maxEmbeddingInputs()).isEqualTo(2048);
    }

    @Test
    void should_refuse_an_unknown_api_naming_the_key() {
        assertThatThrownBy(() -> create(new OpenAiProviderFactory(), Map.of("api-key", "k", "api", "completions")))
                .hasMessageContaining("switchboard.providers.p.api");
    }

    @Test
    void should_build_vllm_with_defaults() {
        Provider provider = create(new VllmProviderFactory(), Map.of("model", "Qwen/Qwen3-8B"));
        assertThat(provider.type()).isEqualTo("vllm");
        assertThat(provider.capabilities().streaming()).isTrue();
    }
}
