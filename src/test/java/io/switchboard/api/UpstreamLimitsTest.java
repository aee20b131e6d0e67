package io.switchboard.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.providers.openai.Fixtures;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;
import io.switchboard.testsupport.OpenApiContract;

/** A backend cannot make the gateway hold an answer or a stream line of any size: 502 naming the limit. */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class UpstreamLimitsTest extends FakeUpstreamTest {

    @Test
    void should_answer_502_when_the_answer_is_larger_than_max_response_size() {
        String huge = Fixtures.read("openai/openai-chat-text.json").replace("{", "{\"padding\":\"" + "p".repeat(8000)
                + "\",");
        fake.enqueue(FakeUpstream.json(200, huge));
        given().filter(OpenApiContract.filter()).contentType("application/json").body(GenerateResourceTest.HELLO)
                .queryParam("provider", "openai-small").post("/v1/generate")
                .then().statusCode(502)
                .body("error.type", equalTo("provider_error"))
                .body("error.message", containsString("max-response-size (4096 bytes)"));
    }

    @Test
    void should_answer_502_when_an_error_body_is_larger_than_max_response_size() {
        fake.enqueue(FakeUpstream.json(500, "<html>" + "x".repeat(10_000) + "</html>"));
        given().contentType("application/json").body(GenerateResourceTest.HELLO)
                .queryParam("provider", "openai-small").post("/v1/generate")
                .then().statusCode(502)
                .body("error.message", containsString("max-response-size"));
    }

    @Test
    void should_end_the_stream_with_502_when_a_line_is_longer_than_max_line_size() {
        List<String> chunks = new ArrayList<>(List.of("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\""));
        for (int i = 0; i < 8; i++) {
            chunks.add("y".repeat(512));
        }
        fake.enqueue(FakeUpstream.sse(chunks).thenHang());
        given().filter(OpenApiContract.filter()).contentType("application/json").body(GenerateResourceTest.HELLO)
                .queryParam("provider", "openai-small").post("/v1/stream")
                .then().statusCode(502)
                .body("error.type", equalTo("provider_error"))
                .body("error.message", containsString("max-line-size (1024 bytes)"));
    }

    @Test
    void should_refuse_a_model_that_would_put_a_dot_segment_in_the_upstream_path() {
        for (String model : java.util.List.of("..", ".", "../../other", "a/../b", "x\r\ny")) {
            given().contentType("application/json").body(GenerateResourceTest.HELLO)
                    .queryParam("provider", "azure").queryParam("model", model).post("/v1/generate")
                    .then().statusCode(400)
                    .body("error.type", equalTo("invalid_request"))
                    .body("error.message", org.hamcrest.Matchers.startsWith("model: "));
        }
        org.assertj.core.api.Assertions.assertThat(fake.requests()).isEmpty();
    }
}
