package io.switchboard.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.FakeUpstreamResource;

@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class GenerateResourceTest {

    @Test
    void should_answer_from_the_default_mock_provider() {
        given().contentType("application/json").body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .queryParam("provider", "echo")
                .when().post("/v1/generate")
                .then().statusCode(200)
                .header("X-Request-Id", matchesPattern("req_[a-z0-9]{24}"))
                .body("content", notNullValue())
                .body("metadata.provider", equalTo("echo"))
                .body("metadata.model", equalTo("echo-1"))
                .body("finish_reason", equalTo("stop"));
    }
}
