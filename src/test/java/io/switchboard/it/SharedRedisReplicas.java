package io.switchboard.it;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;

import io.switchboard.testsupport.RedisServer;

/**
 * Two replicas (two processes of the packaged jar) sharing one real Redis as their store, for the ITs of what
 * one replica's writes do on the other: the pair is started with the given settings and the Redis store's.
 */
final class SharedRedisReplicas implements AutoCloseable {

    static final Duration ONE_SECOND = Duration.ofSeconds(1);

    final RedisServer redis;
    final GatewayProcess first;
    final GatewayProcess second;

    private SharedRedisReplicas(RedisServer redis, GatewayProcess first, GatewayProcess second) {
        this.redis = redis;
        this.first = first;
        this.second = second;
    }

    static SharedRedisReplicas start(Map<String, String> settings) throws Exception {
        RedisServer redis = new RedisServer().start();
        Map<String, String> config = new HashMap<>(settings);
        config.put("switchboard.store.type", "redis");
        config.put("quarkus.redis.hosts", redis.uri());
        GatewayProcess first = null;
        try {
            first = new GatewayProcess(config).start();
            return new SharedRedisReplicas(redis, first, new GatewayProcess(config).start());
        } catch (Exception | Error e) {
            if (first != null) {
                first.stop();
            }
            redis.close();
            throw e;
        }
    }

    List<GatewayProcess> both() {
        return List.of(first, second);
    }

    /** The state a replica's readiness gives for one of its checks: {@code available} or {@code unavailable}. */
    static String readiness(GatewayProcess replica, String check) {
        return given().baseUri(replica.url()).get("/q/health/ready").then().extract().jsonPath()
                .getString("checks.find { it.name == '" + check + "' }.data.state");
    }

    /** Waits until the condition holds and returns how long it took, failing after one second. */
    static long withinOneSecond(BooleanSupplier condition) {
        long start = System.nanoTime();
        Awaitility.await().atMost(ONE_SECOND).pollInterval(Duration.ofMillis(10)).until(condition::getAsBoolean);
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Override
    public void close() throws Exception {
        try {
            first.stop();
        } finally {
            try {
                second.stop();
            } finally {
                redis.close();
            }
        }
    }
}
