package io.switchboard.providers.openai;

import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.switchboard.config.SwitchboardConfig.ProviderConfig;

/**
 * A {@link ProviderConfig} for unit tests: the given values by method name, else the defaults
 * the config mapping declares (Optional keys empty).
 */
final class TestProviderConfig {

    private static final Map<String, Object> DEFAULTS = Map.ofEntries(
            Map.entry("type", "openai"),
            Map.entry("includeStreamUsage", true),
            Map.entry("thinkTagNames", List.of("think")),
            Map.entry("thinkStartsOpen", false),
            Map.entry("apiVersion", "2024-12-01-preview"),
            Map.entry("useMaxCompletionTokens", false),
            Map.entry("echoReasoningContent", false),
            Map.entry("connectTimeout", Duration.ofSeconds(10)),
            Map.entry("timeout", Duration.ofSeconds(120)),
            Map.entry("idleTimeout", Duration.ofSeconds(60)),
            Map.entry("maxResponseSize", new MemorySize(BigInteger.valueOf(16L << 20))),
            Map.entry("maxLineSize", new MemorySize(BigInteger.valueOf(4L << 20))));

    private TestProviderConfig() {
    }

    static ProviderConfig of(Map<String, Object> values) {
        Map<String, Object> all = new HashMap<>(DEFAULTS);
        all.putAll(values);
        return (ProviderConfig) Proxy.newProxyInstance(ProviderConfig.class.getClassLoader(),
                new Class<?>[] { ProviderConfig.class }, (proxy, method, args) -> {
                    String name = method.getName();
                    Class<?> type = method.getReturnType();
                    Object value = all.get(name);
                    if (type == Optional.class) {
                        return Optional.ofNullable(value);
                    }
                    if (value != null) {
                        return value;
                    }
                    if (type == Map.class) {
                        return Map.of();
                    }
                    if (type == boolean.class) {
                        return false;
                    }
                    if (name.equals("toString")) {
                        return "TestProviderConfig";
                    }
                    throw new UnsupportedOperationException(name);
                });
    }
}
