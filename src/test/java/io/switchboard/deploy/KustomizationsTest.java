package io.switchboard.deploy;

import static io.switchboard.deploy.Kustomize.object;
import static io.switchboard.deploy.Kustomize.ofKind;
import static io.switchboard.deploy.Manifests.at;
import static io.switchboard.deploy.Manifests.list;
import static io.switchboard.deploy.Manifests.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Every kustomization under k8s/ renders with a real kustomize ({@code kubectl apply -k
 *
<dir>
 * } would apply it):
 * the base, the Redis overlay beside it, and the monitoring. {@link RedisOverlayTest} looks into the overlay.
 */
class KustomizationsTest {

    static final Path MONITORING = Manifests.K8S.resolve("monitoring");

    @Test
    void should_render_every_kustomization_under_k8s_into_named_objects_of_switchboard() {
        List<Path> directories = Kustomize.directories();

        assertThat(directories).containsExactlyInAnyOrder(Manifests.BASE, RedisOverlayTest.OVERLAY, MONITORING);
        for (Path directory : directories) {
            List<Map<String, Object>> objects = Kustomize.render(directory);
            assertThat(objects).as(directory.toString()).isNotEmpty();
            for (Map<String, Object> object : objects) {
                String what = directory + ": " + object.get("kind");
                assertThat(object).as(what).containsKeys("apiVersion", "kind");
                assertThat(at(object, "metadata", "name")).as(what).isNotNull();
                assertThat(map(at(object, "metadata", "labels"))).as(what)
                        .containsEntry("app.kubernetes.io/part-of", "switchboard");
            }
        }
    }

    @Test
    void should_render_the_base_without_the_secret_example_and_mount_the_generated_configmap() {
        List<Map<String, Object>> objects = Kustomize.render(Manifests.BASE);

        assertThat(objects).map(o -> o.get("kind")).containsExactlyInAnyOrder("ConfigMap", "Service", "Deployment",
                "HorizontalPodAutoscaler", "PodDisruptionBudget");
        // the ConfigMap's name carries a hash of its content, and kustomize puts that name in the Deployment
        Map<String, Object> configMap = ofKind(objects, "ConfigMap").get(0);
        String name = (String) at(configMap, "metadata", "name");
        assertThat(name).startsWith("switchboard-config-");
        assertThat(map(configMap.get("data"))).containsKey("application.properties");
        List<Object> volumes = list(at(object(objects, "Deployment", "switchboard"), "spec", "template", "spec",
                "volumes"));
        assertThat(volumes).map(v -> map(v).get("configMap")).filteredOn(c -> c != null)
                .singleElement().extracting(c -> map(c).get("name")).isEqualTo(name);
    }

    @Test
    void should_render_the_monitoring_that_scrapes_the_base_service() {
        List<Map<String, Object>> objects = Kustomize.render(MONITORING);
        Map<String, Object> service = object(Kustomize.render(Manifests.BASE), "Service", "switchboard");

        assertThat(objects).map(o -> o.get("kind")).containsExactlyInAnyOrder("ServiceMonitor", "PrometheusRule",
                "ConfigMap");
        Map<String, Object> dashboard = object(objects, "ConfigMap", "switchboard-dashboard");
        assertThat(map(at(dashboard, "metadata", "labels"))).containsEntry("grafana_dashboard", "1");
        assertThat(map(dashboard.get("data"))).containsKey("switchboard-dashboard.json");
        Map<String, Object> monitor = object(objects, "ServiceMonitor", "switchboard");
        assertThat(map(at(service, "metadata", "labels")))
                .containsAllEntriesOf(map(at(monitor, "spec", "selector", "matchLabels")));
        Map<String, Object> endpoint = map(list(at(monitor, "spec", "endpoints")).get(0));
        assertThat(list(at(service, "spec", "ports"))).map(p -> map(p).get("name")).contains(endpoint.get("port"));
        assertThat(endpoint.get("path")).isEqualTo("/q/metrics");
    }
}
