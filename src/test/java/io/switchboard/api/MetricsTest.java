package io.switchboard.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.Prometheus;

@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class MetricsTest {

    @Test
    void should_expose_gen_ai_and_switchboard_meters_after_requests() {
        double before = StreamRouteTest.metric("switchboard_requests_total", "provider=\"echo\"", "endpoint=\"generate\"",
                "outcome=\"ok\"");
        given().contentType("application/json").body(GenerateResourceTest.HELLO).queryParam("provider", "echo")
                .post("/v1/generate").then().statusCode(200);
        given().contentType("application/json").body(GenerateResourceTest.HELLO).queryParam("provider", "echo")
                .post("/v1/stream").then().statusCode(200);
        given().contentType("application/json").body(GenerateResourceTest.HELLO).queryParam("provider", "mock-429")
                .post("/v1/generate").then().statusCode(429);
        assertThat(StreamRouteTest.metric("switchboard_requests_total", "provider=\"echo\"", "endpoint=\"generate\"",
                "outcome=\"ok\"")).isEqualTo(before + 1);
        assertThat(StreamRouteTest.metric("switchboard_requests_total", "provider=\"mock-429\"",
                "outcome=\"provider_error\"")).isGreaterThanOrEqualTo(1);
        assertThat(StreamRouteTest.metric("switchboard_upstream_errors_total", "provider=\"mock-429\"", "status=\"429\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(StreamRouteTest.metric("gen_ai_client_operation_duration_seconds_count", "gen_ai_provider_name=\"mock\"",
                "gen_ai_request_model=\"echo-1\"", "gen_ai_operation_name=\"chat\"")).isGreaterThanOrEqualTo(2);
        assertThat(StreamRouteTest.metric("gen_ai_client_token_usage_tokens_count", "gen_ai_token_type=\"input\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(StreamRouteTest.metric("switchboard_stream_time_to_first_event_seconds_count", "provider=\"echo\""))
                .isGreaterThanOrEqualTo(1);
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(text).contains("switchboard_streams_active");
    }

    /** The requests counted under one {@code uri} and {@code status} in {@code http_server_requests_seconds}. */
    private static double httpCount(String uri, int status) {
        return Prometheus.series("http_server_requests_seconds_count").stream()
                .filter(line -> line.contains("uri=\"" + uri + "\"") && line.contains("status=\"" + status + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void should_count_a_doors_error_answers_under_its_route_template() {
        Map<String, Double> before = new LinkedHashMap<>();
        for (String door : List.of("/v1/generate", "/v1/chat/completions", "/v1/messages")) {
            before.put(door, httpCount(door, 400));
        }
        double rateLimitedBefore = httpCount("/v1/generate", 429);

        given().contentType("application/json").body("{not json").post("/v1/generate").then().statusCode(400);
        given().contentType("application/json").body("{\"model\":\"mock\"}").post("/v1/chat/completions").then()
                .statusCode(400);
        given().contentType("application/json").body("{not json").post("/v1/messages").then().statusCode(400);
        given().contentType("application/json").body(GenerateResourceTest.HELLO).queryParam("provider", "mock-429")
                .post("/v1/generate").then().statusCode(429);

        // the dashboard counts the /v1 requests with uri=~"/v1/.*": an error answer counted as uri="UNKNOWN" is missed
        before.forEach((door, count) -> assertThat(httpCount(door, 400)).as("400 answers of " + door)
                .isEqualTo(count + 1));
        assertThat(httpCount("/v1/generate", 429)).as("429 answers of /v1/generate").isEqualTo(rateLimitedBefore + 1);
    }

    @Test
    void should_report_liveness_and_readiness() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }
}
