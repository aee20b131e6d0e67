package io.switchboard.providers.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, true", "10.1.2.3, true", "172.16.0.1, true", "192.168.1.1, true", "169.254.169.254, true",
            "100.64.0.1, true", "0.0.0.0, true", "::1, true", "fd00::1, true", "fe80::1, true",
            "93.184.216.34, false", "2606:2800:220:1:248:1893:25c8:1946, false"
    })
    void should_classify_internal_addresses(String address, boolean internal) throws Exception {
        assertThat(OllamaImageFetcher.isInternal(InetAddress.getByName(address))).isEqualTo(internal);
    }
}
