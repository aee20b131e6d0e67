package io.switchboard.providers;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FixtureFiles;
import io.switchboard.testsupport.InjectFakeUpstream;
import io.switchboard.testsupport.OpenApiContract;
import io.switchboard.testsupport.SseEvents;

/**
 * Every backend that names the model it answered with (often a dated snapshot of the alias asked
 * for) has that name in {@code metadata.response_model}, for a whole answer and in a stream's
 * {@code done}; {@code metadata.model} stays the model asked for. Traces take it as
 * {@code gen_ai.response.model}.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class ResponseModelTest {

    static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    @InjectFakeUpstream
    FakeUpstream fake;

    @BeforeEach
    void reset() {
        fake.reset();
    }

    /** provider, configured model, fixture of a whole answer, the model that fixture names. */
    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("openai", "gpt-4o", FakeUpstream.json(200, FixtureFiles.text("openai/openai-chat-text.json")),
                        "gpt-4o-2024-08-06"),
                Arguments.of("anthropic", "claude-sonnet-4-5",
                        FakeUpstream.json(200, FixtureFiles.text("anthropic/text.json")), "claude-sonnet-4-20250514"),
                Arguments.of("gemini-config", "gemini-3-pro-preview",
                        FakeUpstream.json(200, FixtureFiles.text("gemini/text.json")), "gemini-2.5-flash"),
                Arguments.of("mistral", "mistral-small-latest",
                        FakeUpstream.json(200, FixtureFiles.text("mistral/text.json")), "ministral-8b-latest"),
                Arguments.of("ollama", "qwen3:0.6b", FakeUpstream.json(200, FixtureFiles.text("ollama/text.json")),
                        "gemma3:4b"));
    }

    /** provider, fixture of a stream, the model that fixture names. */
    static Stream<Arguments> streams() {
        return Stream.of(
                Arguments.of("openai",
                        FakeUpstream.sse(List.of(FixtureFiles.text("openai/openai-chat-text-stream-include-usage.sse"))),
                        "gpt-4o-mini-2024-07-18"),
                Arguments.of("anthropic", FakeUpstream.sse(List.of(FixtureFiles.text("anthropic/text-stream.sse"))),
                        "claude-sonnet-4-20250514"),
                Arguments.of("gemini-config", FakeUpstream.sse(List.of(FixtureFiles.text("gemini/text-stream.sse"))),
                        "gemini-2.5-flash"),
                Arguments.of("mistral", FakeUpstream.sse(List.of(FixtureFiles.text("mistral/think-tags-stream.sse"))),
                        "mistral-small-latest"),
                Arguments.of("ollama",
                        FakeUpstream.ndjson(List.of(FixtureFiles.text("ollama/think-inline-stream.ndjson"))),
                        "qwen3:0.6b"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void should_report_the_model_the_backend_answered_with(String provider, String configured,
            FakeUpstream.Reply reply, String answered) {
        fake.enqueue(reply);

        JsonPath answer = given().filter(OpenApiContract.filter()).contentType("application/json").body(HELLO)
                .queryParam("provider", provider).post("/v1/generate").then().statusCode(200).extract().jsonPath();

        assertThat(answer.getString("metadata.response_model")).isEqualTo(answered);
        assertThat(answer.getString("metadata.model")).isEqualTo(configured);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void should_report_the_model_the_backend_streamed_with(String provider, FakeUpstream.Reply reply,
            String answered) {
        fake.enqueue(reply);

        String body = given().filter(OpenApiContract.filter()).contentType("application/json").body(HELLO)
                .queryParam("provider", provider).post("/v1/stream").then().statusCode(200).extract().asString();

        SseEvents.Event done = SseEvents.parse(body).stream().filter(event -> "done".equals(event.event()))
                .findFirst().orElseThrow(() -> new AssertionError("no done event in " + body));
        assertThat(done.json().getString("metadata.response_model")).isEqualTo(answered);
    }

    @Test
    void should_leave_it_out_when_the_backend_names_no_model() {
        JsonPath answer = given().contentType("application/json").body(HELLO).queryParam("provider", "echo")
                .post("/v1/generate").then().statusCode(200).extract().jsonPath();

        assertThat(answer.getMap("metadata")).doesNotContainKey("response_model").containsKey("model");
    }
}
