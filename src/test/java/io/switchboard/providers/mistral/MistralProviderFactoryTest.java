package io.switchboard.providers.mistral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.core.spi.Provider;
import io.switchboard.core.spi.ProviderSetup;
import io.vertx.core.Vertx;

class MistralProviderFactoryTest {

    private static final Vertx VERTX = Vertx.vertx();

    @AfterAll
    static void close() {
        VERTX.close();
    }

    static ProviderSetup setup(String name, Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(SwitchboardConfig.class)
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withConverter(io.quarkus.runtime.configuration.MemorySize.class, 100,
                        new io.quarkus.runtime.configuration.MemorySizeConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
        SwitchboardConfig switchboard = config.getConfigMapping(SwitchboardConfig.class);
        return new ProviderSetup(name, switchboard.providers().get(name), VERTX, new ObjectMapper());
    }

    @Test
    void should_refuse_to_start_without_an_api_key_naming_the_key() {
        ProviderSetup setup = setup("m", Map.of("switchboard.providers.m.type", "mistral"));
        assertThatThrownBy(() -> new MistralProviderFactory().create(setup))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("switchboard.providers.m.api-key: required");
    }

    @Test
    void should_default_the_model_and_report_streaming_and_vision() {
        Provider provider = new MistralProviderFactory().create(setup("m",
                Map.of("switchboard.providers.m.type", "mistral", "switchboard.providers.m.api-key", "k")));
        assertThat(provider.type()).isEqualTo("mistral");
        assertThat(provider.defaultModel()).isEqualTo("mistral-large-latest");
        assertThat(provider.capabilities().streaming()).isTrue();
        assertThat(provider.capabilities().vision()).isTrue();
    }

    @Test
    void should_name_the_base_url_key_when_it_is_not_a_url() {
        ProviderSetup setup = setup("m", Map.of("switchboard.providers.m.type", "mistral",
                "switchboard.providers.m.api-key", "k", "switchboard.providers.m.base-url", "ftp://x"));
        assertThatThrownBy(() -> new MistralProviderFactory().create(setup))
                .hasMessageStartingWith("switchboard.providers.m.base-url:");
    }
}
