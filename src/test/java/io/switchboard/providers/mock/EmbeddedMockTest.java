package io.switchboard.providers.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.switchboard.config.SwitchboardConfig;
import io.switchboard.testsupport.TestConfig;

/** The built-in mock is configured exactly when nothing else names a provider, wherever that is written. */
class EmbeddedMockTest {

    /** The providers the application would serve, and the mock's type and model when it is one of them. */
    static Map<String, String> providers(Map<String, String> properties, Map<String, String> env) {
        Map<String, String> types = new TreeMap<>();
        TestConfig.load(properties, env).getConfigMapping(SwitchboardConfig.class).providers().forEach(
                (name, provider) -> types.put(name, provider.type() + "/" + provider.model().orElse("-")));
        return types;
    }

    @Test
    void should_configure_the_mock_when_no_provider_is_configured() {
        assertThat(providers(Map.of("switchboard.auth.open", "true"), Map.of()))
                .isEqualTo(Map.of("mock", "mock/mock-1"));
        assertThat(providers(Map.of("%dev.switchboard.providers.local.type", "ollama"), Map.of()))
                .as("a provider of another profile").isEqualTo(Map.of("mock", "mock/mock-1"));
    }

    @Test
    void should_leave_the_mock_out_when_a_provider_is_configured_anywhere() {
        assertThat(providers(Map.of("switchboard.providers.openai.type", "openai"), Map.of()).keySet())
                .isEqualTo(Set.of("openai"));
        assertThat(providers(Map.of(), Map.of("SWITCHBOARD_PROVIDERS_OPENAI_TYPE", "openai")).keySet())
                .isEqualTo(Set.of("openai"));
    }

    @Test
    void should_keep_a_mock_enabled_explicitly() {
        assertThat(providers(Map.of("switchboard.providers.mock.type", "mock", "switchboard.providers.openai.type",
                "openai"), Map.of())).isEqualTo(Map.of("mock", "mock/-", "openai", "openai/-"));
    }
}
