package io.switchboard.errors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;
import io.switchboard.testsupport.OpenApiContract;
import io.switchboard.testsupport.SseEvents;

/**
 * An error sent inside a 200 stream, by every backend family, is classified by its code or type
 * with the same table as an HTTP error: before the first event it is the HTTP error that status
 * stands for; after it, the stream's {@code error} event with the same classification.
 * {@code status_code} is the status the frame stated, or null when it stated none.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class InStreamErrorFramesTest extends FakeUpstreamTest {

    private static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    /** Provider, the reply's first event (text "Hi"), the error frame, and the expected classification. */
    static Stream<Arguments> frames() {
        String openAiText = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n";
        String anthropicText = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":"
                + "{\"input_tokens\":5,\"output_tokens\":1}}}\n\nevent: content_block_start\ndata: {\"type\":"
                + "\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
                + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                + "{\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\n";
        String geminiText = "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hi\"}]},"
                + "\"index\":0}]}\n\n";
        String ollamaText = "{\"model\":\"qwen3:0.6b\",\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},"
                + "\"done\":false}\n";
        return Stream.of(
                Arguments.of("openai", openAiText, "data: {\"error\":{\"code\":\"rate_limit_exceeded\",\"type\":\"tokens\","
                        + "\"message\":\"Rate limit reached for gpt-4o\"}}\n\n", 429, null, true, false),
                Arguments.of("openai", openAiText, "data: {\"error\":{\"code\":\"context_length_exceeded\",\"type\":"
                        + "\"invalid_request_error\",\"message\":\"too long\"}}\n\n", 400, null, false, true),
                Arguments.of("openai", openAiText, "data: {\"error\":{\"type\":\"server_error\",\"message\":\"boom\"}}\n\n",
                        502, null, true, false),
                Arguments.of("vllm", openAiText, "data: {\"error\":{\"object\":\"error\",\"message\":\"overloaded\","
                        + "\"type\":\"ServiceUnavailableError\",\"code\":503}}\n\n", 502, 503, true, false),
                Arguments.of("anthropic", anthropicText, "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":"
                        + "\"rate_limit_error\",\"message\":\"Number of request tokens has exceeded your rate limit\"}}\n\n",
                        429, null, true, false),
                Arguments.of("anthropic", anthropicText, "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":"
                        + "\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n", 502, null, true, false),
                Arguments.of("gemini", geminiText, "data: {\"error\":{\"code\":429,\"message\":\"Resource has been "
                        + "exhausted\",\"status\":\"RESOURCE_EXHAUSTED\"}}\n\n", 429, 429, true, false),
                Arguments.of("gemini", geminiText, "data: {\"error\":{\"message\":\"The service is currently "
                        + "unavailable.\",\"status\":\"UNAVAILABLE\"}}\n\n", 502, null, true, false),
                Arguments.of("mistral", openAiText, "data: {\"object\":\"error\",\"message\":\"Rate limit exceeded\","
                        + "\"type\":\"rate_limited\",\"param\":null,\"code\":\"1300\"}\n\n", 429, null, true, false),
                Arguments.of("ollama", ollamaText, "{\"error\":\"llama runner process has terminated\"}\n",
                        502, null, true, false));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("frames")
    void should_answer_the_classified_http_error_when_the_frame_comes_before_the_first_event(String provider,
            String firstEvent, String errorFrame, int status, Integer statusCode, boolean retryable, boolean overflow) {
        fake.enqueue(reply(provider, List.of(errorFrame)));

        Response response = given().filter(OpenApiContract.filter()).contentType("application/json").body(HELLO)
                .queryParam("provider", provider).post("/v1/stream");

        assertThat(response.statusCode()).isEqualTo(status);
        assertClassified(response.jsonPath(), provider, statusCode, retryable, overflow);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("frames")
    void should_end_the_stream_with_the_classified_error_event_when_the_frame_comes_after_the_first_event(
            String provider, String firstEvent, String errorFrame, int status, Integer statusCode, boolean retryable,
            boolean overflow) {
        fake.enqueue(reply(provider, List.of(firstEvent, errorFrame)));

        String body = given().filter(OpenApiContract.filter()).contentType("application/json").body(HELLO)
                .queryParam("provider", provider).post("/v1/stream").then().statusCode(200).extract().asString();

        OpenApiContract.assertValidStream(body);
        List<SseEvents.Event> events = SseEvents.parse(body);
        assertThat(SseEvents.types(events)).containsExactly("text_delta", "error");
        assertClassified(events.get(1).json(), provider, statusCode, retryable, overflow);
    }

    private static FakeUpstream.Reply reply(String provider, List<String> chunks) {
        return provider.equals("ollama") ? FakeUpstream.ndjson(chunks) : FakeUpstream.sse(chunks);
    }

    private static void assertClassified(JsonPath error, String provider, Integer statusCode, boolean retryable,
            boolean overflow) {
        assertThat(error.getString("error.type")).isEqualTo("provider_error");
        assertThat(error.getString("error.provider")).isEqualTo(provider);
        assertThat(error.<Integer> get("error.status_code")).isEqualTo(statusCode);
        assertThat(error.getBoolean("error.retryable")).isEqualTo(retryable);
        assertThat(error.getBoolean("error.context_overflow")).isEqualTo(overflow);
    }
}
