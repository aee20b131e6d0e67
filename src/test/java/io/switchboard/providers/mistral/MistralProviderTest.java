package io.switchboard.providers.mistral;

import static io.restassured.RestAssured.given;
import static io.switchboard.providers.mistral.MistralStreamParserTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.switchboard.testsupport.Chunks;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.InjectFakeUpstream;
import io.switchboard.testsupport.SseClient;
import io.switchboard.testsupport.SseEvents;
import io.switchboard.testsupport.UpstreamSpec;

@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class MistralProviderTest {

    private static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"How do I cross the street?\"}]}";

    @InjectFakeUpstream
    FakeUpstream fake;

    @BeforeEach
    void reset() {
        fake.reset();
    }

    private static Response post(String endpoint, String provider, String body) {
        return given().contentType("application/json").body(body).queryParam("provider", provider).post(endpoint);
    }

    private void assertSentToMistral(boolean stream) {
        FakeUpstream.Received sent = fake.lastRequest();
        assertThat(sent.path).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer test-key");
        assertThat(JsonPath.from(sent.body).getBoolean("stream")).isEqualTo(stream);
        UpstreamSpec.assertValid("mistral", "/v1/chat/completions", sent);
    }

    @Test
    void should_generate_text_from_a_recorded_answer() {
        fake.enqueue(FakeUpstream.json(200, fixture("text.json")));
        post("/v1/generate", "mistral", HELLO).then().statusCode(200)
                .body("content", equalTo("The capital of France is "))
                .body("thinking", nullValue())
                .body("finish_reason", equalTo("stop"))
                .body("usage.input_tokens", equalTo(28))
                .body("usage.output_tokens", equalTo(6))
                .body("metadata.provider", equalTo("mistral"))
                .body("metadata.model", equalTo("mistral-small-latest"))
                .body("metadata.provider_finish_reason", equalTo("stop"));
        assertSentToMistral(false);
    }

    @Test
    void should_generate_a_tool_call_and_send_tools_in_mistral_form() {
        fake.enqueue(FakeUpstream.json(200, fixture("tool-call.json")));
        post("/v1/generate", "mistral", """
                {"messages":[{"role":"user","content":"What's the weather in Paris?"}],
                 "tools":[{"name":"get_weather","description":"Get the current weather for a city.",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]}
                """).then().statusCode(200)
                .body("finish_reason", equalTo("tool_calls"))
                .body("tool_calls[0].id", equalTo("KikbB849t"))
                .body("tool_calls[0].name", equalTo("get_weather"))
                .body("tool_calls[0].arguments.city", equalTo("Paris"))
                .body("usage.cache_read_input_tokens", equalTo(76));
        assertSentToMistral(false);
        assertThat(JsonPath.from(fake.lastRequest().body).getString("tools[0].function.name")).isEqualTo("get_weather");
    }

    @Test
    void should_generate_magistral_thinking_and_text() {
        fake.enqueue(FakeUpstream.json(200, fixture("magistral-thinking.json")));
        post("/v1/generate", "mistral", HELLO).then().statusCode(200)
                .body("thinking", startsWith("**Analogizing crossing a river**"))
                .body("content", startsWith("Crossing a river is quite different"));
    }

    @Test
    void should_generate_thinking_of_mistral_small_and_send_reasoning_effort() {
        fake.enqueue(FakeUpstream.json(200, fixture("small-reasoning-effort.json")));
        post("/v1/generate", "mistral",
                "{\"thinking_budget\":1024,\"messages\":[{\"role\":\"user\",\"content\":\"What is 2+2?\"}]}")
                .then().statusCode(200)
                .body("content", equalTo("4"))
                .body("thinking", startsWith("The user is asking for the result of 2+2."));
        assertSentToMistral(false);
        assertThat(JsonPath.from(fake.lastRequest().body).getString("reasoning_effort")).isEqualTo("high");
    }

    @Test
    void should_stream_magistral_thinking_then_text_in_small_chunks() {
        // 61-byte reads split lines, JSON and UTF-8 characters; much smaller reads overflow the fake's recursive writer
        fake.enqueue(FakeUpstream.sse(Chunks.everyBytes(fixture("magistral-thinking-stream.sse"), 61)));
        String body = post("/v1/stream", "mistral", HELLO).then().statusCode(200).extract().asString();
        List<SseEvents.Event> events = SseEvents.parse(body);
        assertThat(SseEvents.thinking(events)).startsWith("Okay, the user is asking how to cross the street.");
        assertThat(SseEvents.text(events)).endsWith("you can ensure a safe crossing.");
        SseEvents.Event done = events.get(events.size() - 1);
        assertThat(done.event()).isEqualTo("done");
        assertThat(done.json().getString("finish_reason")).isEqualTo("stop");
        assertThat(done.json().getInt("usage.input_tokens")).isEqualTo(10);
        assertThat(done.json().getInt("usage.output_tokens")).isEqualTo(232);
        assertSentToMistral(true);
    }

    @Test
    void should_stream_tool_calls_and_translate_history_ids() {
        fake.enqueue(FakeUpstream.sse(Chunks.after(fixture("tool-call-stream.sse"), "\n\n")));
        String body = post("/v1/stream", "mistral",
                """
                        {"messages":[{"role":"user","content":"Weather in Paris?"},
                          {"role":"assistant","content":[{"type":"thinking","thinking":"Use the tool."},
                             {"type":"tool_call","id":"toolu_01A09q90qw90lq917835lq9","name":"get_weather","arguments":{"city":"Paris"}}]},
                          {"role":"tool","content":[{"type":"tool_result","tool_call_id":"toolu_01A09q90qw90lq917835lq9","name":"get_weather","result":"22C"}]},
                          {"role":"user","content":"And Lyon?"}],
                         "tools":[{"name":"get_weather","description":"Weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}]}
                        """)
                .then().statusCode(200).extract().asString();
        List<SseEvents.Event> events = SseEvents.parse(body);
        assertThat(SseEvents.types(events)).containsExactly("tool_call", "tool_call", "done");
        assertThat(events.get(0).json().getString("id")).isEqualTo("D681PevKs");
        assertThat(events.get(1).json().getString("arguments.city")).isEqualTo("Lyon");
        assertThat(events.get(2).json().getString("finish_reason")).isEqualTo("tool_calls");
        assertSentToMistral(true);
        JsonPath sent = JsonPath.from(fake.lastRequest().body);
        String callId = sent.getString("messages[1].tool_calls[0].id");
        assertThat(callId).matches("[A-Za-z0-9]{9}").isEqualTo(sent.getString("messages[2].tool_call_id"));
        assertThat(sent.getString("messages[1].content[0].type")).isEqualTo("thinking");
    }

    @Test
    void should_stream_think_tags_in_string_content_as_thinking() {
        fake.enqueue(FakeUpstream.sse(Chunks.every(fixture("think-tags-stream.sse"), 5)));
        List<SseEvents.Event> events = SseEvents.parse(
                post("/v1/stream", "mistral", HELLO).then().statusCode(200).extract().asString());
        assertThat(SseEvents.thinking(events)).isEqualTo("The user wants a number.");
        assertThat(SseEvents.text(events)).isEqualTo("42");
    }

    @Test
    void should_end_with_an_error_event_when_mistral_sends_an_error_object_mid_stream() {
        fake.enqueue(FakeUpstream.sse(Chunks.after(fixture("error-mid-stream.sse"), "\n\n")));
        List<SseEvents.Event> events = SseEvents.parse(
                post("/v1/stream", "mistral", HELLO).then().statusCode(200).extract().asString());
        assertThat(SseEvents.types(events)).containsExactly("text_delta", "text_delta", "error");
        JsonPath error = events.get(2).json();
        assertThat(error.getString("error.message")).contains("Service unavailable, please retry.");
        assertThat(error.getBoolean("error.retryable")).isTrue();
        assertThat(error.getString("error.provider")).isEqualTo("mistral");
    }

    @Test
    void should_end_with_a_retryable_error_event_when_the_stream_is_cut() {
        String body = fixture("model-length-stream.sse");
        fake.enqueue(FakeUpstream.sse(List.of(body.substring(0, body.indexOf("\n\n") + 2))).thenCut());
        List<SseEvents.Event> events = SseEvents.parse(
                post("/v1/stream", "mistral", HELLO).then().statusCode(200).extract().asString());
        assertThat(SseEvents.types(events)).containsExactly("text_delta", "error");
        assertThat(events.get(1).json().getBoolean("error.retryable")).isTrue();
    }

    @Test
    void should_cancel_the_upstream_when_the_client_hangs_up() throws Exception {
        String first = fixture("model-length-stream.sse");
        fake.enqueue(FakeUpstream.sse(List.of(first.substring(0, first.indexOf("\n\n") + 2))).thenHang());
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-port", Integer.class).orElse(8081);
        String read = SseClient.readFirstEventThenHangUp(
                URI.create("http://localhost:" + port + "/v1/stream?provider=mistral"), HELLO);
        assertThat(read).contains("Once upon");
        await().atMost(Duration.ofSeconds(5)).until(() -> fake.lastRequest().closedEarly());
    }

    @Test
    void should_time_out_with_504_when_mistral_never_answers() {
        fake.enqueue(FakeUpstream.hang());
        post("/v1/generate", "mistral-slow", HELLO).then().statusCode(504)
                .body("error.type", equalTo("provider_timeout"))
                .body("error.retryable", equalTo(true));
    }

    @Test
    void should_send_the_per_request_key_and_pass_its_401_on() {
        fake.enqueue(FakeUpstream.json(401, "{\"message\":\"Unauthorized\",\"request_id\":\"8c1e0d1a\"}"));
        String body = post("/v1/generate", "mistral", """
                {"metadata":{"api_key":"user-own-key-123"},"messages":[{"role":"user","content":"hi"}]}
                """).then().statusCode(401).body("error.type", equalTo("provider_error")).extract().asString();
        assertThat(fake.lastRequest().header("Authorization")).isEqualTo("Bearer user-own-key-123");
        assertThat(body).doesNotContain("user-own-key-123").doesNotContain("test-key");
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                // status, body, our status, type, retryable, overflow, Retry-After
                Arguments.of(401, "{\"message\":\"Unauthorized\",\"request_id\":\"8c1e0d1a\"}", 502, "provider_error",
                        false, false, null, "Unauthorized"),
                Arguments.of(400,
                        "{\"object\":\"error\",\"message\":\"Prompt contains 40005 tokens and 0 draft tokens, too large for model with 32768 maximum context length\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"3051\"}",
                        400, "provider_error", false, true, null, "32768 maximum context length"),
                Arguments.of(422,
                        "{\"object\":\"error\",\"message\":{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"messages\",0,\"content\"],\"msg\":\"Field required\",\"input\":{\"role\":\"user\"}}]},\"type\":\"invalid_request_message_error\",\"param\":null,\"code\":null}",
                        422, "provider_error", false, false, null, "body.messages.0.content: Field required"),
                Arguments.of(400,
                        "{\"object\":\"error\",\"message\":\"Invalid model: mistral-nope\",\"type\":\"invalid_model\",\"param\":null,\"code\":\"1500\"}",
                        400, "provider_error", false, false, null, "Invalid model: mistral-nope"),
                Arguments.of(429, "{\"message\":\"Requests rate limit exceeded\",\"request_id\":\"2b7f\"}", 429,
                        "provider_error", true, false, "7", "Requests rate limit exceeded"),
                Arguments.of(500,
                        "{\"object\":\"error\",\"message\":\"Internal server error\",\"type\":\"internal_server_error\",\"param\":null,\"code\":\"1000\"}",
                        502, "provider_error", true, false, null, "Internal server error"),
                Arguments.of(503,
                        "{\"object\":\"error\",\"message\":\"Service unavailable.\",\"type\":\"service_unavailable\",\"param\":null,\"code\":\"1000\"}",
                        502, "provider_error", true, false, "3", "Service unavailable."));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void should_map_mistral_errors_in_generate_and_stream(int upstream, String body, int status, String type,
            boolean retryable, boolean overflow, String retryAfter, String message) {
        for (String endpoint : List.of("/v1/generate", "/v1/stream")) {
            FakeUpstream.Reply reply = FakeUpstream.json(upstream, body);
            fake.enqueue(retryAfter == null ? reply : reply.withHeader("Retry-After", retryAfter));
            Response response = post(endpoint, "mistral", HELLO);
            response.then().statusCode(status)
                    .body("error.type", equalTo(type))
                    .body("error.status_code", equalTo(upstream))
                    .body("error.retryable", equalTo(retryable))
                    .body("error.context_overflow", equalTo(overflow))
                    .body("error.provider", equalTo("mistral"));
            assertThat(response.jsonPath().getString("error.message")).contains(message).doesNotContain("test-key");
            if (status == 429 || upstream == 503) {
                assertThat(response.header("Retry-After")).isEqualTo(retryAfter);
            }
        }
    }
}
