package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.assertj.core.api.ThrowingConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.SmallRyeConfig;
import io.switchboard.gateway.spi.ProviderFactory;
import io.switchboard.providers.anthropic.AnthropicProviderFactory;
import io.switchboard.providers.azure.AzureProviderFactory;
import io.switchboard.providers.gemini.GeminiProviderFactory;
import io.switchboard.providers.mistral.MistralProviderFactory;
import io.switchboard.providers.mock.MockProviderFactory;
import io.switchboard.providers.ollama.OllamaProviderFactory;
import io.switchboard.providers.openai.OpenAiProviderFactory;
import io.switchboard.providers.vllm.VllmProviderFactory;
import io.switchboard.testsupport.TestConfig;
import io.vertx.core.Vertx;

/** A bad configuration stops start-up with a message naming the key. */
class ProviderRegistryTest {

    static final Vertx VERTX = Vertx.vertx();

    @AfterAll
    static void close() {
        VERTX.close();
    }

    static SmallRyeConfig config(Map<String, String> properties) {
        return TestConfig.load(properties, Map.of());
    }

    static ProviderRegistry registry(Map<String, String> properties) {
        List<ProviderFactory> factories = List.of(new MockProviderFactory());
        return new ProviderRegistry(config(properties), factories, VERTX, new ObjectMapper());
    }

    /** The problems a start-up failure names, one line per bad key. */
    static List<String> problems(Throwable failure) {
        ConfigValidationException problems = (ConfigValidationException) failure;
        return IntStream.range(0, problems.getProblemCount()).mapToObj(i -> problems.getProblem(i).getMessage())
                .toList();
    }

