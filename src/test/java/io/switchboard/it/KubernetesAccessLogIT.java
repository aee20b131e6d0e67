package io.switchboard.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.response.Response;

/**
 * With the Kubernetes configuration (k8s/base/application.properties, where the application's logs are
 * JSON records), the access log is still one plain JSON object per line on stdout, found by its request id
 * as docs/operations.md says, not an escaped string inside a log record's {@code message}.
 */
class KubernetesAccessLogIT {

    private static final Path CONFIG_MAP = Path.of("k8s", "base", "application.properties");

    @Test
    void should_write_each_access_line_as_a_json_object_with_the_kubernetes_logging() throws Exception {
        Properties shipped = new Properties();
        shipped.load(new StringReader(Files.readString(CONFIG_MAP)));
        assertThat(shipped.getProperty("quarkus.log.console.json.enabled")).as("JSON logs in Kubernetes").isEqualTo("true");
        // the pod's layout: the ConfigMap's file at config/application.properties under the working directory
        Path pod = Files.createTempDirectory("switchboard-pod");
        Files.createDirectory(pod.resolve("config"));
        Files.copy(CONFIG_MAP, pod.resolve("config").resolve("application.properties"));
        GatewayProcess gateway = new GatewayProcess(Map.of(), pod, Map.of("OPENAI_API_KEY", "placeholder",
                "ANTHROPIC_API_KEY", "placeholder", "SWITCHBOARD_GATEWAY_KEYS", "gateway-key-one")).start();
        try {
            // refused before any backend is called: no gateway key
            Response refused = given().baseUri(gateway.url()).contentType("application/json")
                    .body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").post("/v1/generate");
            assertThat(refused.statusCode()).isEqualTo(401);
            String requestId = refused.header("X-Request-Id");
            assertThat(requestId).isNotBlank();

            String needle = "\"request_id\":\"" + requestId + "\"";
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.log().contains(requestId));
            List<String> lines = gateway.log().lines().filter(line -> line.contains(requestId)).toList();

            assertThat(lines).as("stdout lines naming the request").hasSize(1);
            assertThat(lines.get(0)).as("found by the README's grep").contains(needle);
            JsonNode line = new ObjectMapper().readTree(lines.get(0));
            assertThat(line.isObject()).isTrue();
            assertThat(line.path("request_id").asText()).isEqualTo(requestId);
            assertThat(line.path("status").asInt()).isEqualTo(401);
            assertThat(line.path("endpoint").asText()).isEqualTo("/v1/generate");
            assertThat(line.has("loggerName")).as("a log record around the line").isFalse();
            // the application's own records stay JSON records
            assertThat(gateway.log().lines().filter(l -> l.contains("started in")).toList())
                    .singleElement().satisfies(l -> assertThat(new ObjectMapper().readTree(l).has("loggerName")).isTrue());
        } finally {
            gateway.stop();
        }
    }
}
