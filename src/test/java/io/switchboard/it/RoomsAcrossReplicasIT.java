package io.switchboard.it;

import static io.restassured.RestAssured.given;
import static io.switchboard.it.SharedRedisReplicas.readiness;
import static io.switchboard.it.SharedRedisReplicas.withinOneSecond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Isolated;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.testsupport.OpenApiContract;

/**
 * Two replicas (two processes of the packaged jar) sharing one real Redis: a room created, muted, unmuted and
 * deleted through one replica is served that way by the other within a second; a restarted replica serves the
 * rooms at once; with Redis stopped both keep serving, admin writes answer 503, and readiness shows it. A
 * response stored through one replica is read, continued and deleted through the other at once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Isolated
class RoomsAcrossReplicasIT {

    static final String ADMIN_KEY = "replicas-admin-key";
    static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    static SharedRedisReplicas replicas;
    static GatewayProcess first;
    static GatewayProcess second;

    @BeforeAll
    static void start() throws Exception {
        replicas = SharedRedisReplicas.start(Map.of("switchboard.auth.admin-keys", ADMIN_KEY,
                "switchboard.auth.open", "true", "switchboard.providers.echo.type", "mock",
                "switchboard.providers.echo.responses[0]", "Answer from the room's backend."));
        first = replicas.first;
        second = replicas.second;
        warmUp(first);
        warmUp(second);
        warmUpRooms();
    }

    /** The same for the runtime-route paths: served, muted, written. */
    static void warmUpRooms() {
        admin(first).body("{\"targets\": [\"echo\"]}").put("/v1/routes/warm-room").then().statusCode(201);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> generate(second, "warm-room").statusCode() == 200);
        for (boolean muted : new boolean[] { true, false, true }) {
            admin(second).contentType("application/merge-patch+json").body("{\"muted\": " + muted + "}")
                    .patch("/v1/routes/warm-room").then().statusCode(200);
            for (int i = 0; i < 20; i++) {
                for (GatewayProcess replica : replicas.both()) {
                    generate(replica, "warm-room").then().statusCode(200);
                    stream(replica, "warm-room");
                }
            }
        }
        admin(first).delete("/v1/routes/warm-room").then().statusCode(204);
    }

    /**
     * A fresh JVM answers its first requests slowly (class loading, interpreted code), all the more on a busy
     * machine; the one-second propagation checks below must measure the store, not that.
     */
    static void warmUp(GatewayProcess replica) {
        for (int i = 0; i < 40; i++) {
            generate(replica, "echo").then().statusCode(200);
            stream(replica, "echo");
            generate(replica, "no-such-room").then().statusCode(404);
            given().baseUri(replica.url()).header("Authorization", "Bearer " + ADMIN_KEY).get("/v1/routes").then()
                    .statusCode(200);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (replicas != null) {
            replicas.close();
        }
    }

    static RequestSpecification admin(GatewayProcess replica) {
        return given().baseUri(replica.url()).filter(OpenApiContract.filter())
                .header("Authorization", "Bearer " + ADMIN_KEY).contentType("application/json");
    }

    static Response generate(GatewayProcess replica, String route) {
        return given().baseUri(replica.url()).contentType("application/json").body(HELLO)
                .post("/v1/generate?provider=" + route);
    }

    static String stream(GatewayProcess replica, String route) {
        return given().baseUri(replica.url()).contentType("application/json").body(HELLO)
                .post("/v1/stream?provider=" + route).then().statusCode(200).extract().asString();
    }

    @Test
    @Order(1)
    void should_serve_a_room_created_on_one_replica_from_the_other_within_a_second() {
        generate(second, "support-room").then().statusCode(404);
        admin(first).body("{\"targets\": [\"echo\"], \"system_prompt\": \"You are the support room.\", "
                + "\"temperature\": 0.3, \"max_tokens\": 2048}").put("/v1/routes/support-room").then().statusCode(201);
        long millis = withinOneSecond(() -> generate(second, "support-room").statusCode() == 200);
        System.out.println("room created on one replica served by the other after " + millis + " ms");
        generate(second, "support-room").then().body("content", equalTo("Answer from the room's backend."))
                .body("metadata.provider", equalTo("echo"));
        given().baseUri(second.url()).get("/v1/providers").then()
                .body("routes.find { it.name == 'support-room' }.targets[0]", equalTo("echo"));
        admin(second).get("/v1/routes/support-room").then().statusCode(200).body("origin", equalTo("runtime"))
                .body("max_tokens", equalTo(2048));
    }

    @Test
    @Order(2)
    void should_mute_and_unmute_a_room_on_every_replica() {
        admin(first).contentType("application/merge-patch+json").body("{\"muted\": true}")
                .patch("/v1/routes/support-room").then().statusCode(200).body("muted", equalTo(true));
        long muted = withinOneSecond(() -> stream(second, "support-room").contains("\"muted\":true"));
        String silent = stream(second, "support-room");
        assertThat(silent).doesNotContain("text_delta").contains("event: done");
        generate(second, "support-room").then().statusCode(200).body("metadata.muted", equalTo(true))
                .body("content", equalTo("Answer from the room's backend."));

        admin(second).contentType("application/merge-patch+json").body("{\"muted\": false}")
                .patch("/v1/routes/support-room").then().statusCode(200).body("muted", equalTo(false));
        long unmuted = withinOneSecond(() -> stream(first, "support-room").contains("text_delta"));
        System.out.println("mute seen by the other replica after " + muted + " ms, unmute after " + unmuted + " ms");
    }

    @Test
    @Order(3)
    void should_serve_the_rooms_at_once_after_a_replica_restarts() throws Exception {
        second.stop();
        second.start();
        generate(second, "support-room").then().statusCode(200);
        admin(second).get("/v1/routes/support-room").then().body("system_prompt", equalTo("You are the support room."));
    }

    @Test
    @Order(4)
    void should_keep_serving_with_redis_stopped_and_refuse_admin_writes() throws Exception {
        replicas.redis.stop();
        for (GatewayProcess replica : replicas.both()) {
            generate(replica, "support-room").then().statusCode(200);
        }
        admin(first).body("{\"targets\": [\"echo\"]}").put("/v1/routes/support-room").then().statusCode(503)
                .body("error.type", equalTo("store_unavailable"));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> "unavailable".equals(readiness(second, "route-store")));
        given().baseUri(second.url()).get("/q/health/ready").then().statusCode(200);

        replicas.redis.start();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> "available".equals(readiness(second, "route-store")));
        generate(first, "support-room").then().statusCode(200);
        admin(first).body("{\"temperature\": 0.5}").contentType("application/merge-patch+json")
                .patch("/v1/routes/support-room").then().statusCode(200).body("temperature", equalTo(0.5f))
                .body("system_prompt", equalTo("You are the support room."));
    }

    @Test
    @Order(5)
    void should_stop_serving_a_room_deleted_on_the_other_replica_within_a_second() {
        admin(second).delete("/v1/routes/support-room").then().statusCode(204);
        long millis = withinOneSecond(() -> generate(first, "support-room").statusCode() == 404);
        System.out.println("deletion seen by the other replica after " + millis + " ms");
        admin(first).get("/v1/routes/support-room").then().statusCode(404);
    }

    @Test
    @Order(6)
    void should_read_continue_and_delete_a_stored_response_on_the_other_replica_at_once() {
        String id = responses(first).body("{\"model\": \"echo\", \"input\": \"Remember 42.\"}")
                .post("/v1/responses").then().statusCode(200).extract().path("id");
        // at once, not within a second: the answer went out only once Redis had the response
        responses(second).get("/v1/responses/" + id).then().statusCode(200).body("id", equalTo(id))
                .body("output[0].content[0].text", equalTo("Answer from the room's backend."));
        String continued = responses(second).body("{\"model\": \"echo\", \"input\": \"What was it?\", "
                + "\"previous_response_id\": \"" + id + "\", \"stream\": true}").post("/v1/responses").then()
                .statusCode(200).extract().asString();
        assertThat(continued).contains("event: response.completed").contains("\"previous_response_id\":\"" + id);
        String next = continued.replaceAll("(?s).*?\"id\":\"(resp_[^\"]+)\".*", "$1");
        responses(first).get("/v1/responses/" + next).then().statusCode(200)
                .body("previous_response_id", equalTo(id));

        responses(second).delete("/v1/responses/" + id).then().statusCode(200).body("deleted", equalTo(true));
        responses(first).get("/v1/responses/" + id).then().statusCode(404).body("error.code", equalTo("not_found"));
        responses(first).body("{\"model\": \"echo\", \"input\": \"Again?\", \"previous_response_id\": \"" + id
                + "\"}").post("/v1/responses").then().statusCode(404).body("error.param", equalTo("previous_response_id"));
    }

    static RequestSpecification responses(GatewayProcess replica) {
        return given().baseUri(replica.url()).filter(OpenApiContract.filter()).contentType("application/json");
    }

}