    /** That a start-up failure names exactly {@code problems}, in this order. */
    static ThrowingConsumer<Throwable> naming(String... problems) {
        return failure -> assertThat(problems(failure)).containsExactly(problems);
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
                .satisfies(naming("switchboard.providers.a.model: contains a line or paragraph separator (U+2028)"));
        String longName = "p".repeat(65);
        assertThatThrownBy(() -> registry(Map.of("switchboard.providers." + longName + ".type", "mock",
                "switchboard.default-provider", longName)))
                .hasMessageContaining("\tswitchboard.providers.p").hasMessageEndingWith(": longer than 64 characters");
        assertThatThrownBy(() -> registry(Map.of("switchboard.providers.a.type", "mock",
                "switchboard.default-provider", "a", "switchboard.routes.r.targets", "a/big\u202Ex")))
                .satisfies(
                        naming("switchboard.routes.r.targets[0].model: contains an invisible formatting character (U+202E)"));
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
        properties.put("switchboard.routes.r.top-p", "0.9");
        properties.put("switchboard.routes.r.tools", "[{\"name\":\"get_time\"}]");
        io.switchboard.core.route.Route route = registry(properties).configRoutes().get("r");
        assertThat(route.targets()).containsExactly(new io.switchboard.core.route.RouteTarget("a", "Qwen/Qwen3-8B"),
                new io.switchboard.core.route.RouteTarget("b", null));
        assertThat(route.strategy()).isEqualTo(io.switchboard.core.route.RouteStrategy.WEIGHTED);
        assertThat(route.weights()).containsExactly(3, 1);
        assertThat(route.contextOverflowTargets()).extracting(Object::toString).containsExactly("b/big");
        assertThat(route.defaults().thinkingBudget()).isEqualTo(1024);
        assertThat(route.defaults().topP()).isEqualTo(0.9);
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
    void should_name_the_key_of_a_route_top_p_out_of_range() {
        assertThatThrownBy(() -> registry(Map.of("switchboard.providers.a.type", "mock",
                "switchboard.default-provider", "a", "switchboard.routes.r.targets", "a",
                "switchboard.routes.r.top-p", "1.5")))
                .hasMessageContaining("switchboard.routes.r.top-p: must be greater than 0 and at most 1");
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

    /** The application's factories, each reading its own key groups. */
    static ProviderRegistry withEveryType(Map<String, String> properties, Map<String, String> env) {
        List<ProviderFactory> factories = List.of(new MockProviderFactory(), new OpenAiProviderFactory(),
                new AzureProviderFactory(), new VllmProviderFactory(), new AnthropicProviderFactory(),
                new GeminiProviderFactory(), new MistralProviderFactory(), new OllamaProviderFactory());
        return new ProviderRegistry(TestConfig.load(properties, env), factories, VERTX, new ObjectMapper());
    }

    @Test
    void should_refuse_a_key_of_another_type_naming_it() {
        assertThatThrownBy(() -> withEveryType(Map.of("switchboard.providers.chat.type", "openai",
                "switchboard.providers.chat.api-key", "k", "switchboard.providers.chat.model", "gpt-4o",
                "switchboard.providers.chat.keep-alive", "5m",
                "switchboard.default-provider", "chat"), Map.of()))
                .satisfies(naming("switchboard.providers.chat.keep-alive: not a key of type openai (only of ollama)"));
        assertThatThrownBy(() -> withEveryType(Map.of("switchboard.providers.m.type", "mistral",
                "switchboard.providers.m.api-key", "k", "switchboard.providers.m.extra-body.top_k", "5",
                "switchboard.default-provider", "m"), Map.of()))
                .satisfies(naming("switchboard.providers.m.extra-body.top_k: not a key of type mistral (only of azure, openai,"
                        + " vllm)"));
        assertThatThrownBy(() -> withEveryType(Map.of("switchboard.providers.m.type", "mistral",
                "switchboard.providers.m.api-key", "k", "switchboard.default-provider", "m"),
                Map.of("SWITCHBOARD_PROVIDERS_M_KEEP_ALIVE", "5m")))
                .satisfies(naming("switchboard.providers.m.keep-alive: not a key of type mistral (only of ollama)"));
    }

    @Test
    void should_accept_the_keys_of_a_group_its_type_shares() {
        ProviderRegistry registry = withEveryType(Map.of("switchboard.providers.az.type", "azure",
                "switchboard.providers.az.base-url", "https://example.openai.azure.com",
                "switchboard.providers.az.api-key", "k", "switchboard.providers.az.model", "deployment",
                "switchboard.providers.az.api-version", "2025-01-01", "switchboard.providers.az.extra-body.seed", "7",
                "switchboard.providers.local.type", "vllm", "switchboard.providers.local.model", "m",
                "switchboard.providers.local.include-stream-usage", "false", "switchboard.default-provider", "az"),
                Map.of());

        assertThat(registry.provider("az").type()).isEqualTo("azure");
        assertThat(registry.provider("local").type()).isEqualTo("vllm");
    }

    @Test
    void should_ask_for_the_type_of_a_provider_given_only_keys_of_a_type() {
        assertThatThrownBy(() -> withEveryType(Map.of("switchboard.providers.mock.type", "mock",
                "switchboard.providers.olama.keep-alive", "5m", "switchboard.default-provider", "mock"), Map.of()))
                .satisfies(naming("switchboard.providers.olama.type: required (olama sets keep-alive)"));
    }

    @Test
    void should_name_every_bad_key_at_once() {
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        properties.put("switchboard.providers.chat.type", "openai");
        properties.put("switchboard.providers.chat.api-key", "k");
        properties.put("switchboard.providers.chat.model", "gpt-4o");
        properties.put("switchboard.providers.chat.keep-alive", "5m");
        properties.put("switchboard.providers.x.type", "gpt-magic");
        properties.put("switchboard.providers.claude.type", "anthropic");
        properties.put("switchboard.routes.r.targets", "chat");
        properties.put("switchboard.routes.r.strategy", "random");
        properties.put("switchboard.default-provider", "missing");

        assertThatThrownBy(() -> withEveryType(properties, Map.of())).satisfies(failure -> assertThat(problems(failure))
                .containsExactlyInAnyOrder("switchboard.providers.chat.keep-alive: not a key of type openai (only of ollama)",
                        "switchboard.providers.x.type: unknown type \"gpt-magic\" (known: [anthropic, azure, gemini, mistral,"
                                + " mock, ollama, openai, vllm])",
                        "switchboard.providers.claude.api-key: required for type anthropic",
                        "switchboard.routes.r.strategy: unknown strategy \"random\" (known: fallback, weighted, least-busy, latency)",
                        "switchboard.default-provider: \"missing\" is neither a configured provider nor a route (providers: "
                                + "[chat, claude, x], routes: [r])"));
    }
}
