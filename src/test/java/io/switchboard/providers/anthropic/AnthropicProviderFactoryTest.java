package io.switchboard.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.switchboard.gateway.spi.Provider;
import io.switchboard.testsupport.TestConfig;

class AnthropicProviderFactoryTest {

    private static Provider create(Map<String, Object> values) {
        return new AnthropicProviderFactory().create(TestConfig.provider("claude", "anthropic").with(values).setup());
    }

    @Test
    void should_refuse_to_start_without_an_api_key() {
        assertThatThrownBy(() -> create(Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("switchboard.providers.claude.api-key: required for type anthropic");
    }

    @Test
    void should_refuse_an_unknown_thinking_type_naming_the_key() {
        assertThatThrownBy(() -> create(Map.of("api-key", "k", "thinking-type", "always")))
                .hasMessageStartingWith("switchboard.providers.claude.thinking-type:");
    }

    @Test
    void should_build_a_provider_with_the_configured_model() {
        Provider provider = create(Map.of("api-key", "k", "model", "claude-sonnet-4-5"));
        assertThat(provider.type()).isEqualTo("anthropic");
        assertThat(provider.name()).isEqualTo("claude");
        assertThat(provider.defaultModel()).isEqualTo("claude-sonnet-4-5");
        assertThat(provider.capabilities().vision()).isTrue();
    }
}
