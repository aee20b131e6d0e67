package io.switchboard.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.GatewayAndAdminKeys;

@QuarkusTest
@TestProfile(GatewayAndAdminKeys.class)
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class AuthTest {

    static final String HELLO = GenerateResourceTest.HELLO;

    @Test
    void should_answer_401_without_a_bearer_key_on_every_v1_endpoint() {
        given().contentType("application/json").body(HELLO).post("/v1/generate")
                .then().statusCode(401).body("error.type", equalTo("unauthorized"));
        given().contentType("application/json").body(HELLO).post("/v1/stream")
                .then().statusCode(401).contentType("application/json").body("error.type", equalTo("unauthorized"));
        given().get("/v1/providers").then().statusCode(401).body("error.type", equalTo("unauthorized"));
    }

    @Test
    void should_answer_401_for_a_wrong_key_or_scheme() {
        given().header("Authorization", "Bearer key-three").contentType("application/json").body(HELLO)
                .post("/v1/generate").then().statusCode(401);
        given().header("Authorization", "Basic a2V5LW9uZQ==").contentType("application/json").body(HELLO)
                .post("/v1/generate").then().statusCode(401);
        given().header("Authorization", "Bearer key-one-and-more").get("/v1/providers").then().statusCode(401);
    }

    @Test
    void should_accept_any_configured_key() {
        given().header("Authorization", "Bearer key-one").contentType("application/json").body(HELLO)
                .post("/v1/generate").then().statusCode(200);
        given().header("Authorization", "bearer key-two").contentType("application/json").body(HELLO)
                .post("/v1/stream").then().statusCode(200).contentType("text/event-stream");
    }

    @Test
    void should_leave_health_metrics_and_openapi_open() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
