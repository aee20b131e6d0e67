package io.switchboard.providers.ollama;

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

class OllamaProviderFactoryTest {

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
    void should_start_without_a_key_or_base_url() {
        Provider provider = new OllamaProviderFactory().create(setup("o", Map.of("switchboard.providers.o.type", "ollama")));
        assertThat(provider.type()).isEqualTo("ollama");
        assertThat(provider.defaultModel()).isEqualTo("llama3.2");
    }

    @Test
    void should_refuse_a_non_positive_image_size_limit() {
        ProviderSetup setup = setup("o", Map.of("switchboard.providers.o.type", "ollama",
                "switchboard.providers.o.fetch-images-max-size", "0"));
        assertThatThrownBy(() -> new OllamaProviderFactory().create(setup))
                .hasMessageStartingWith("switchboard.providers.o.fetch-images-max-size:");
    }
}
