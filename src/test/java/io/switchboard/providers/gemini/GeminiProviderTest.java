package io.switchboard.providers.gemini;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.switchboard.testsupport.Chunks;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;
import io.switchboard.testsupport.SseEvents;
import io.switchboard.testsupport.UpstreamSpec;

/** Gemini end to end: both endpoints against the fake upstream replaying the recorded exchanges. */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class GeminiProviderTest extends FakeUpstreamTest {

    private static final String GENERATE_PATH = "/v1beta/models/gemini-2.5-flash:generateContent";
    private static final String STREAM_PATH = "/v1beta/models/gemini-2.5-flash:streamGenerateContent";
    private static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"What is 4200 + 42?\"}]}";
    private static final String SEPARATOR = "\r\n\r\n";

    @TestHTTPResource("/v1/stream")
    URL streamUrl;

    private static List<SseEvents.Event> stream(String body) {
        String text = post("/v1/stream", "gemini", body).then().statusCode(200).extract().asString();
        return SseEvents.parse(text);
    }

    /** The sent body must match Google's published spec (the alt=sse query is checked by the test, not the spec). */
    private void assertSentToSpec(String specPath) {
        FakeUpstream.Received sent = fake.lastRequest();
        assertThat(sent.header("x-goog-api-key")).isEqualTo("test-key");
        assertThat(sent.uri).doesNotContain("key=").doesNotContain("test-key");
        UpstreamSpec.assertValid("gemini", specPath, sent);
    }

    // ---- generate ----

    @Test
    void should_generate_text_with_usage_and_finish_reason() {
        fake.enqueue(FakeUpstream.json(200, GeminiFixtures.read("text.json")));
        post("/v1/generate", "gemini", HELLO).then().statusCode(200)
                .body("content", startsWith("To calculate 4200 + 42:"))
                .body("thinking", nullValue())
                .body("finish_reason", equalTo("stop"))
                .body("usage.input_tokens", equalTo(13))
                .body("usage.output_tokens", equalTo(77))
                .body("usage.reasoning_tokens", equalTo(25))
                .body("metadata.provider", equalTo("gemini"))
                .body("metadata.model", equalTo("gemini-2.5-flash"))
                .body("metadata.provider_finish_reason", equalTo("STOP"));
        FakeUpstream.Received sent = fake.lastRequest();
        assertThat(sent.path).isEqualTo(GENERATE_PATH);
        assertThat(JsonPath.from(sent.body).getString("contents[0].role")).isEqualTo("user");
        assertThat(JsonPath.from(sent.body).getString("contents[0].parts[0].text")).isEqualTo("What is 4200 + 42?");
        assertThat(JsonPath.from(sent.body).getFloat("generationConfig.temperature")).isEqualTo(0.7f);
        assertSentToSpec(GENERATE_PATH);
    }

    @Test
    void should_generate_thinking_from_thought_parts() {
        fake.enqueue(FakeUpstream.json(200, GeminiFixtures.read("thought-parts.json")));
        post("/v1/generate", "gemini", "{\"thinking_budget\":6400,\"messages\":[{\"role\":\"user\",\"content\":\"primes?\"}]}")
                .then().statusCode(200)
                .body("thinking", startsWith("**Analyzing Prime Numbers"))
                .body("content", startsWith("The primes below 400"))
                .body("usage.reasoning_tokens", equalTo(1754));
        assertThat(JsonPath.from(fake.lastRequest().body).getInt("generationConfig.thinkingConfig.thinkingBudget"))
                .isEqualTo(6400);
        assertThat(JsonPath.from(fake.lastRequest().body).getBoolean("generationConfig.thinkingConfig.includeThoughts"))
                .isTrue();
        assertSentToSpec(GENERATE_PATH);
    }

    @Test
    void should_generate_parallel_tool_calls_with_the_signature_in_metadata() {
        fake.enqueue(FakeUpstream.json(200, GeminiFixtures.read("function-call-parallel.json")));
        JsonPath answer = post("/v1/generate", "gemini", TOOLS_CONTEXT).then().statusCode(200)
                .body("finish_reason", equalTo("tool_calls"))
                .body("tool_calls.size()", equalTo(2))
                .body("tool_calls[0].arguments.password", equalTo("mellon"))
                .body("tool_calls[1].arguments.password", equalTo("radiance"))
                .body("tool_calls[0].metadata.thought_signature", startsWith("CtICAdHtim9B"))
                .extract().jsonPath();
        assertThat(answer.getString("tool_calls[0].id")).isNotEqualTo(answer.getString("tool_calls[1].id"));
        JsonPath sent = JsonPath.from(fake.lastRequest().body);
        assertThat(sent.getString("tools[0].functionDeclarations[0].name")).isEqualTo("secret_retrieval_tool");
        assertThat(sent.getString("tools[0].functionDeclarations[0].parameters.type")).isEqualTo("OBJECT");
        assertThat(sent.getString("systemInstruction.parts[0].text")).isEqualTo("Use parallel tool calling.");
        assertSentToSpec(GENERATE_PATH);
    }

    @Test
    void should_generate_length_on_max_tokens() {
        fake.enqueue(FakeUpstream.json(200, GeminiFixtures.read("finish-max-tokens.json")));
        post("/v1/generate", "gemini",
                "{\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"List all U.S. states.\"}]}")
                .then().statusCode(200)
                .body("content", equalTo("Here is a list of all 50 U"))
                .body("finish_reason", equalTo("length"))
                .body("metadata.provider_finish_reason", equalTo("MAX_TOKENS"));
        assertThat(JsonPath.from(fake.lastRequest().body).getInt("generationConfig.maxOutputTokens")).isEqualTo(50);
    }

    @Test
    void should_answer_200_content_filter_when_safety_blocks_the_answer() {
        fake.enqueue(FakeUpstream.json(200, GeminiFixtures.read("finish-safety.json")));
        post("/v1/generate", "gemini", HELLO).then().statusCode(200)
                .body("content", equalTo(""))
                .body("finish_reason", equalTo("content_filter"))
                .body("metadata.provider_finish_reason", equalTo("SAFETY"));
    }

    @Test
    void should_answer_200_content_filter_when_the_prompt_is_blocked() {
        fake.enqueue(FakeUpstream.json(200, GeminiFixtures.read("synthetic-prompt-blocked.json")));
        post("/v1/generate", "gemini", HELLO).then().statusCode(200)
                .body("finish_reason", equalTo("content_filter"))
                .body("metadata.provider_finish_reason", equalTo("SAFETY"));
    }

    @Test
    void should_refuse_a_history_ending_with_a_model_turn_without_calling_gemini() {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"assistant\",\"content\":\"b\"}]}";
        post("/v1/generate", "gemini", body).then().statusCode(400)
                .body("error.type", equalTo("invalid_request"))
                .body("error.retryable", equalTo(false))
                .body("error.message", containsString("end with a user turn"));
        post("/v1/stream", "gemini", body).then().statusCode(400)
                .body("error.message", containsString("1 trailing"));
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void should_send_a_full_conversation_that_matches_the_published_spec() {
        fake.enqueue(FakeUpstream.json(200, GeminiFixtures.read("text.json")));
        post("/v1/generate", "gemini", FULL_CONTEXT).then().statusCode(200);
        JsonPath sent = JsonPath.from(fake.lastRequest().body);
        assertThat(sent.getString("contents[1].parts[1].thoughtSignature")).isEqualTo("c2lnLTE=");
        assertThat(sent.getString("contents[2].parts[0].functionResponse.name")).isEqualTo("get_weather");
        assertThat(sent.getString("contents[0].parts[1].inlineData.mimeType")).isEqualTo("image/png");
        assertThat(sent.getString("tools[0].functionDeclarations[0].parameters.properties.days.type")).isEqualTo("INTEGER");
        assertSentToSpec(GENERATE_PATH);
    }

    @Test
    void should_use_the_configured_base_path_model_max_tokens_and_thinking_level() {
        fake.enqueue(FakeUpstream.json(200, GeminiFixtures.read("text.json")));
        post("/v1/generate", "gemini-config", HELLO).then().statusCode(200).body("metadata.model",
                equalTo("gemini-3-pro-preview"));
        FakeUpstream.Received sent = fake.lastRequest();
        assertThat(sent.path).isEqualTo("/proxy/v1beta/models/gemini-3-pro-preview:generateContent");
        JsonPath body = JsonPath.from(sent.body);
        assertThat(body.getInt("generationConfig.maxOutputTokens")).isEqualTo(256);
        assertThat(body.getString("generationConfig.thinkingConfig.thinkingLevel")).isEqualTo("LOW");
        UpstreamSpec.assertValid("gemini", "/v1beta/models/gemini-3-pro-preview:generateContent", sent);
    }

    @Test
    void should_use_the_model_of_the_request_and_the_callers_key() {
        fake.enqueue(FakeUpstream.json(200, GeminiFixtures.read("text.json")));
        given().contentType("application/json")
                .body("{\"metadata\":{\"api_key\":\"caller-key-123\"},\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}")
                .queryParam("provider", "gemini").queryParam("model", "gemini-2.5-pro")
                .post("/v1/generate").then().statusCode(200);
        FakeUpstream.Received sent = fake.lastRequest();
        assertThat(sent.path).isEqualTo("/v1beta/models/gemini-2.5-pro:generateContent");
        assertThat(sent.header("x-goog-api-key")).isEqualTo("caller-key-123");
        assertThat(sent.body).doesNotContain("caller-key-123");
    }

    // ---- stream ----

    @Test
    void should_stream_text_split_every_seven_characters() {
        fake.enqueue(FakeUpstream.sse(Chunks.every(GeminiFixtures.read("text-stream.sse"), 7)));
        List<SseEvents.Event> events = stream(HELLO);
        assertThat(SseEvents.text(events)).isEqualTo("To find the sum of 4200 + 42, we can align the numbers by their"
                + " place values:\n\n  4200\n+   42\n------\n  4242\n\nSo, 4200 + 42 = **4242**.");
        assertThat(SseEvents.types(events)).containsExactly("text_delta", "text_delta", "done");
        JsonPath done = last(events);
        assertThat(done.getString("finish_reason")).isEqualTo("stop");
        assertThat(done.getInt("usage.input_tokens")).isEqualTo(13);
        assertThat(done.getInt("usage.output_tokens")).isEqualTo(63);
        assertThat(done.getInt("usage.reasoning_tokens")).isEqualTo(75);
        assertThat(done.getString("metadata.provider_finish_reason")).isEqualTo("STOP");
        assertThat(fake.lastRequest().uri).isEqualTo(STREAM_PATH + "?alt=sse");
        // the spec declares only $alt (json|media|proto); alt=sse is the documented SSE switch, so the
        // validator sees the path without it
        FakeUpstream.Received sent = fake.lastRequest();
        assertThat(sent.header("x-goog-api-key")).isEqualTo("test-key");
        UpstreamSpec.assertValid("gemini", STREAM_PATH, withoutQuery(sent));
    }

    @Test
    void should_stream_thoughts_as_thinking_deltas_split_inside_utf8() {
        fake.enqueue(FakeUpstream.sse(Chunks.everyBytes(GeminiFixtures.read("thought-parts-stream.sse"), 3)));
        List<SseEvents.Event> events = stream(
                "{\"thinking_budget\":6400,\"messages\":[{\"role\":\"user\",\"content\":\"primes?\"}]}");
        assertThat(SseEvents.types(events)).containsExactly("thinking_delta", "thinking_delta", "thinking_delta",
                "thinking_delta", "text_delta", "done");
        assertThat(SseEvents.thinking(events)).startsWith("**Analyzing Prime Substrings**").contains("79, 179, and 379");
        assertThat(SseEvents.text(events)).isEqualTo("3");
        assertThat(last(events).getInt("usage.reasoning_tokens")).isEqualTo(1947);
    }

    @Test
    void should_stream_parallel_function_calls_once_each_before_done() {
        fake.enqueue(FakeUpstream.sse(Chunks.after(GeminiFixtures.read("function-call-parallel-stream.sse"), SEPARATOR)));
        List<SseEvents.Event> events = stream(TOOLS_CONTEXT);
        assertThat(SseEvents.types(events)).containsExactly("tool_call", "tool_call", "done");
        assertThat(events.get(0).json().getString("arguments.password")).isEqualTo("mellon");
        assertThat(events.get(0).json().getString("metadata.thought_signature")).startsWith("CikB0e2Kbw5t");
        assertThat(events.get(1).json().getString("arguments.password")).isEqualTo("radiance");
        assertThat(last(events).getString("finish_reason")).isEqualTo("tool_calls");
        UpstreamSpec.assertValid("gemini", STREAM_PATH, withoutQuery(fake.lastRequest()));
    }

    @Test
    void should_collapse_a_function_call_repeated_across_chunks() {
        fake.enqueue(FakeUpstream.sse(Chunks.after(GeminiFixtures.read("synthetic-duplicate-function-call-stream.sse"),
                SEPARATOR)));
        List<SseEvents.Event> events = stream(TOOLS_CONTEXT);
        assertThat(SseEvents.types(events)).containsExactly("thinking_delta", "tool_call", "tool_call", "done");
        assertThat(events.get(1).json().getString("metadata.thought_signature")).isEqualTo("c2lnLXBhcmlz");
        assertThat(last(events).getInt("usage.cache_read_input_tokens")).isEqualTo(12);
    }

    static Stream<Arguments> endings() {
        return Stream.of(
                // fixture, event types, text, finish_reason, provider_finish_reason
                argumentSet("length from a max tokens frame", "finish-max-tokens-stream.sse",
                        List.of("text_delta", "done"), "Here are all 50 U.S.", "length", "MAX_TOKENS"),
                argumentSet("content_filter when safety stops the answer", "synthetic-safety-stream.sse",
                        List.of("text_delta", "done"), "Here is a joke about", "content_filter", "SAFETY"),
                argumentSet("done with content_filter when the prompt is blocked", "synthetic-prompt-blocked-stream.sse",
                        List.of("done"), "", "content_filter", "PROHIBITED_CONTENT"));
    }

    /** One read per frame (the one-frame recordings are then one read). */
    @ParameterizedTest
    @MethodSource("endings")
    void should_stream_the_finish_reason_of_the_recorded_end(String fixture, List<String> types, String text,
            String finishReason, String providerFinishReason) {
        fake.enqueue(FakeUpstream.sse(Chunks.after(GeminiFixtures.read(fixture), SEPARATOR)));
        List<SseEvents.Event> events = stream(HELLO);
        assertThat(SseEvents.types(events)).isEqualTo(types);
        assertThat(SseEvents.text(events)).isEqualTo(text);
        assertThat(last(events).getString("finish_reason")).isEqualTo(finishReason);
        assertThat(last(events).getString("metadata.provider_finish_reason")).isEqualTo(providerFinishReason);
    }

    @Test
    void should_accept_lf_only_separators_too() {
        String body = GeminiFixtures.read("text-stream.sse").replace(SEPARATOR, "\n\n");
        fake.enqueue(FakeUpstream.sse(Chunks.every(body, 11)));
        assertThat(SseEvents.text(stream(HELLO))).endsWith("**4242**.");
    }

    @Test
    void should_end_with_an_error_event_when_gemini_sends_an_error_frame() {
        fake.enqueue(FakeUpstream.sse(Chunks.after(GeminiFixtures.read("synthetic-error-mid-stream.sse"), SEPARATOR)));
        List<SseEvents.Event> events = stream(HELLO);
        assertThat(SseEvents.types(events)).containsExactly("text_delta", "error");
        assertThat(last(events).getInt("error.status_code")).isEqualTo(503);
        assertThat(last(events).getBoolean("error.retryable")).isTrue();
    }

    // ---- errors ----

    static Stream<Arguments> errors() {
        return Stream.of(
                // fixture, upstream status, endpoint, our status, retryable, overflow, Retry-After
                Arguments.of("error-400-api-key-invalid.error.json", 400, "/v1/generate", 502, false, false, null),
                Arguments.of("error-400-api-key-invalid-stream.error.json", 400, "/v1/stream", 502, false, false, null),
                Arguments.of("error-404-model-stream.error.json", 404, "/v1/stream", 404, false, false, null),
                Arguments.of("error-429-resource-exhausted-stream-request.error.json", 429, "/v1/stream", 429, true, false,
                        null),
                Arguments.of("synthetic-error-429-retry-info.error.json", 429, "/v1/generate", 429, true, false, "38"),
                Arguments.of("error-503-unavailable.error.json", 503, "/v1/generate", 502, true, false, null),
                Arguments.of("synthetic-error-400-token-count.error.json", 400, "/v1/generate", 400, false, true, null),
                Arguments.of("synthetic-error-400-invalid-argument.error.json", 400, "/v1/stream", 400, false, false,
                        null));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void should_map_google_error_envelopes(String fixture, int upstreamStatus, String endpoint, int status,
            boolean retryable, boolean overflow, String retryAfter) {
        // Gemini sends a failed stream's JSON error under text/event-stream
        String contentType = endpoint.equals("/v1/stream") ? "text/event-stream" : "application/json; charset=UTF-8";
        fake.enqueue(FakeUpstream.of(upstreamStatus, contentType, List.of(GeminiFixtures.read(fixture))));
        Response response = post(endpoint, "gemini", HELLO);
        response.then().statusCode(status)
                .body("error.type", equalTo("provider_error"))
                .body("error.provider", equalTo("gemini"))
                .body("error.status_code", equalTo(upstreamStatus))
                .body("error.retryable", equalTo(retryable))
                .body("error.context_overflow", equalTo(overflow))
                .body(not(containsString("test-key")));
        assertThat(response.header("Retry-After")).isEqualTo(retryAfter);
    }

    @Test
    void should_pass_on_401_when_the_callers_key_is_rejected() {
        fake.enqueue(FakeUpstream.json(400, GeminiFixtures.read("error-400-api-key-invalid.error.json")));
        post("/v1/generate", "gemini",
                "{\"metadata\":{\"api_key\":\"AIzaCallerKey0123456789\"},\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}")
                .then().statusCode(401)
                .body("error.status_code", equalTo(400))
                .body("error.message", containsString("API key not valid"))
                .body(not(containsString("AIzaCallerKey0123456789")));
    }

    @Test
    void should_list_gemini_as_a_streaming_vision_provider() {
        given().get("/v1/providers").then().statusCode(200)
                .body("providers.find { it.name == 'gemini' }.type", equalTo("gemini"))
                .body("providers.find { it.name == 'gemini' }.supports_streaming", equalTo(true))
                .body("providers.find { it.name == 'gemini' }.supports_vision", equalTo(true));
    }

    /**
     * The published spec declares only {@code $alt} (json, media, proto), not the documented
     * {@code alt=sse} switch, and the validator rejects unknown query parameters. The test asserts the
     * query itself, then replays the same body and headers to the fake at the path without it, so that
     * the body is still checked against the spec.
     */
    private FakeUpstream.Received withoutQuery(FakeUpstream.Received sent) {
        assertThat(sent.uri).isEqualTo(sent.path + "?alt=sse");
        fake.enqueue(FakeUpstream.json(200, "{}"));
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest.Builder replay = HttpRequest.newBuilder(URI.create(fake.url() + sent.path))
                    .header("Content-Type", "application/json")
                    .header("x-goog-api-key", sent.header("x-goog-api-key"))
                    .POST(HttpRequest.BodyPublishers.ofString(sent.body));
            client.send(replay.build(), HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        FakeUpstream.Received replayed = fake.lastRequest();
        assertThat(replayed.uri).isEqualTo(sent.path);
        return replayed;
    }

    private static final String TOOLS_CONTEXT = """
            {"system_prompt":"Use parallel tool calling.",
             "messages":[{"role":"user","content":"Please retrieve the secrets associated with each of these passwords: mellon,radiance"}],
             "tools":[{"name":"secret_retrieval_tool","description":"A tool that requires a password to retrieve a secret.",
               "parameters":{"type":"object","properties":{"password":{"type":"string","title":"Password"}},
                             "required":["password"],"additionalProperties":false}}]}""";

    private static final String FULL_CONTEXT = """
            {"system_prompt":"Be brief.","temperature":0.2,"max_tokens":300,"thinking_budget":512,
             "messages":[
               {"role":"user","content":[{"type":"text","text":"Weather for this place?"},
                 {"type":"image","url":"data:image/png;base64,iVBORw0KGgo="},
                 {"type":"image","url":"https://example.com/cat.jpg"}]},
               {"role":"assistant","content":[{"type":"thinking","thinking":"Call the tool.","signature":null},
                 {"type":"text","text":"Checking."},
                 {"type":"tool_call","id":"call_1","name":"get_weather","arguments":{"city":"Paris","days":2},
                  "metadata":{"thought_signature":"c2lnLTE="}}]},
               {"role":"tool","content":[{"type":"tool_result","tool_call_id":"call_1","name":"get_weather",
                 "result":[{"type":"text","text":"18C"},{"type":"image","url":"data:image/jpeg;base64,AAAA"}]}]},
               {"role":"user","content":"Thanks, and tomorrow?"}],
             "tools":[{"name":"get_weather","description":"Weather.","parameters":{
               "$schema":"http://json-schema.org/draft-07/schema#","type":"object","additionalProperties":false,
               "properties":{"city":{"type":"string","minLength":1},"days":{"type":["integer","null"],"default":1,"maximum":7},
                 "unit":{"anyOf":[{"type":"string","enum":["c","f"]},{"type":"null"}]}},"required":["city"]}}]}""";
}
