package io.switchboard.routes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.smallrye.mutiny.Uni;
import io.switchboard.responses.RedisResponseStore;
import io.switchboard.testsupport.AccessLogLines;
import io.switchboard.testsupport.Chunks;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FixtureFiles;
import io.switchboard.testsupport.InjectFakeUpstream;
import io.switchboard.testsupport.InjectRedisServer;
import io.switchboard.testsupport.OpenApiContract;
import io.switchboard.testsupport.OpenWithAdminKey;
import io.switchboard.testsupport.RedisServer;
import io.switchboard.testsupport.RedisServerResource;
import io.switchboard.testsupport.SseEvents;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;

/**
 * The Redis store against a real {@code redis-server}: routes are kept in Redis, a change written there by
 * another replica is served within a second, and when Redis stops requests are still served, admin writes
 * answer 503 and readiness shows the store's state, until Redis is back with its data. Stored responses of
 * {@code /v1/responses} are kept there too, each under its own key with Redis's expiry, and another replica
 * (its own client and store on the same Redis) reads, continues and deletes them.
 */
@QuarkusTest
@TestProfile(OpenWithAdminKey.class)
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = RedisServerResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class RedisStoreTest {

    static final String ADMIN_KEY = OpenWithAdminKey.ADMIN_KEY;
    static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    @InjectRedisServer
    RedisServer redis;

    @InjectFakeUpstream
    FakeUpstream fake;

    @Inject
    Vertx vertx;

    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void cleanUp() {
        redis.start();
        for (String name : List.of("room-a", "room-b", "room-c")) {
            admin().delete("/v1/routes/" + name);
        }
    }

    static RequestSpecification admin() {
        return given().filter(OpenApiContract.filter()).header("Authorization", "Bearer " + ADMIN_KEY)
                .contentType("application/json");
    }

    @Test
    void should_keep_routes_in_redis() {
        admin().body("{\"targets\": [\"echo\"], \"temperature\": 0.3}").put("/v1/routes/room-a").then().statusCode(201);
        String stored = redis.command("HGET", "switchboard:routes", "room-a");
        assertThat(stored).contains("\"targets\":[\"echo\"]").contains("\"temperature\":0.3");
        assertThat(redis.command("GET", "switchboard:routes:version")).matches("(?s)\\$\\d+\\r\\n\\d+\\r\\n");

        admin().delete("/v1/routes/room-a").then().statusCode(204);
        assertThat(redis.command("HEXISTS", "switchboard:routes", "room-a")).isEqualTo(":0\r\n");
    }

    @Test
    void should_serve_a_route_another_replica_wrote_within_a_second() {
        given().contentType("application/json").body(HELLO).post("/v1/generate?provider=room-b").then()
                .statusCode(404);
        // what another replica's PUT does: the route and a new version, in Redis
        redis.command("HSET", "switchboard:routes", "room-b", "{\"targets\":[\"echo\"],\"muted\":true}");
        redis.command("INCR", "switchboard:routes:version");
        long start = System.nanoTime();
        Awaitility.await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> given().contentType("application/json").body(HELLO).post("/v1/stream?provider=room-b")
                        .statusCode() == 200);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).isLessThan(1000);
        String stream = given().contentType("application/json").body(HELLO).post("/v1/stream?provider=room-b").then()
                .statusCode(200).extract().asString();
        assertThat(stream).contains("\"muted\":true").doesNotContain("text_delta");
    }

    @Test
    void should_keep_serving_when_redis_stops_refuse_writes_and_show_it_in_readiness() {
        admin().body("{\"targets\": [\"echo\"], \"system_prompt\": \"Room C\"}").put("/v1/routes/room-c").then()
                .statusCode(201);
        AccessLogLines log = new AccessLogLines(RuntimeRouteTable.class.getName()).attach();
        try {
            stopAndStartRedis(log);
        } finally {
            log.detach();
        }
    }

    private void stopAndStartRedis(AccessLogLines log) {
        redis.stop();

        given().contentType("application/json").body(HELLO).post("/v1/generate?provider=room-c").then()
                .statusCode(200).body("metadata.provider", equalTo("echo"));
        admin().body("{\"targets\": [\"mock\"]}").put("/v1/routes/room-c").then().statusCode(503)
                .header("Retry-After", "1").body("error.type", equalTo("store_unavailable"))
                .body("error.retryable", equalTo(true))
                .body("error.message", equalTo("the route store (redis) is unavailable: route changes are refused "
                        + "until it is back; requests are still served with the routes this instance knows"));
        admin().body("{\"muted\": true}").patch("/v1/routes/room-c").then().statusCode(503);
        admin().delete("/v1/routes/room-c").then().statusCode(503);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> "unavailable".equals(storeData().get("state")));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'route-store' }.status", equalTo("UP"));
        assertThat(storeData()).containsEntry("type", "redis").doesNotContainKey("error");
        // the probe answers without a key: no host, port or client error there (they are in the log)
        assertThat(given().get("/q/health/ready").asString()).doesNotContain(String.valueOf(redis.port()))
                .doesNotContain("127.0.0.1").doesNotContain("Exception");
        given().contentType("application/json").body(HELLO).post("/v1/generate?provider=room-c").then()
                .statusCode(200);

        redis.start();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> "available".equals(storeData().get("state")));
        admin().get("/v1/routes/room-c").then().statusCode(200).body("system_prompt", equalTo("Room C"));
        admin().body("{\"muted\": true}").patch("/v1/routes/room-c").then().statusCode(200)
                .body("muted", equalTo(true));
        // one line when the store went away, with the detail; one when it came back; none per failed refresh
        assertThat(log.lines()).filteredOn(line -> line.contains("unavailable, serving the routes known so far"))
                .hasSize(1);
        assertThat(log.lines()).filteredOn(line -> line.contains("reachable again")).hasSize(1);
    }

    private static Map<String, Object> storeData() {
        return given().get("/q/health/ready").then().extract().jsonPath()
                .getMap("checks.find { it.name == 'route-store' }.data");
    }

    /** Another replica's response store: its own Redis client, sharing nothing with this instance but Redis. */
    private <T> T onOtherReplica(Function<RedisResponseStore, Uni<T>> call) {
        Redis client = Redis.createClient(vertx, redis.uri());
        try {
            RedisResponseStore other = new RedisResponseStore(
                    new ReactiveRedisDataSourceImpl(vertx, client, RedisAPI.api(client)), "switchboard:responses:",
                    Duration.ofHours(1));
            return call.apply(other).await().atMost(Duration.ofSeconds(5));
        } finally {
            client.close();
        }
    }

    @Test
    void should_share_stored_responses_between_replicas_through_redis() throws Exception {
        fake.reset();
        fake.enqueue(FakeUpstream.sse(Chunks.after(FixtureFiles.text("openai/openai-chat-text-stream-include-usage.sse"),
                "\n\n")));
        String answered = given().contentType("application/json")
                .body("{\"model\":\"openai\",\"input\":\"What is 4200 + 42?\",\"stream\":true}")
                .post("/v1/responses").then().statusCode(200).extract().asString();
        JsonNode completed = JSON.readTree(SseEvents.parse(answered).getLast().data()).get("response");
        String id = completed.get("id").asText();
        // one key per response, the time to live as Redis's own expiry
        String key = "switchboard:responses:anonymous:" + id;
        long ttl = Long.parseLong(redis.command("PTTL", key).strip().substring(1));
        assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofHours(1).toMillis());

        // the other replica finds it at once: the response as answered, and the conversation it ends
        String stored = onOtherReplica(store -> store.get("anonymous:" + id));
        JsonNode record = JSON.readTree(stored);
        assertThat(record.get("version").asInt()).isEqualTo(1);
        assertThat(record.get("response")).isEqualTo(completed);
        assertThat(record.at("/input/0/content").asText()).isEqualTo("What is 4200 + 42?");

        // what the other replica's POST keeps, this one serves and continues
        ObjectNode theirs = (ObjectNode) record.deepCopy();
        ((ObjectNode) theirs.get("response")).put("id", "resp_from_b");
        ((ObjectNode) theirs.at("/input/0")).put("content", "Asked on replica B");
        String kept = JSON.writeValueAsString(theirs);
        onOtherReplica(store -> store.put("anonymous:resp_from_b", kept));
        given().get("/v1/responses/resp_from_b").then().statusCode(200).body("id", equalTo("resp_from_b"));
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("openai/openai-chat-text.json")));
        given().contentType("application/json")
                .body("{\"model\":\"openai\",\"input\":\"And on A?\",\"previous_response_id\":\"resp_from_b\"}")
                .post("/v1/responses").then().statusCode(200).body("previous_response_id", equalTo("resp_from_b"));
        JsonNode messages = JSON.readTree(fake.lastRequest().body).get("messages");
        assertThat(messages.get(0).get("content").asText()).isEqualTo("Asked on replica B");
        assertThat(messages.get(1).get("content").asText()).isEqualTo(completed.at("/output/0/content/0/text")
                .asText());
        assertThat(messages.get(2).get("content").asText()).isEqualTo("And on A?");

        // deleted here, gone there
        given().delete("/v1/responses/" + id).then().statusCode(200).body("deleted", equalTo(true));
        String gone = onOtherReplica(store -> store.get("anonymous:" + id));
        assertThat(gone).isNull();
        boolean deleted = onOtherReplica(store -> store.delete("anonymous:resp_from_b"));
        assertThat(deleted).isTrue();
        given().get("/v1/responses/resp_from_b").then().statusCode(404).body("error.code", equalTo("not_found"));
    }

    @Test
    void should_answer_only_once_the_response_is_stored_so_another_replica_finds_it_at_once() {
        for (String stream : List.of("false", "true")) {
            // Redis holds every write for a while; reads go on
            assertThat(redis.command("CLIENT", "PAUSE", "300", "WRITE")).startsWith("+OK");
            String answered = given().contentType("application/json")
                    .body("{\"model\":\"mock\",\"input\":\"Hi\",\"stream\":" + stream + "}").post("/v1/responses")
                    .then().statusCode(200).extract().asString();
            String id = answered.replaceAll("(?s).*?\"id\":\"(resp_[^\"]+)\".*", "$1");
            assertThat(redis.command("EXISTS", "switchboard:responses:anonymous:" + id)).as("stored when answered")
                    .isEqualTo(":1\r\n");
        }
    }

    @Test
    void should_answer_503_for_a_stored_response_while_redis_is_down_and_still_answer_unstored() {
        redis.stop();
        given().get("/v1/responses/resp_any").then().statusCode(503).body("error.code", equalTo("store_unavailable"))
                .body("error.retryable", equalTo(true));
        given().contentType("application/json")
                .body("{\"model\":\"mock\",\"input\":\"Hi\",\"previous_response_id\":\"resp_any\"}")
                .post("/v1/responses").then().statusCode(503);
        // the answer is still delivered; it could not be kept
        given().contentType("application/json").body("{\"model\":\"mock\",\"input\":\"Hi\"}")
                .post("/v1/responses").then().statusCode(200).body("status", equalTo("completed"));
    }
}
