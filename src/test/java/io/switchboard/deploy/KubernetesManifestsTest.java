package io.switchboard.deploy;

import static io.switchboard.deploy.Manifests.at;
import static io.switchboard.deploy.Manifests.container;
import static io.switchboard.deploy.Manifests.kind;
import static io.switchboard.deploy.Manifests.list;
import static io.switchboard.deploy.Manifests.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The base's manifests (k8s/base/) parse, and refer to each other consistently (no cluster needed). */
class KubernetesManifestsTest {

    @Test
    void should_parse_every_manifest_into_named_objects() {
        Map<Path, List<Map<String, Object>>> files = Manifests.k8sFiles();

        assertThat(files.values().stream().flatMap(List::stream).map(d -> d.get("kind")))
                .containsExactlyInAnyOrder("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget",
                        "Secret", "Kustomization");
        files.forEach((path, documents) -> {
            assertThat(documents).as(path.toString()).isNotEmpty();
            for (Map<String, Object> document : documents) {
                assertThat(document).as(path.toString()).containsKeys("apiVersion", "kind");
                if (!"Kustomization".equals(document.get("kind"))) {
                    assertThat(at(document, "metadata", "name")).as(path + " metadata.name").isNotNull();
                }
            }
        });
    }

    @Test
    void should_list_every_manifest_in_the_kustomization_except_the_secret_example() {
        Map<String, Object> kustomization = kind("Kustomization");
        Set<String> resources = list(kustomization.get("resources")).stream().map(String::valueOf)
                .collect(Collectors.toSet());
        Set<String> manifests = Manifests.k8sFiles().keySet().stream().map(p -> p.getFileName().toString())
                .filter(name -> !name.equals("kustomization.yaml")).collect(Collectors.toSet());

        assertThat(resources).allMatch(r -> Files.exists(Manifests.BASE.resolve(r)), "exists in k8s/base/");
        // the example must never be applied over the real keys
        assertThat(resources).doesNotContain("secret.example.yaml");
        assertThat(manifests).containsExactlyInAnyOrderElementsOf(
                concat(resources, "secret.example.yaml"));
    }

    @Test
    void should_generate_the_configmap_the_deployment_mounts_from_application_properties() {
        Map<String, Object> generator = map(list(kind("Kustomization").get("configMapGenerator")).get(0));
        List<Object> volumes = list(at(kind("Deployment"), "spec", "template", "spec", "volumes"));
        Map<String, Object> configVolume = volumes.stream().map(Manifests::map)
                .filter(v -> v.containsKey("configMap")).findFirst().orElseThrow();
        Map<String, Object> mount = list(container().get("volumeMounts")).stream().map(Manifests::map)
                .filter(m -> m.get("name").equals(configVolume.get("name"))).findFirst().orElseThrow();

        assertThat(list(generator.get("files"))).containsExactly("application.properties");
        assertThat(Manifests.BASE.resolve("application.properties")).exists();
        assertThat(at(configVolume, "configMap", "name")).isEqualTo(generator.get("name"));
        // Quarkus reads config/application.properties under the working directory the Dockerfile sets
        assertThat(mount.get("mountPath")).isEqualTo(DockerfileTest.workdir(DockerfileTest.JVM) + "/config");
    }

    @Test
    void should_run_two_replicas_with_requests_limits_and_a_locked_down_container() {
        Map<String, Object> deployment = kind("Deployment");
        Map<String, Object> container = container();
        Map<String, Object> podSecurity = map(at(deployment, "spec", "template", "spec", "securityContext"));
        Map<String, Object> security = map(container.get("securityContext"));

        assertThat(at(deployment, "spec", "replicas")).isEqualTo(2);
        assertThat(map(at(container, "resources", "requests"))).containsKeys("cpu", "memory");
        assertThat(map(at(container, "resources", "limits"))).containsKeys("cpu", "memory");
        assertThat(podSecurity.get("runAsNonRoot")).isEqualTo(true);
        assertThat((Integer) podSecurity.get("runAsUser")).isPositive();
        assertThat(security.get("readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(security.get("allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(list(at(security, "capabilities", "drop"))).contains("ALL");
        // a read-only root needs a writable /tmp
        assertThat(list(container.get("volumeMounts"))).map(Manifests::map)
                .anyMatch(m -> "/tmp".equals(m.get("mountPath")));
    }

    @Test
    void should_take_every_key_from_the_secret_the_example_describes() {
        Map<String, Object> secret = kind("Secret");
        Map<String, Object> example = map(secret.get("stringData"));
        List<Map<String, Object>> refs = list(container().get("env")).stream().map(Manifests::map)
                .filter(e -> e.containsKey("valueFrom")).map(e -> map(at(e, "valueFrom", "secretKeyRef"))).toList();

        assertThat(refs).isNotEmpty();
        for (Map<String, Object> ref : refs) {
            assertThat(ref.get("name")).isEqualTo(at(secret, "metadata", "name"));
            assertThat(example).containsKey((String) ref.get("key"));
        }
    }

    @Test
    void should_select_the_pods_from_the_service_hpa_and_pdb() {
        Map<String, Object> deployment = kind("Deployment");
        Map<String, Object> podLabels = map(at(deployment, "spec", "template", "metadata", "labels"));
        Map<String, Object> service = kind("Service");
        Map<String, Object> pdb = kind("PodDisruptionBudget");
        Map<String, Object> hpa = kind("HorizontalPodAutoscaler");
        Set<Object> portNames = list(container().get("ports")).stream().map(p -> map(p).get("name"))
                .collect(Collectors.toSet());

        assertThat(podLabels).containsAllEntriesOf(map(at(deployment, "spec", "selector", "matchLabels")));
        assertThat(podLabels).containsAllEntriesOf(map(at(service, "spec", "selector")));
        assertThat(podLabels).containsAllEntriesOf(map(at(pdb, "spec", "selector", "matchLabels")));
        assertThat(list(at(service, "spec", "ports"))).map(p -> map(p).get("targetPort")).allMatch(portNames::contains);
        assertThat(at(hpa, "spec", "scaleTargetRef", "kind")).isEqualTo("Deployment");
        assertThat(at(hpa, "spec", "scaleTargetRef", "name")).isEqualTo(at(deployment, "metadata", "name"));
        assertThat(list(at(hpa, "spec", "metrics"))).map(m -> at(m, "resource", "name")).containsExactly("cpu");
        assertThat((Integer) at(hpa, "spec", "minReplicas")).isGreaterThanOrEqualTo(2);
    }

    private static Set<String> concat(Set<String> set, String more) {
        Set<String> all = new java.util.HashSet<>(set);
        all.add(more);
        return all;
    }
}
