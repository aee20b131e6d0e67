package io.switchboard.config;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.OpenApiContract;

/**
 * A configuration that names its providers, as a deployment's does, serves exactly those: the built-in mock is not
 * listed and cannot be called. (The tests' own configuration enables a mock explicitly, under the {@code test}
 * profile; this one runs under another.)
 */
@QuarkusTest
@TestProfile(BuiltInMockTest.Deployment.class)
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class BuiltInMockTest {

    static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    public static class Deployment implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "deployment";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.shutdown.delay-enabled", "false");
        }
    }

    @Test
    void should_neither_list_nor_serve_the_mock_when_other_providers_are_configured() {
        given().filter(OpenApiContract.filter()).get("/v1/providers").then().statusCode(200)
                .body("providers.name", hasItem("anthropic")).body("providers.name", not(hasItem("mock")))
                .body("default_provider", nullValue());
        given().filter(OpenApiContract.filter()).get("/v1/models").then().statusCode(200)
                .body("data.id", hasItem("anthropic")).body("data.id", not(hasItem("mock")));

        given().filter(OpenApiContract.filter()).contentType("application/json")
                .body("{\"model\":\"mock\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .post("/v1/chat/completions").then().statusCode(404)
                .body("error.message", containsString("\"mock\""));
        given().filter(OpenApiContract.filter()).contentType("application/json").queryParam("provider", "mock")
                .body(HELLO).post("/v1/generate").then().statusCode(404)
                .body("error.message", equalTo("provider: unknown provider or route \"mock\""));
    }

    @Test
    void should_ask_for_a_provider_when_none_is_named_and_no_default_is_configured() {
        given().filter(OpenApiContract.filter()).contentType("application/json").body(HELLO).post("/v1/generate")
                .then().statusCode(400).body("error.type", equalTo("invalid_request"))
                .body("error.message", containsString("provider: required"));
    }
}
