package io.switchboard.providers.mistral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.switchboard.gateway.spi.Provider;
import io.switchboard.gateway.spi.ProviderSetup;
import io.switchboard.testsupport.TestConfig;

class MistralProviderFactoryTest {

    @Test
    void should_refuse_to_start_without_an_api_key_naming_the_key() {
        ProviderSetup setup = TestConfig.provider("m", "mistral").setup();
        assertThatThrownBy(() -> new MistralProviderFactory().create(setup))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("switchboard.providers.m.api-key: required");
    }

    @Test
    void should_default_the_model_and_report_streaming_and_vision() {
        Provider provider = new MistralProviderFactory()
                .create(TestConfig.provider("m", "mistral").with("api-key", "k").setup());
        assertThat(provider.type()).isEqualTo("mistral");
        assertThat(provider.defaultModel()).isEqualTo("mistral-large-latest");
        assertThat(provider.capabilities().streaming()).isTrue();
        assertThat(provider.capabilities().vision()).isTrue();
    }

    @Test
    void should_name_the_base_url_key_when_it_is_not_a_url() {
        ProviderSetup setup = TestConfig.provider("m", "mistral").with("api-key", "k").with("base-url", "ftp://x")
                .setup();
        assertThatThrownBy(() -> new MistralProviderFactory().create(setup))
                .hasMessageStartingWith("switchboard.providers.m.base-url:");
    }
}
