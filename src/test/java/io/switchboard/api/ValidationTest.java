package io.switchboard.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.OpenApiContract;

/** Every malformed body is a 4xx whose message starts with the field path; never a 500. */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class ValidationTest {

    static Stream<Arguments> malformed() {
        String user = "{\"role\":\"user\",\"content\":\"hi\"}";
        return Stream.of(
                Arguments.of("not json", "{\"messages\": [", "body"),
                Arguments.of("plain text", "hello", "body"),
                Arguments.of("empty body", "", "body"),
                Arguments.of("a JSON array", "[1,2]", "body"),
                Arguments.of("trailing garbage", "{\"messages\":[]} x", "body"),
                Arguments.of("messages not a list", "{\"messages\":\"hi\"}", "messages"),
                Arguments.of("message not an object", "{\"messages\":[42]}", "messages[0]"),
                Arguments.of("missing role", "{\"messages\":[{\"content\":\"hi\"}]}", "messages[0].role"),
                Arguments.of("unknown role", "{\"messages\":[{\"role\":\"robot\",\"content\":\"hi\"}]}", "messages[0].role"),
                Arguments.of("missing content", "{\"messages\":[{\"role\":\"user\"}]}", "messages[0].content"),
                Arguments.of("content a number", "{\"messages\":[{\"role\":\"user\",\"content\":42}]}", "messages[0].content"),
                Arguments.of("unknown part type", "{\"messages\":[" + user
                        + ",{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"video\"}]}]}",
                        "messages[1].content[1].type"),
                Arguments.of("part without type", "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"a\"}]}]}",
                        "messages[0].content[0].type"),
                Arguments.of("text part without text", "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}]}",
                        "messages[0].content[0].text"),
                Arguments.of("image without url", "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\"}]}]}",
                        "messages[0].content[0].url"),
                Arguments.of("image with ftp url",
                        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"url\":\"ftp://x/a.png\"}]}]}",
                        "messages[0].content[0].url"),
                Arguments.of("tool_result without tool_call_id",
                        "{\"messages\":[{\"role\":\"tool\",\"content\":[{\"type\":\"tool_result\",\"result\":\"ok\"}]}]}",
                        "messages[0].content[0].tool_call_id"),
                Arguments.of("tool_call without name",
                        "{\"messages\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_call\",\"id\":\"c1\",\"arguments\":{}}]}]}",
                        "messages[0].content[0].name"),
                Arguments.of("tool_call arguments a string",
                        "{\"messages\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_call\",\"id\":\"c1\",\"name\":\"f\",\"arguments\":\"{}\"}]}]}",
                        "messages[0].content[0].arguments"),
                Arguments.of("temperature too high", "{\"messages\":[" + user + "],\"temperature\":2.5}", "temperature"),
                Arguments.of("temperature negative", "{\"messages\":[" + user + "],\"temperature\":-0.1}", "temperature"),
                Arguments.of("temperature a string", "{\"messages\":[" + user + "],\"temperature\":\"hot\"}", "temperature"),
                Arguments.of("temperature a numeric string", "{\"messages\":[" + user + "],\"temperature\":\"0.5\"}",
                        "temperature"),
                Arguments.of("negative max_tokens", "{\"messages\":[" + user + "],\"max_tokens\":-5}", "max_tokens"),
                Arguments.of("fractional max_tokens", "{\"messages\":[" + user + "],\"max_tokens\":1.5}", "max_tokens"),
                Arguments.of("negative thinking_budget", "{\"messages\":[" + user + "],\"thinking_budget\":-1}",
                        "thinking_budget"),
                Arguments.of("enable_thinking a string", "{\"messages\":[" + user + "],\"enable_thinking\":\"yes\"}",
                        "enable_thinking"),
                Arguments.of("tool without name", "{\"messages\":[" + user + "],\"tools\":[{\"description\":\"d\"}]}",
                        "tools[0].name"),
                Arguments.of("duplicate tool names",
                        "{\"messages\":[" + user + "],\"tools\":[{\"name\":\"a\"},{\"name\":\"a\"}]}", "tools[1].name"),
                Arguments.of("tool parameters not an object",
                        "{\"messages\":[" + user + "],\"tools\":[{\"name\":\"a\",\"parameters\":[1]}]}",
                        "tools[0].parameters"),
                Arguments.of("metadata not an object", "{\"messages\":[" + user + "],\"metadata\":[1]}", "metadata"),
                Arguments.of("api_key not a string", "{\"messages\":[" + user + "],\"metadata\":{\"api_key\":42}}",
                        "metadata.api_key"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void should_answer_400_naming_the_field_on_generate(String name, String body, String field) {
        given().filter(OpenApiContract.filter().withoutRequestValidation())
                .contentType("application/json").body(body).post("/v1/generate")
                .then().statusCode(400)
                .body("error.type", equalTo("invalid_request"))
                .body("error.message", startsWith(field + ":"))
                .body("error.retryable", equalTo(false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void should_answer_400_naming_the_field_on_stream(String name, String body, String field) {
        given().filter(OpenApiContract.filter().withoutRequestValidation())
                .contentType("application/json").body(body).post("/v1/stream")
                .then().statusCode(400)
                .contentType("application/json")
                .body("error.type", equalTo("invalid_request"))
                .body("error.message", startsWith(field + ":"));
    }

    @org.junit.jupiter.api.Test
    void should_answer_413_when_the_body_is_over_the_limit() {
        String big = "{\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(1_100_000) + "\"}]}";
        for (String path : new String[] { "/v1/generate", "/v1/stream" }) {
            given().contentType("application/json").body(big).post(path)
                    .then().statusCode(413)
                    .body("error.type", equalTo("payload_too_large"))
                    .body("error.message", startsWith("body:"));
        }
    }
}
