package io.switchboard.deploy;

import static io.switchboard.deploy.Kustomize.object;
import static io.switchboard.deploy.Manifests.at;
import static io.switchboard.deploy.Manifests.list;
import static io.switchboard.deploy.Manifests.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.switchboard.api.GatewayAuth;

/**
 * The {@code k8s/redis/} overlay as kustomize renders it: the base plus a Redis whose Service reaches its pod,
 * and the gateway's environment pointing the Redis store at that Service, with the admin API's keys from a
 * Secret.
 */
class RedisOverlayTest {

    static final Path OVERLAY = Manifests.K8S.resolve("redis");

    static List<Map<String, Object>> rendered;

    @BeforeAll
    static void render() {
        rendered = Kustomize.render(OVERLAY);
    }

    @Test
    void should_apply_every_object_of_the_base_and_a_redis() {
        List<Map<String, Object>> base = Kustomize.render(Manifests.BASE);

        assertThat(rendered).map(o -> o.get("kind") + "/" + at(o, "metadata", "name"))
                .containsAll(base.stream().map(o -> o.get("kind") + "/" + at(o, "metadata", "name")).toList())
                .contains("StatefulSet/switchboard-redis", "Service/switchboard-redis")
                .hasSize(base.size() + 2);
    }

    @Test
    void should_reach_the_redis_pod_through_its_service_and_keep_its_data() {
        Map<String, Object> statefulSet = object(rendered, "StatefulSet", "switchboard-redis");
        Map<String, Object> service = object(rendered, "Service", "switchboard-redis");
        Map<String, Object> podLabels = map(at(statefulSet, "spec", "template", "metadata", "labels"));
        assertThat(podLabels).containsAllEntriesOf(map(at(service, "spec", "selector")));
        Map<String, Object> container = map(list(at(statefulSet, "spec", "template", "spec", "containers")).get(0));
        Object portName = map(list(at(service, "spec", "ports")).get(0)).get("targetPort");
        assertThat(list(container.get("ports")).stream().map(p -> map(p).get("name"))).contains(portName);
        assertThat(list(container.get("args"))).contains("--appendonly", "yes");
        String mounted = (String) map(list(container.get("volumeMounts")).get(0)).get("name");
        assertThat(list(at(statefulSet, "spec", "volumeClaimTemplates")).stream()
                .map(t -> at(t, "metadata", "name"))).contains(mounted);
    }

    @Test
    void should_point_the_gateway_at_that_service_with_the_redis_store_and_admin_keys() {
        Map<String, Object> deployment = object(rendered, "Deployment", "switchboard");
        List<Object> containers = list(at(deployment, "spec", "template", "spec", "containers"));
        assertThat(containers).hasSize(1);
        Map<String, Map<String, Object>> env = list(map(containers.get(0)).get("env")).stream().map(Manifests::map)
                .collect(Collectors.toMap(e -> (String) e.get("name"), e -> e));

        assertThat(env.get("SWITCHBOARD_STORE_TYPE").get("value")).isEqualTo("redis");
        URI redis = URI.create((String) env.get("QUARKUS_REDIS_HOSTS").get("value"));
        Map<String, Object> service = object(rendered, "Service", "switchboard-redis");
        assertThat(redis.getScheme()).isEqualTo("redis");
        assertThat(redis.getHost()).isEqualTo(at(service, "metadata", "name"));
        assertThat(redis.getPort()).isEqualTo(map(list(at(service, "spec", "ports")).get(0)).get("port"));
        assertThat(at(env.get("SWITCHBOARD_AUTH_ADMIN_KEYS"), "valueFrom", "secretKeyRef", "key"))
                .isEqualTo("SWITCHBOARD_ADMIN_KEYS");
        assertThat(map(at(env.get("SWITCHBOARD_AUTH_ADMIN_KEYS"), "valueFrom", "secretKeyRef")))
                .doesNotContainKey("optional");
        // the patch adds to the base's environment: the provider and gateway keys are still there
        assertThat(env).containsKeys("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "SWITCHBOARD_GATEWAY_KEYS");
    }

    @Test
    void should_refuse_to_start_when_the_admin_secret_holds_no_keys() {
        Map<String, String> env = Map.of("OPENAI_API_KEY", "placeholder", "ANTHROPIC_API_KEY", "placeholder",
                "SWITCHBOARD_GATEWAY_KEYS", "placeholder", "SWITCHBOARD_AUTH_ADMIN_KEYS", "");

        assertThatThrownBy(() -> new GatewayAuth(DeployConfig.inPod(env)))
                .hasMessageContaining("\t" + "switchboard.auth.admin-keys: set in EnvConfigSource, but empty");
    }
}
