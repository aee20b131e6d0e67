package io.switchboard.testsupport;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.config.SwitchboardConfig.ProviderConfig;
import io.switchboard.gateway.spi.ProviderSetup;
import io.switchboard.providers.anthropic.AnthropicConfig;
import io.switchboard.providers.azure.AzureConfig;
import io.switchboard.providers.gemini.GeminiConfig;
import io.switchboard.providers.mock.EmbeddedMock;
import io.switchboard.providers.mock.MockConfig;
import io.switchboard.providers.ollama.OllamaConfig;
import io.switchboard.providers.openai.OpenAiConfig;
import io.switchboard.providers.openai.responses.OpenAiResponsesConfig;
import io.vertx.core.Vertx;

/**
 * The one way tests build configuration: properties under the keys the application reads, read
 * through its own mapping (same converters, same defaults, unknown {@code switchboard.*} keys
 * rejected) — as a test profile's overrides ({@link #properties()}), a whole {@link SwitchboardConfig} (with the
 * provider types' own key groups: {@link #source()}), or one provider's {@link ProviderConfig} and
 * {@link ProviderSetup}.
 *
 * <pre>
 * TestConfig.provider("m", "mistral").with("api-key", "k").setup()
 * </pre>
 */
public final class TestConfig {

    private final Map<String, String> properties = new LinkedHashMap<>();
    private String provider;

    private TestConfig() {
    }

    /** Empty: only what {@link #set} adds. */
    public static TestConfig empty() {
        return new TestConfig();
    }

    /** A provider {@code name} of {@code type}; {@link #with} then sets its keys. */
    public static TestConfig provider(String name, String type) {
        return new TestConfig().andProvider(name, type);
    }

    /** Another provider; {@link #with} now sets its keys. */
    public TestConfig andProvider(String name, String type) {
        provider = name;
        return with("type", type);
    }

    /**
     * {@code switchboard.providers.<provider>.<key>}: a list is written comma-separated, a map as one key per
     * entry ({@code <key>.<entry>}).
     */
    public TestConfig with(String key, Object value) {
        if (provider == null) {
            throw new IllegalStateException("name a provider first");
        }
        return set("switchboard.providers." + provider + "." + key, value);
    }

    /**
     * The provider calls the shared {@link FakeUpstream} (its URL plus {@code path}) with the key the
     * tests' fake expects.
     */
    public TestConfig onFakeUpstream(String path) {
        return with("base-url", "${fake-upstream.url}" + path).with("api-key", "test-key");
    }

    /** {@link #with} for each entry. */
    public TestConfig with(Map<String, ?> values) {
        values.forEach(this::with);
        return this;
    }

    /** Any key, spelled in full. */
    public TestConfig set(String key, Object value) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((entry, entryValue) -> set(key + "." + entry, entryValue));
        } else if (value instanceof Collection<?> list) {
            properties.put(key, list.stream().map(String::valueOf).collect(Collectors.joining(",")));
        } else {
            properties.put(key, String.valueOf(value));
        }
        return this;
    }

    /** Every key set so far, for a test profile's {@code getConfigOverrides()}. */
    public Map<String, String> properties() {
        return Map.copyOf(properties);
    }

    /** The configuration the application would read from these properties: every mapping of it. */
    public SmallRyeConfig source() {
        return load(properties, Map.of());
    }

    /** The configuration the application would read from these properties. */
    public SwitchboardConfig switchboard() {
        return source().getConfigMapping(SwitchboardConfig.class);
    }

    /** The last named provider's configuration. */
    public ProviderConfig providerConfig() {
        return switchboard().providers().get(provider);
    }

    /** What a factory gets to build the last named provider, on a Vert.x shared by the tests that need one. */
    public ProviderSetup setup() {
        SmallRyeConfig source = source();
        return new ProviderSetup(provider, source.getConfigMapping(SwitchboardConfig.class).providers().get(provider),
                source, SharedVertx.INSTANCE, new ObjectMapper());
    }

    /** Made at first use and left to the end of the test run: a provider built here never calls out. */
    private static final class SharedVertx {
        static final Vertx INSTANCE = Vertx.vertx();
    }

    /**
     * Reads {@link SwitchboardConfig} the way Quarkus does at start-up, from properties and environment
     * variables (which win, as in a pod), without starting the application.
     */
    public static SmallRyeConfig load(Map<String, String> properties, Map<String, String> env) {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new EmbeddedMock())
                .withSources(new PropertiesConfigSource(properties, "application.properties", 260))
                .withSources(new EnvConfigSource(env, 300))
                .withConverter(Duration.class, 100, new DurationConverter())
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withMapping(SwitchboardConfig.class)
                .withMapping(OpenAiConfig.class)
                .withMapping(OpenAiResponsesConfig.class)
                .withMapping(AzureConfig.class)
                .withMapping(AnthropicConfig.class)
                .withMapping(GeminiConfig.class)
                .withMapping(OllamaConfig.class)
                .withMapping(MockConfig.class)
                .withMappingIgnore("quarkus.**")
                .build();
    }
}
