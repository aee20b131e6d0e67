package io.switchboard.deploy;

import static io.restassured.RestAssured.given;
import static io.switchboard.deploy.Manifests.at;
import static io.switchboard.deploy.Manifests.container;
import static io.switchboard.deploy.Manifests.list;
import static io.switchboard.deploy.Manifests.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.FakeUpstreamResource;

/**
 * The probe paths of k8s/base/deployment.yaml and the HEALTHCHECKs of docker/ are served by the running
 * application, on the port the container declares. Paths are read from the files, never repeated here.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class DeploymentProbesTest {

    /** Each probe's HTTP path, with the probe's name (startupProbe, livenessProbe, readinessProbe). */
    static Map<String, String> probePaths() {
        Map<String, String> paths = new LinkedHashMap<>();
        for (String probe : new String[] { "startupProbe", "livenessProbe", "readinessProbe" }) {
            if (container().containsKey(probe)) {
                paths.put((String) at(container(), probe, "httpGet", "path"), probe);
            }
        }
        return paths;
    }

    @Test
    void should_probe_liveness_and_readiness_on_the_containers_http_port() {
        Map<String, Object> container = container();
        Map<String, Object> port = map(list(container.get("ports")).get(0));

        assertThat(probePaths()).containsValues("livenessProbe", "readinessProbe");
        for (String probe : probePaths().values()) {
            Object probePort = at(container, probe, "httpGet", "port");
            assertThat(probePort).as(probe).isIn(port.get("name"), port.get("containerPort"));
        }
        assertThat(port.get("containerPort")).isEqualTo(DockerfileTest.applicationPort());
    }

    @Test
    void should_answer_up_on_every_probe_path_of_the_deployment() {
        probePaths().forEach((path, probe) -> given().when().get(path)
                .then().statusCode(200).body("status", equalTo("UP")));
    }

    @Test
    void should_answer_up_on_the_health_check_path_of_each_dockerfile() {
        for (var dockerfile : new java.nio.file.Path[] { DockerfileTest.JVM, DockerfileTest.NATIVE }) {
            given().when().get(DockerfileTest.healthCheckUrl(dockerfile).getPath())
                    .then().statusCode(200).body("status", equalTo("UP"));
        }
    }

    @Test
    void should_include_the_shutdown_check_in_readiness() {
        // quarkus.shutdown.delay-enabled=true adds this check; on SIGTERM it turns readiness DOWN first
        String readiness = probePaths().entrySet().stream().filter(e -> e.getValue().equals("readinessProbe"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();

        given().when().get(readiness).then().statusCode(200).body("checks.name", hasItem("Graceful Shutdown"));
    }
}
