package io.switchboard.lifecycle;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.equalToIgnoringCase;
import static org.hamcrest.Matchers.nullValue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.FakeUpstreamResource;

/**
 * What a client sees from an instance that is shutting down. The gate is closed by hand (a real SIGTERM
 * would stop the application the other tests share) and reopened after each test; the test profile's
 * shutdown delay is 0, so closing it refuses at once.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class ShutdownRefusalTest {

    private static final String BODY = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Inject
    ShutdownGate gate;

    @AfterEach
    void reopen() {
        gate.reopen();
    }

    @Test
    void should_refuse_new_generate_requests_with_a_retryable_503() {
        gate.beginDrain();

        given().contentType("application/json").body(BODY).queryParam("provider", "echo")
                .when().post("/v1/generate")
                .then().statusCode(503)
                .header("Connection", equalToIgnoringCase("close"))
                .header("Retry-After", equalTo("1"))
                .body("error.type", equalTo("provider_unavailable"))
                .body("error.retryable", equalTo(true))
                .body("error.provider", nullValue());
    }

    @Test
    void should_refuse_new_streams_before_any_event() {
        gate.beginDrain();

        given().contentType("application/json").body(BODY).queryParam("provider", "echo")
                .when().post("/v1/stream")
                .then().statusCode(503)
                .body("error.type", equalTo("provider_unavailable"));
    }

    @Test
    void should_keep_health_open_while_refusing() {
        gate.beginDrain();

        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void should_serve_again_once_reopened() {
        gate.beginDrain();
        gate.reopen();

        given().contentType("application/json").body(BODY).queryParam("provider", "echo")
                .when().post("/v1/generate")
                .then().statusCode(200);
    }
}
