package io.switchboard.it;

import static io.restassured.RestAssured.given;
import static io.switchboard.it.SharedRedisReplicas.readiness;
import static io.switchboard.it.SharedRedisReplicas.withinOneSecond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Isolated;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Two replicas (two processes of the packaged jar) sharing one real Redis, with admin keys and no gateway keys:
 * {@code /v1} takes virtual keys only. A key created on one replica is served by the other; deleted on one, it is
 * refused by the other within a second. 64 clients spending one small budget through both replicas at once spend
 * no more than the budget and one reservation per replica. With Redis stopped, both keep serving the keys they
 * know, and readiness says the key store is unavailable.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Isolated
class KeysAcrossReplicasIT {

    static final String ADMIN_KEY = "keys-replicas-admin";
    /** 57 bytes: an input estimate of 15 tokens, and at most 10 output tokens. */
    static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"max_tokens\":10}";
    /** The mock's price: 1000 USD per million tokens, 0.001 a token, in and out. */
    static final double PER_TOKEN = 0.001;
    /** A request's reservation: its input estimate and its max_tokens at the price. */
    static final double RESERVATION = (15 + 10) * PER_TOKEN;

    static SharedRedisReplicas replicas;
    static GatewayProcess first;
    static GatewayProcess second;

    @BeforeAll
    static void start() throws Exception {
        replicas = SharedRedisReplicas.start(Map.of("switchboard.auth.admin-keys", ADMIN_KEY,
                "switchboard.providers.echo.type", "mock",
                "switchboard.providers.echo.responses[0]", "Answer from the backend here.",
                "switchboard.providers.echo.pricing.input", "1000", "switchboard.providers.echo.pricing.output", "1000"));
        first = replicas.first;
        second = replicas.second;
        // a fresh JVM answers its first requests slowly: the one-second checks must measure the store, not that
        String warm = create(first, "{\"name\": \"warm-up\"}")[1];
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> generate(second, warm).statusCode() == 200);
        for (int i = 0; i < 40; i++) {
            for (GatewayProcess replica : replicas.both()) {
                generate(replica, warm).then().statusCode(200);
                generate(replica, "sk-sb-unknown").then().statusCode(401);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (replicas != null) {
            replicas.close();
        }
    }

    static RequestSpecification admin(GatewayProcess replica) {
        return given().baseUri(replica.url()).header("Authorization", "Bearer " + ADMIN_KEY)
                .contentType("application/json");
    }

    static String[] create(GatewayProcess replica, String body) {
        JsonPath created = admin(replica).body(body).post("/v1/keys").then().statusCode(201).extract().jsonPath();
        return new String[] { created.getString("id"), created.getString("key") };
    }

    static Response generate(GatewayProcess replica, String key) {
        return given().baseUri(replica.url()).header("Authorization", "Bearer " + key).contentType("application/json")
                .body(HELLO).post("/v1/generate?provider=echo");
    }

    @Test
    @Order(1)
    void should_refuse_a_key_deleted_on_one_replica_on_the_other_within_a_second() {
        String[] key = create(first, "{\"name\": \"team-revoked\"}");
        long served = withinOneSecond(() -> generate(second, key[1]).statusCode() == 200);
        admin(second).delete("/v1/keys/" + key[0]).then().statusCode(204);
        long revoked = withinOneSecond(() -> generate(first, key[1]).statusCode() == 401);
        System.out.println("key created on one replica served by the other after " + served + " ms; deletion seen"
                + " after " + revoked + " ms");
        generate(first, key[1]).then().statusCode(401).body("error.type", equalTo("unauthorized"));
        admin(first).get("/v1/keys/" + key[0]).then().statusCode(404);
    }

    @Test
    @Order(2)
    void should_keep_64_concurrent_clients_on_two_replicas_within_the_budget_and_one_reservation_per_replica()
            throws Exception {
        double budget = 0.1;
        String[] key = create(first, "{\"name\": \"race\", \"budget_usd\": " + budget + "}");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> admin(second).get("/v1/keys/" + key[0])
                .statusCode() == 200);
        ExecutorService clients = Executors.newFixedThreadPool(64);
        List<Future<List<Response>>> answers = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            GatewayProcess replica = i % 2 == 0 ? first : second;
            answers.add(clients.submit(() -> List.of(generate(replica, key[1]), generate(replica, key[1]))));
        }
        BigDecimal spent = BigDecimal.ZERO;
        int served = 0;
        int refused = 0;
        for (Future<List<Response>> client : answers) {
            for (Response answer : client.get()) {
                if (answer.statusCode() == 200) {
                    served++;
                    spent = spent.add(new BigDecimal(answer.jsonPath().getString("metadata.cost_usd")));
                } else {
                    assertThat(answer.statusCode()).isEqualTo(429);
                    assertThat(answer.jsonPath().getString("error.type")).isEqualTo("budget_exceeded");
                    refused++;
                }
            }
        }
        clients.shutdown();
        System.out.println("race: " + served + " answers for " + spent + " USD of a " + budget + " USD budget, "
                + refused + " refused");
        assertThat(served).isPositive();
        assertThat(refused).isPositive();
        assertThat(spent.doubleValue()).isLessThanOrEqualTo(budget + 2 * RESERVATION);
        // both replicas' spend reaches the store, which answers it from either
        double total = spent.doubleValue();
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                admin(second).get("/v1/keys/" + key[0]).jsonPath().getDouble("usage.cost_usd"))
                .isCloseTo(total, org.assertj.core.data.Offset.offset(1e-9)));
        assertThat(admin(first).get("/v1/keys/" + key[0]).jsonPath().getInt("usage.requests"))
                .isEqualTo(served + refused);
    }

    @Test
    @Order(3)
    void should_count_a_keys_requests_on_one_replica_against_its_rpm_on_the_other_after_a_sync()
            throws InterruptedException {
        String key = create(first, "{\"name\": \"shared-rpm\", \"rpm\": 5}")[1];
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> generate(second, key).statusCode() == 200);
        for (int i = 0; i < 4; i++) {
            generate(first, key).then().statusCode(200);
        }
        // three sync intervals (200 ms each): the second replica has learnt the first's four requests; a probe
        // that polled instead would add requests of its own and pass without any sync
        Thread.sleep(600);
        generate(second, key).then().statusCode(429).body("error.type", equalTo("rate_limited"))
                .header("x-ratelimit-limit-requests", "5").header("x-ratelimit-remaining-requests", "0");
    }

    @Test
    @Order(4)
    void should_serve_known_keys_with_redis_stopped_and_say_so_on_readiness() throws Exception {
        String key = create(first, "{\"name\": \"through-the-outage\"}")[1];
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> generate(second, key).statusCode() == 200);
        replicas.redis.stop();
        for (GatewayProcess replica : replicas.both()) {
            generate(replica, key).then().statusCode(200);
        }
        admin(first).body("{\"name\": \"not-now\"}").post("/v1/keys").then().statusCode(503)
                .body("error.type", equalTo("store_unavailable"));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> "unavailable".equals(readiness(second, "key-store")));
        given().baseUri(second.url()).get("/q/health/ready").then().statusCode(200);

        replicas.redis.start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "available".equals(readiness(second, "key-store")));
        generate(first, key).then().statusCode(200);
    }
}
