package io.switchboard.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.Prometheus;

/**
 * The operator endpoints ({@code /v1/providers}, {@code /v1/routes}) and unknown paths keep the HTTP answers
 * a resource framework gave them: another method is a 405 and an Accept without JSON a 406, both in the error
 * envelope; OPTIONS lists the methods, HEAD answers as GET without a body; a path nothing serves is a 404 in the
 * envelope that names the doors there are; and the HTTP metrics name a route by its template, not by the name in the path.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class OperatorEndpointsHttpTest {

    private static void assertEnvelope(Response response, int status, String type, String message) {
        response.then().statusCode(status).contentType(equalTo("application/json"))
                .body("error.type", equalTo(type)).body("error.message", equalTo(message))
                .body("error.request_id", equalTo(response.header(RequestIds.HEADER)));
    }

    @Test
    void should_answer_a_method_the_path_does_not_serve_with_405_in_the_envelope() {
        assertEnvelope(given().post("/v1/providers"), 405, "invalid_request", "method not allowed");
        assertEnvelope(given().delete("/v1/routes"), 405, "invalid_request", "method not allowed");
    }

    @Test
    void should_answer_a_client_that_accepts_no_json_with_406_in_the_envelope() {
        assertEnvelope(given().accept("text/plain").get("/v1/providers"), 406, "invalid_request", "not acceptable");
    }

    @Test
    void should_list_the_methods_for_options_and_answer_head_without_a_body() {
        assertThat(allowed(given().options("/v1/routes/some-room")))
                .containsExactlyInAnyOrder("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "PUT");
        assertThat(allowed(given().options("/v1/providers"))).containsExactlyInAnyOrder("GET", "HEAD", "OPTIONS");
        given().head("/v1/providers").then().statusCode(200)
                .contentType(equalTo("application/json;charset=UTF-8")).body(emptyString());
        given().get("/v1/providers").then().statusCode(200).contentType(equalTo("application/json;charset=UTF-8"))
                .body("providers", notNullValue());
    }

    @Test
    void should_answer_a_path_nothing_serves_with_404_in_the_envelope_naming_the_doors() {
        for (String path : List.of("/v1/no-such-door", "/v1/audio/speech", "/v1/routes/a/b", "/nothing")) {
            Response response = given().get(path);
            response.then().statusCode(404).contentType(equalTo("application/json"))
                    .body("error.type", equalTo("not_found"))
                    .body("error.message", allOf(startsWith("no such endpoint; Switchboard serves "),
                            containsString("POST /v1/chat/completions"), containsString("POST /v1/messages")))
                    .body("error.request_id", notNullValue());
        }
    }

    @Test
    void should_answer_a_method_a_door_does_not_take_with_405_in_the_envelope() {
        assertEnvelope(given().get("/v1/generate"), 405, "invalid_request", "method not allowed");
        given().get("/v1/chat/completions").then().statusCode(405).body("error.type", equalTo("invalid_request_error"))
                .body("error.message", equalTo("method not allowed"));
    }

    private static List<String> allowed(Response response) {
        response.then().statusCode(200);
        return Arrays.stream(response.header("Allow").split(",")).map(String::strip).toList();
    }

    @Test
    void should_name_a_route_by_its_template_in_the_http_metrics() {
        given().get("/v1/routes/room-in-a-metric").then().statusCode(403);

        assertThat(Prometheus.series("http_server_requests_seconds_count"))
                .anyMatch(line -> line.contains("uri=\"/v1/routes/{name}\"") && line.contains("method=\"GET\""))
                .noneMatch(line -> line.contains("room-in-a-metric"));
    }
}
