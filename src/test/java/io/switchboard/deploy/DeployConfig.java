package io.switchboard.deploy;

import java.util.Map;

import io.smallrye.config.SmallRyeConfig;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.testsupport.TestConfig;

/**
 * Builds {@link SwitchboardConfig} from the deployment's own files (the image's built-in properties, the
 * ConfigMap's) and environment variables, the way the pod reads them.
 */
final class DeployConfig {

    private DeployConfig() {
    }

    static SmallRyeConfig build(Map<String, String> properties, Map<String, String> env) {
        return TestConfig.load(properties, env);
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
