package io.switchboard.api.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.OpenWithAdminKey;
import io.switchboard.testsupport.RedisServer;
import io.switchboard.testsupport.RedisServerResource;

/**
 * {@link RouteWritesContract} on the Redis store, against a real {@code redis-server}, whose atomic scripts are
 * what two replicas' writes race through; and a replica started on a store that holds routes written around the
 * admin API (by hand, or by a replica with other limits): over a limit, not JSON, or with numbers no write would
 * take. It starts ready, serves the others, and warns once for each route it skips, without quoting it.
 */
@QuarkusTest
@TestProfile(OpenWithAdminKey.class)
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = RedisRouteWritesTest.SeededRedis.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class RedisRouteWritesTest extends RouteWritesContract {

    static final String SECRET_PROMPT = "the operator's confidential prompt ";
    static final List<String> SKIPPED = List.of("huge", "broken", "many-tools", "heavy-weights");

    /** Redis holding one good route and four bad ones before the gateway starts, and a log file to read. */
    public static class SeededRedis extends RedisServerResource {

        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(super.start());
            try {
                Path log = Files.createTempFile("switchboard-route-store", ".log");
                config.put("quarkus.log.file.enabled", "true");
                config.put("quarkus.log.file.path", log.toString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return config;
        }

        @Override
        protected void seed(RedisServer redis) {
            // 9 MB, as the route that took every replica of a deployment out of service
            store(redis, "huge", "{\"targets\":[\"echo\"],\"system_prompt\":\""
                    + SECRET_PROMPT.repeat(9 * 1024 * 1024 / SECRET_PROMPT.length()) + "\"}");
            store(redis, "broken", "{\"targets\":[\"echo\"],\"system_prompt\":\"" + SECRET_PROMPT);
            StringBuilder tools = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                tools.append(i == 0 ? "" : ",").append("{\"name\":\"t").append(i).append("\"}");
            }
            store(redis, "many-tools", "{\"targets\":[\"echo\"],\"tools\":[" + tools + "]}");
            store(redis, "heavy-weights",
                    "{\"targets\":[\"echo\",\"mock\"],\"strategy\":\"weighted\",\"weights\":[2000000000,2000000000]}");
            store(redis, "seeded-good", "{\"targets\":[\"echo\"]}");
            redis.command("INCR", "switchboard:routes:version");
        }

        private static void store(RedisServer redis, String name, String body) {
            assertThat(redis.command("HSET", "switchboard:routes", name, body)).isEqualTo(":1\r\n");
        }
    }

    @Test
    void should_start_ready_serve_the_valid_routes_and_warn_once_for_each_skipped_one() throws IOException {
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'route-store' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'route-store' }.data.skipped_routes", equalTo(SKIPPED.size()));
        given().contentType("application/json").body(HELLO).post("/v1/generate?provider=seeded-good").then()
                .statusCode(200).body("metadata.provider", equalTo("echo"));
        for (String name : SKIPPED) {
            given().contentType("application/json").body(HELLO).post("/v1/generate?provider=" + name).then()
                    .statusCode(404);
        }
        // every write makes the replicas read the store again: the skipped routes are not warned about again
        route("after-start", "{\"targets\": [\"echo\"]}");
        admin().contentType("application/merge-patch+json").body("{\"muted\": true}").patch("/v1/routes/after-start")
                .then().statusCode(200);

        List<String> log = messages(Path.of(ConfigProvider.getConfig().getValue("quarkus.log.file.path", String.class)));
        assertThat(warnings(log, "huge")).singleElement().asString()
                .matches(".*runtime route \"huge\" ignored: body: \\d+ bytes as stored, more than "
                        + "switchboard\\.store\\.max-route-size \\(16384 bytes\\).*");
        assertThat(warnings(log, "broken")).singleElement().asString().endsWith("ignored: not valid JSON");
        assertThat(warnings(log, "many-tools")).singleElement().asString()
                .endsWith("ignored: tools: 40 entries, more than switchboard.store.max-tools (32)");
        assertThat(warnings(log, "heavy-weights")).singleElement().asString()
                .endsWith("ignored: weights[0]: must be a whole number from 0 to 1000000, got 2000000000");
        assertThat(String.join("\n", log)).doesNotContain(SECRET_PROMPT.strip());
    }

    /** The messages of the log file, whose lines are JSON objects when the JSON log format is on. */
    private static List<String> messages(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> messages = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            messages.add(line.startsWith("{") ? json.readTree(line).path("message").asText() : line);
        }
        return messages;
    }

    private static List<String> warnings(List<String> log, String route) {
        return log.stream().filter(line -> line.contains("runtime route \"" + route + "\" ignored")).toList();
    }
}
