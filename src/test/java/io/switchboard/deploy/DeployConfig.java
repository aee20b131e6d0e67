package io.switchboard.deploy;

import java.time.Duration;
import java.util.Map;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.switchboard.config.SwitchboardConfig;

/**
 * Builds {@link SwitchboardConfig} the way Quarkus does at start-up (same mapping, same Duration and
 * MemorySize converters, unknown {@code switchboard.*} keys rejected), from given properties and
 * environment variables, without starting the application.
 */
final class DeployConfig {

    private DeployConfig() {
    }

    static SmallRyeConfig build(Map<String, String> properties, Map<String, String> env) {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, "application.properties", 260))
                .withSources(new EnvConfigSource(env, 300))
                .withConverter(Duration.class, 100, new DurationConverter())
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withMapping(SwitchboardConfig.class)
                .withMappingIgnore("quarkus.**")
                .build();
    }

    /** The image's built-in application.properties overridden by the ConfigMap's, as in the pod. */
    static SmallRyeConfig inPod(Map<String, String> env) {
        Map<String, String> merged = new java.util.HashMap<>(toMap(Manifests.builtInProperties()));
        merged.putAll(toMap(Manifests.configMapProperties()));
        return build(merged, env);
    }

    static Map<String, String> toMap(java.util.Properties properties) {
        Map<String, String> map = new java.util.HashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }

    static SwitchboardConfig switchboard(Map<String, String> properties, Map<String, String> env) {
        return build(properties, env).getConfigMapping(SwitchboardConfig.class);
    }
}
