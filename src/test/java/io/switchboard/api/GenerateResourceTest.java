package io.switchboard.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.OpenApiContract;

@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class GenerateResourceTest {

    static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}";

    private static RequestSpecification request(String body) {
        return given().filter(OpenApiContract.filter()).contentType("application/json").body(body);
    }

    @Test
    void should_answer_from_the_default_provider_when_none_is_named() {
        request(HELLO).when().post("/v1/generate")
                .then().statusCode(200)
                .header("X-Request-Id", matchesPattern("req_[a-z0-9]{24}"))
                .body("content", equalTo("Hello from the mock provider."))
                .body("thinking", nullValue())
                .body("tool_calls", hasSize(0))
                .body("usage.input_tokens", equalTo(2))
                .body("usage.output_tokens", equalTo(5))
                .body("metadata.provider", equalTo("mock"))
                .body("metadata.model", equalTo("mock-1"))
                .body("metadata.provider_finish_reason", equalTo("stop"))
                .body("finish_reason", equalTo("stop"));
    }

    @Test
    void should_serve_responses_round_robin() {
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(request(HELLO).queryParam("provider", "echo").post("/v1/generate")
                    .then().statusCode(200).extract().path("content"));
        }
        List<String> cycle = List.of("first", "second", "third");
        int start = cycle.indexOf(answers.get(0));
        assertThat(start).isNotNegative();
        for (int i = 0; i < 4; i++) {
            assertThat(answers.get(i)).isEqualTo(cycle.get((start + i) % 3));
        }
    }

    @Test
    void should_return_scripted_thinking_and_tool_calls_with_generated_ids() {
        request(HELLO).queryParam("provider", "mock-tools").post("/v1/generate")
                .then().statusCode(200)
                .body("content", equalTo("Let me check the weather."))
                .body("thinking", equalTo("The user wants the weather in Paris."))
                .body("finish_reason", equalTo("tool_calls"))
                .body("tool_calls", hasSize(2))
                .body("tool_calls[0].id", equalTo("call_1"))
                .body("tool_calls[0].name", equalTo("get_weather"))
                .body("tool_calls[0].arguments.city", equalTo("Paris"))
                .body("tool_calls[1].id", matchesPattern("call_[A-Za-z0-9]{24}"))
                .body("tool_calls[1].arguments.tz", equalTo("Europe/Paris"));
    }

    @Test
    void should_use_the_model_parameter_over_the_configured_model() {
        request(HELLO).queryParam("provider", "echo").queryParam("model", "echo-large").post("/v1/generate")
                .then().statusCode(200).body("metadata.model", equalTo("echo-large"));
    }

    @Test
    void should_echo_a_safe_client_request_id_and_replace_an_unsafe_one() {
        request(HELLO).header("X-Request-Id", "trace-42").post("/v1/generate")
                .then().statusCode(200).header("X-Request-Id", equalTo("trace-42"))
                .body("metadata.request_id", equalTo("trace-42"));
        request(HELLO).header("X-Request-Id", "bad id with spaces").post("/v1/generate")
                .then().statusCode(200).header("X-Request-Id", matchesPattern("req_[a-z0-9]{24}"));
    }

    @Test
    void should_answer_404_not_found_for_an_unknown_provider() {
        request(HELLO).queryParam("provider", "nope").post("/v1/generate")
                .then().statusCode(404)
                .body("error.type", equalTo("not_found"))
                .body("error.message", containsString("nope"))
                .body("error.retryable", equalTo(false));
    }

    @Test
    void should_map_a_provider_429_to_429_retryable_with_status_code() {
        request(HELLO).queryParam("provider", "mock-429").post("/v1/generate")
                .then().statusCode(429)
                .body("error.type", equalTo("provider_error"))
                .body("error.provider", equalTo("mock-429"))
                .body("error.status_code", equalTo(429))
                .body("error.retryable", equalTo(true))
                .body("error.context_overflow", equalTo(false))
                .body("error.message", containsString("Rate limit reached"));
    }

    @Test
    void should_fall_back_to_the_next_route_target_on_a_retryable_failure() {
        request(HELLO).queryParam("provider", "assistant").post("/v1/generate")
                .then().statusCode(200)
                .body("metadata.provider", equalTo("echo"));
    }

    @Test
    void should_reject_a_model_override_on_a_route() {
        request(HELLO).queryParam("provider", "assistant").queryParam("model", "x").post("/v1/generate")
                .then().statusCode(400)
                .body("error.type", equalTo("invalid_request"))
                .body("error.message", containsString("model"));
    }

    @Test
    void should_never_echo_the_per_request_api_key() {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"metadata\":{\"api_key\":\"sk-secret-value-123\"}}";
        String answer = request(body).post("/v1/generate").then().statusCode(200).extract().asString();
        assertThat(answer).doesNotContain("sk-secret-value-123");
        String failed = request(body).queryParam("provider", "mock-429").post("/v1/generate")
                .then().statusCode(429).extract().asString();
        assertThat(failed).doesNotContain("sk-secret-value-123");
    }

    @Test
    void should_list_providers_and_routes() {
        given().filter(OpenApiContract.filter()).get("/v1/providers")
                .then().statusCode(200)
                .body("default_provider", equalTo("mock"))
                .body("providers.find { it.name == 'mock' }.type", equalTo("mock"))
                .body("providers.find { it.name == 'mock' }.model", equalTo("mock-1"))
                .body("providers.find { it.name == 'mock' }.supports_streaming", equalTo(true))
                .body("routes.find { it.name == 'assistant' }.targets", equalTo(List.of("mock-429", "echo")))
                .header("X-Request-Id", not(equalTo("")));
    }
}
