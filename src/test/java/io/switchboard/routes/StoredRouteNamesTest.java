package io.switchboard.routes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.InjectRedisServer;
import io.switchboard.testsupport.OpenWithAdminKey;
import io.switchboard.testsupport.RedisServer;
import io.switchboard.testsupport.RedisServerResource;

/**
 * A route another writer put in Redis, bypassing the admin API, is held to the same name rule as a route written
 * through it: one whose name or target model holds a line break or an invisible character is skipped with one
 * warning that shows it escaped, and the replica starts ready and serves the other routes.
 */
@QuarkusTest
@TestProfile(OpenWithAdminKey.class)
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StoredRouteNamesTest.SeededRedis.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class StoredRouteNamesTest {

    static final String HASH = "switchboard:routes";
    static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    /** A Redis holding, before the gateway starts, a good route and two that only another writer could store. */
    public static class SeededRedis extends RedisServerResource {

        @Override
        protected void seed(RedisServer redis) {
            redis.command("HSET", HASH, "room-ok", "{\"targets\":[\"echo\"]}",
                    "room\r\nforged", "{\"targets\":[\"echo\"]}",
                    "room-injected", "{\"targets\":[\"echo/a\\r\\nX-Injected: 1\"]}");
            redis.command("INCR", HASH + ":version");
        }
    }

    @InjectRedisServer
    RedisServer redis;

    final List<String> warnings = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            warnings.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void attach() {
        Logger.getLogger(RuntimeRouteTable.class.getName()).addHandler(capture);
    }

    @AfterEach
    void detach() {
        Logger.getLogger(RuntimeRouteTable.class.getName()).removeHandler(capture);
    }

    @Test
    void should_start_ready_and_serve_the_other_routes_when_a_stored_name_or_model_holds_a_line_break() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'route-store' }.status", equalTo("UP"));
        given().contentType("application/json").body(HELLO).post("/v1/generate?provider=room-ok").then()
                .statusCode(200).body("metadata.provider", equalTo("echo"));
        given().contentType("application/json").body(HELLO).post("/v1/generate?provider=room-injected").then()
                .statusCode(404);
        List<String> names = given().header("Authorization", "Bearer " + OpenWithAdminKey.ADMIN_KEY)
                .get("/v1/routes").then().statusCode(200).extract().jsonPath().getList("routes.name");
        assertThat(names).contains("room-ok").doesNotContain("room-injected").noneMatch(n -> n.contains("forged"));
    }

    @Test
    void should_log_one_escaped_warning_for_each_stored_route_it_skips() {
        redis.command("HSET", HASH, "room-later", "{\"targets\":[\"echo\"]}",
                "room-bidi", "{\"targets\":[\"echo\"],\"context_overflow_targets\":[\"echo/big\\u202Ex\"]}",
                "room\u2028forged", "{\"targets\":[\"echo\"]}");
        redis.command("INCR", HASH + ":version");
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> given().contentType("application/json").body(HELLO)
                        .post("/v1/generate?provider=room-later").statusCode() == 200);

        assertThat(warnings).noneMatch(line -> line.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0x85
                || c == 0x2028 || c == 0x202E));
        assertThat(warnings.stream().filter(line -> line.contains("room-bidi"))).containsExactly(
                "runtime route \"room-bidi\" ignored: context_overflow_targets[0].model: contains an invisible "
                        + "formatting character (U+202E)");
        assertThat(warnings.stream().filter(line -> line.contains("\\u2028forged"))).containsExactly(
                "runtime route \"room\\u2028forged\" ignored: name: contains a line or paragraph separator (U+2028)");
        // the two skipped since the start were warned about then, once: a reload does not repeat it
        assertThat(warnings).noneMatch(line -> line.contains("room-injected") || line.contains("forged\" ignored: name: "
                + "contains a control"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'route-store' }.data.runtime_routes", equalTo(2));
    }
}
