package io.switchboard.providers.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.switchboard.gateway.spi.Provider;
import io.switchboard.gateway.spi.ProviderSetup;
import io.switchboard.testsupport.TestConfig;

class OllamaProviderFactoryTest {

    @Test
    void should_start_without_a_key_or_base_url() {
        Provider provider = new OllamaProviderFactory().create(TestConfig.provider("o", "ollama").setup());
        assertThat(provider.type()).isEqualTo("ollama");
        assertThat(provider.defaultModel()).isEqualTo("llama3.2");
    }

    @Test
    void should_refuse_a_non_positive_image_size_limit() {
        ProviderSetup setup = TestConfig.provider("o", "ollama").with("fetch-images-max-size", "0").setup();
        assertThatThrownBy(() -> new OllamaProviderFactory().create(setup))
                .hasMessageStartingWith("switchboard.providers.o.fetch-images-max-size:");
    }
}
