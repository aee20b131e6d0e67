package io.switchboard.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.switchboard.testsupport.RawHttp;
import io.switchboard.testsupport.TestConfig;

/**
 * The packaged jar ({@code target/quarkus-app/quarkus-run.jar}) started as a process: the profile's
 * properties reach it as {@code -D} system properties, named as in docs/configuration.md.
 */
@QuarkusIntegrationTest
@TestProfile(PackagedAppIT.SystemProperties.class)
@Isolated
class PackagedAppIT {

    public static class SystemProperties implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestConfig.provider("packaged", "mock").with("model", "packaged-1")
                    .with("responses[0]", "Configured with -D properties.")
                    .set("switchboard.default-provider", "packaged").set("switchboard.auth.api-keys", "it-key")
                    .properties();
        }
    }

    @Test
    void should_serve_the_provider_configured_with_system_properties() {
        given().header("Authorization", "Bearer it-key").contentType("application/json")
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/generate").then().statusCode(200)
                .body("content", equalTo("Configured with -D properties."))
                .body("metadata.provider", equalTo("packaged"))
                .body("metadata.model", equalTo("packaged-1"));
        given().header("Authorization", "Bearer it-key").get("/v1/providers").then().statusCode(200)
                .body("providers.name", hasItem("packaged"));
        given().get("/v1/providers").then().statusCode(401);
        given().get("/q/health/ready").then().statusCode(200);
    }

    /** The jar's main class leaves the request-target check to the gateway, which answers in the envelope. */
    @Test
    void should_answer_a_malformed_percent_encoding_with_the_envelope() throws Exception {
        RawHttp.Answer answer = RawHttp.send(RestAssured.port, "POST", "/v1/%zz", "{}",
                "Authorization: Bearer it-key");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("path: malformed percent-encoding");
        assertThat(answer.header("X-Request-Id")).startsWith("req_");
    }
}
