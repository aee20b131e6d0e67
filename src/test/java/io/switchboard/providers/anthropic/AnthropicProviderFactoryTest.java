package io.switchboard.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.config.SwitchboardConfig.ProviderConfig;
import io.switchboard.core.spi.Provider;
import io.switchboard.core.spi.ProviderSetup;
import io.vertx.core.Vertx;

class AnthropicProviderFactoryTest {

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    /** A ProviderConfig with the mapping's defaults, except the given keys (method name -> value). */
    private static ProviderConfig config(Map<String, Object> values) {
        return (ProviderConfig) Proxy.newProxyInstance(ProviderConfig.class.getClassLoader(),
                new Class<?>[] { ProviderConfig.class }, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    return switch (method.getName()) {
                        case "type" -> "anthropic";
                        case "thinkingType" -> "enabled";
                        case "promptCaching" -> true;
                        case "connectTimeout", "timeout", "idleTimeout" -> Duration.ofSeconds(10);
                        case "headers", "extraBody" -> Map.of();
                        case "thinkTagNames" -> List.of("think");
                        case "maxResponseSize", "maxLineSize" -> new io.quarkus.runtime.configuration.MemorySize(
                                java.math.BigInteger.valueOf(1 << 20));
                        case "toString" -> "config";
                        case "hashCode" -> 0;
                        default -> method.getReturnType() == Optional.class ? Optional.empty()
                                : method.getReturnType() == boolean.class ? false : null;
                    };
                });
    }

    private static Provider create(Map<String, Object> values) {
        return new AnthropicProviderFactory()
                .create(new ProviderSetup("claude", config(values), vertx, new ObjectMapper()));
    }

    @Test
    void should_refuse_to_start_without_an_api_key() {
        assertThatThrownBy(() -> create(Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("switchboard.providers.claude.api-key: required for type anthropic");
    }

    @Test
    void should_refuse_an_unknown_thinking_type_naming_the_key() {
        Map<String, Object> values = new HashMap<>();
        values.put("apiKey", Optional.of("k"));
        values.put("thinkingType", "always");
        assertThatThrownBy(() -> create(values)).hasMessageStartingWith("switchboard.providers.claude.thinking-type:");
    }

    @Test
    void should_build_a_provider_with_the_configured_model() {
        Provider provider = create(Map.of("apiKey", Optional.of("k"), "model", Optional.of("claude-sonnet-4-5")));
        assertThat(provider.type()).isEqualTo("anthropic");
        assertThat(provider.name()).isEqualTo("claude");
        assertThat(provider.defaultModel()).isEqualTo("claude-sonnet-4-5");
        assertThat(provider.capabilities().vision()).isTrue();
    }
}
