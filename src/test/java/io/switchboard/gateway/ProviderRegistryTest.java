package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.config.SwitchboardConfig;
import io.switchboard.gateway.spi.ProviderFactory;
import io.switchboard.providers.mock.MockProviderFactory;
import io.switchboard.testsupport.TestConfig;
import io.vertx.core.Vertx;

/** A bad configuration stops start-up with a message naming the key. */
class ProviderRegistryTest {

    static final Vertx VERTX = Vertx.vertx();

    @AfterAll
    static void close() {
        VERTX.close();
    }

    static SwitchboardConfig config(Map<String, String> properties) {
        return TestConfig.load(properties, Map.of()).getConfigMapping(SwitchboardConfig.class);
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
        assertThat(registry.configRoutes().get("r").targetNames()).containsExactly("a", "b");
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
    void should_name_the_key_of_a_name_or_model_no_request_could_use() {
        assertThatThrownBy(() -> registry(Map.of("switchboard.providers.a.type", "mock",
                "switchboard.providers.a.model", "gpt\u20284o", "switchboard.default-provider", "a")))
                .hasMessage("switchboard.providers.a.model: contains a line or paragraph separator (U+2028)");
        String longName = "p".repeat(65);
        assertThatThrownBy(() -> registry(Map.of("switchboard.providers." + longName + ".type", "mock",
                "switchboard.default-provider", longName)))
                .hasMessageStartingWith("switchboard.providers.p").hasMessageEndingWith(": longer than 64 characters");
        assertThatThrownBy(() -> registry(Map.of("switchboard.providers.a.type", "mock",
                "switchboard.default-provider", "a", "switchboard.routes.r.targets", "a/big\u202Ex")))
                .hasMessage("switchboard.routes.r.targets[0].model: contains an invisible formatting character (U+202E)");
    }

    @Test
    void should_name_the_key_of_invalid_route_tools() {
        assertThatThrownBy(() -> registry(Map.of("switchboard.providers.a.type", "mock",
                "switchboard.default-provider", "a", "switchboard.routes.r.targets", "a",
                "switchboard.routes.r.tools", "{not json")))
                .hasMessageContaining("switchboard.routes.r.tools");
    }

    @Test
    void should_build_route_targets_with_models_strategy_and_defaults() {
        Map<String, String> properties = new java.util.HashMap<>(Map.of("switchboard.providers.a.type", "mock",
                "switchboard.providers.b.type", "mock", "switchboard.default-provider", "a",
                "switchboard.routes.r.targets", "a/Qwen/Qwen3-8B,b", "switchboard.routes.r.strategy", "weighted",
                "switchboard.routes.r.weights", "3,1", "switchboard.routes.r.context-overflow-targets", "b/big",
                "switchboard.routes.r.thinking-budget", "1024", "switchboard.routes.r.muted", "true"));
        properties.put("switchboard.routes.r.tools", "[{\"name\":\"get_time\"}]");
        io.switchboard.core.route.Route route = registry(properties).configRoutes().get("r");
        assertThat(route.targets()).containsExactly(new io.switchboard.core.route.RouteTarget("a", "Qwen/Qwen3-8B"),
                new io.switchboard.core.route.RouteTarget("b", null));
        assertThat(route.strategy()).isEqualTo(io.switchboard.core.route.RouteStrategy.WEIGHTED);
        assertThat(route.weights()).containsExactly(3, 1);
        assertThat(route.contextOverflowTargets()).extracting(Object::toString).containsExactly("b/big");
        assertThat(route.defaults().thinkingBudget()).isEqualTo(1024);
        assertThat(route.defaults().tools()).extracting(io.switchboard.core.model.AITool::name).containsExactly("get_time");
        assertThat(route.muted()).isTrue();
        assertThat(route.origin()).isEqualTo("config");
    }

    @Test
    void should_name_the_key_of_weights_that_do_not_match_the_targets() {
        assertThatThrownBy(() -> registry(Map.of("switchboard.providers.a.type", "mock",
                "switchboard.default-provider", "a", "switchboard.routes.r.targets", "a",
                "switchboard.routes.r.strategy", "weighted", "switchboard.routes.r.weights", "1,2")))
                .hasMessageContaining("switchboard.routes.r.weights");
    }

    @Test
    void should_name_the_key_of_an_unknown_strategy() {
        assertThatThrownBy(() -> registry(Map.of("switchboard.providers.a.type", "mock",
                "switchboard.default-provider", "a", "switchboard.routes.r.targets", "a",
                "switchboard.routes.r.strategy", "random")))
                .hasMessageContaining("switchboard.routes.r.strategy").hasMessageContaining("random");
    }

    @Test
    void should_name_the_key_of_an_overflow_target_that_does_not_exist() {
        assertThatThrownBy(() -> registry(Map.of("switchboard.providers.a.type", "mock",
                "switchboard.default-provider", "a", "switchboard.routes.r.targets", "a",
                "switchboard.routes.r.context-overflow-targets", "ghost/big")))
                .hasMessageContaining("switchboard.routes.r.context-overflow-targets[0]").hasMessageContaining("ghost");
    }

    @Test
    void should_name_the_key_of_a_route_temperature_out_of_range() {
        assertThatThrownBy(() -> registry(Map.of("switchboard.providers.a.type", "mock",
                "switchboard.default-provider", "a", "switchboard.routes.r.targets", "a",
                "switchboard.routes.r.temperature", "3")))
                .hasMessageContaining("switchboard.routes.r.temperature: must be between 0 and 2");
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
