package io.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.switchboard.core.spi.ProviderFactory;
import io.switchboard.providers.mock.MockProviderFactory;
import io.vertx.core.Vertx;

/** A bad configuration stops start-up with a message naming the key. */
class ProviderRegistryTest {

    static final Vertx VERTX = Vertx.vertx();

    @AfterAll
    static void close() {
        VERTX.close();
    }

    static SwitchboardConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(SwitchboardConfig.class)
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withConverter(java.time.Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
        return config.getConfigMapping(SwitchboardConfig.class);
    }

    static ProviderRegistry registry(Map<String, String> properties) {
        List<ProviderFactory> factories = List.of(new MockProviderFactory());
        return new ProviderRegistry(config(properties), factories, VERTX, new ObjectMapper());
    }

    @Test
    void should_build_the_configured_providers_and_routes() {
        ProviderRegistry registry = registry(Map.of("switchboard.providers.a.type", "mock",
                "switchboard.providers.b.type", "mock", "switchboard.default-provider", "r",
                "switchboard.routes.r.targets", "a,b"));
        assertThat(registry.provider("a").type()).isEqualTo("mock");
        assertThat(registry.routeTargets()).containsEntry("r", List.of("a", "b"));
        assertThat(registry.defaultName()).isEqualTo("r");
    }

    @Test
    void should_name_the_key_of_an_unknown_type() {
        assertThatThrownBy(() -> registry(Map.of("switchboard.providers.x.type", "gpt-magic",
                "switchboard.default-provider", "x")))
                .hasMessageContaining("switchboard.providers.x.type").hasMessageContaining("gpt-magic");
    }

    @Test
    void should_name_the_key_of_a_default_that_does_not_exist() {
        assertThatThrownBy(() -> registry(Map.of("switchboard.providers.a.type", "mock",
                "switchboard.default-provider", "missing")))
                .hasMessageContaining("switchboard.default-provider").hasMessageContaining("missing");
    }

    @Test
    void should_name_the_key_of_a_route_to_an_unknown_provider() {
        assertThatThrownBy(() -> registry(Map.of("switchboard.providers.a.type", "mock",
                "switchboard.default-provider", "a", "switchboard.routes.r.targets", "a,ghost")))
                .hasMessageContaining("switchboard.routes.r.targets").hasMessageContaining("ghost");
    }

    @Test
    void should_name_the_key_of_a_route_that_shadows_a_provider() {
        assertThatThrownBy(() -> registry(Map.of("switchboard.providers.a.type", "mock",
                "switchboard.default-provider", "a", "switchboard.routes.a.targets", "a")))
                .hasMessageContaining("switchboard.routes.a");
    }

    @Test
    void should_name_the_key_of_invalid_route_tools() {
        assertThatThrownBy(() -> registry(Map.of("switchboard.providers.a.type", "mock",
                "switchboard.default-provider", "a", "switchboard.routes.r.targets", "a",
                "switchboard.routes.r.tools", "{not json")))
                .hasMessageContaining("switchboard.routes.r.tools");
    }

    @Test
    void should_name_the_key_of_a_broken_mock_script() {
        assertThatThrownBy(() -> registry(Map.of("switchboard.providers.m.type", "mock",
                "switchboard.default-provider", "m", "switchboard.providers.m.responses[0]", "{\"content\": ")))
                .hasMessageContaining("switchboard.providers.m.responses[0]");
    }

    @Test
    void should_fail_when_type_is_missing() {
        assertThatThrownBy(() -> config(Map.of("switchboard.providers.a.model", "x")))
                .hasMessageContaining("switchboard.providers.a.type");
    }
}
