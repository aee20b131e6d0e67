package io.switchboard.providers.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The built-in mock is configured exactly when nothing else names a provider, wherever that is written. */
class EmbeddedMockTest {

    static Optional<String> mockType(Map<String, String> properties, Map<String, String> env, String profile) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors().withProfile(profile)
                .withSources(new PropertiesConfigSource(properties, "application.properties", 250))
                .withSources(new EnvConfigSource(env, 300)).withSources(new EmbeddedMock()).build();
        return config.getOptionalValue("switchboard.providers.mock.type", String.class);
    }

    @Test
    void should_configure_the_mock_when_no_provider_is_configured() {
        assertThat(mockType(Map.of("switchboard.auth.open", "true"), Map.of(), "prod")).contains("mock");
        assertThat(mockType(Map.of("%dev.switchboard.providers.local.type", "ollama"), Map.of(), "prod"))
                .as("a provider of another profile").contains("mock");
    }

    @Test
    void should_leave_the_mock_out_when_a_provider_is_configured_anywhere() {
        assertThat(mockType(Map.of("switchboard.providers.openai.type", "openai"), Map.of(), "prod")).isEmpty();
        assertThat(mockType(Map.of(), Map.of("SWITCHBOARD_PROVIDERS_OPENAI_TYPE", "openai"), "prod")).isEmpty();
        assertThat(mockType(Map.of("%prod.switchboard.providers.openai.type", "openai"), Map.of(), "prod")).isEmpty();
    }

    @Test
    void should_keep_a_mock_enabled_explicitly() {
        assertThat(mockType(Map.of("switchboard.providers.mock.type", "mock", "switchboard.providers.openai.type",
                "openai"), Map.of(), "prod")).contains("mock");
    }
}
