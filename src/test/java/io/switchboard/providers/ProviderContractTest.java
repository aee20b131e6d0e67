package io.switchboard.providers;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.switchboard.providers.ContractBackends.Backend;
import io.switchboard.providers.ContractBackends.UpstreamError;
import io.switchboard.testsupport.Chunks;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;
import io.switchboard.testsupport.OpenApiContract;
import io.switchboard.testsupport.SseClient;

/**
 * What every network provider type does the same way, end to end through {@code /v1/generate} and
 * {@code /v1/stream} against the fake upstream, with every answer checked against {@code openapi.yaml}:
 * a stream cut mid-way, a client that hangs up, an upstream that never answers or stalls, a stream
 * cut into reads at every boundary, the table of upstream error statuses, and credentials that never
 * leave the gateway. Each test runs once per type in {@link ContractBackends} (openai, azure, vllm,
 * mistral, anthropic, gemini, ollama), all in one running application. Behaviour that only one backend
 * has stays in that provider's own test, named after the quirk.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class ProviderContractTest extends FakeUpstreamTest {

    private static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"Hello?\"}]}";
    private static final String CALLER_KEY = "caller-own-key-4711";
    private static final List<String> ENDPOINTS = List.of("/v1/generate", "/v1/stream");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Upstream status, the gateway's status, retryable: the same for every provider. */
    private static final int[][] STATUS_TABLE = {
            { 400, 400, 0 }, { 401, 502, 0 }, { 403, 502, 0 }, { 404, 404, 0 }, { 408, 504, 1 }, { 413, 413, 0 },
            { 422, 422, 0 }, { 429, 429, 1 }, { 500, 502, 1 }, { 502, 502, 1 }, { 503, 502, 1 }, { 504, 504, 1 },
            { 529, 502, 1 } };

    @TestHTTPResource("/v1/stream")
    URL streamUrl;

    static List<Backend> backends() {
        return ContractBackends.all();
    }

    // ---- streams

    static Stream<Arguments> cuts() {
        return backends().stream().flatMap(backend -> {
            ContractBackends.Wire wire = backend.wire();
            String body = wire.deltas("Hé", "llo ☀️", "!") + wire.end();
            return Stream.of(
                    argumentSet(backend + " in one read", backend, wire.reply(Chunks.wholeBytes(body))),
                    argumentSet(backend + " one frame per read", backend,
                            wire.reply(Chunks.afterBytes(body, wire.separator()))),
                    // the pause makes every byte its own read: every boundary (in lines, JSON, characters) is crossed
                    argumentSet(backend + " one byte per read", backend,
                            wire.reply(Chunks.everyBytes(body, 1)).withDelay(Duration.ofMillis(1))));
        });
    }

    @ParameterizedTest
    @MethodSource("cuts")
    void should_stream_the_same_events_wherever_the_body_is_cut(Backend backend, FakeUpstream.Reply reply) {
        fake.enqueue(reply);
        List<JsonNode> events = validStream(backend.provider(), HELLO);
        assertThat(types(events)).containsExactly("text_delta", "text_delta", "text_delta", "done");
        assertThat(text(events)).isEqualTo("Héllo ☀️!");
        JsonNode done = events.getLast();
        assertThat(done.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(done.path("usage").path("input_tokens").asInt()).isEqualTo(3);
        assertThat(done.path("usage").path("output_tokens").asInt()).isEqualTo(5);
        assertThat(done.path("metadata").path("provider").asText()).isEqualTo(backend.provider());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void should_end_with_a_retryable_error_event_when_the_stream_is_cut(Backend backend) {
        fake.enqueue(backend.wire().reply(List.of(backend.wire().deltas("Hel", "lo"))).thenCut());
        List<JsonNode> events = validStream(backend.provider(), HELLO);
        assertThat(types(events)).containsExactly("text_delta", "text_delta", "error");
        assertThat(text(events)).isEqualTo("Hello");
        assertRetryableError(events.getLast(), backend.provider());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void should_end_with_a_retryable_error_event_when_the_body_ends_before_the_stream_does(Backend backend) {
        fake.enqueue(backend.wire().reply(List.of(backend.wire().deltas("Hel", "lo"))));
        List<JsonNode> events = validStream(backend.provider(), HELLO);
        assertThat(types(events)).containsExactly("text_delta", "text_delta", "error");
        assertRetryableError(events.getLast(), backend.provider());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void should_cancel_the_upstream_call_when_the_client_hangs_up(Backend backend) throws Exception {
        fake.enqueue(backend.wire().reply(List.of(backend.wire().deltas("Hel"))).thenHang());
        String read = SseClient.readFirstEventThenHangUp(URI.create(streamUrl + "?provider=" + backend.provider()), HELLO);
        assertThat(read).contains("event: text_delta").contains("Hel");
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(5))
                .until(() -> fake.lastRequest().closedEarly());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void should_answer_504_on_both_endpoints_when_the_upstream_never_answers(Backend backend) {
        // before the first event nothing is committed (keep-alives start with it), so a stream answers a plain 504 too;
        // both calls wait out the timeout at once
        fake.enqueue(FakeUpstream.hang()).enqueue(FakeUpstream.hang());
        List<CompletableFuture<Response>> calls = ENDPOINTS.stream()
                .map(endpoint -> CompletableFuture.supplyAsync(() -> call(endpoint, slow(backend), HELLO))).toList();
        for (CompletableFuture<Response> call : calls) {
            call.join().then().statusCode(504).contentType("application/json")
                    .body("error.type", equalTo("provider_timeout"))
                    .body("error.retryable", equalTo(true))
                    .body("error.provider", equalTo(slow(backend)));
        }
        assertThat(fake.requests()).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void should_end_with_a_timeout_error_event_when_the_stream_stalls(Backend backend) {
        fake.enqueue(backend.wire().reply(List.of(backend.wire().deltas("Hel"))).thenHang());
        List<JsonNode> events = validStream(slow(backend), HELLO);
        assertThat(types(events)).containsExactly("text_delta", "error");
        assertThat(events.getLast().path("error").path("type").asText()).isEqualTo("provider_timeout");
        assertRetryableError(events.getLast(), slow(backend));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void should_end_with_an_error_event_when_the_backend_reports_an_error_mid_stream(Backend backend) {
        fake.enqueue(
                backend.wire().reply(List.of(backend.wire().deltas("Hel"), backend.wire().errorFrame("the model fell over"))));
        List<JsonNode> events = validStream(backend.provider(), HELLO);
        assertThat(types(events)).containsExactly("text_delta", "error");
        assertThat(events.getLast().path("error").path("message").asText()).contains("the model fell over");
        assertRetryableError(events.getLast(), backend.provider());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void should_answer_an_http_error_when_the_stream_starts_with_an_error(Backend backend) {
        fake.enqueue(backend.wire().reply(List.of(backend.wire().errorFrame("the model fell over"))));
        call("/v1/stream", backend.provider(), HELLO).then().statusCode(502).contentType("application/json")
                .body("error.message", containsString("the model fell over"))
                .body("error.retryable", equalTo(true))
                .body("error.provider", equalTo(backend.provider()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void should_stream_the_events_of_a_whole_answer_when_the_backend_does_not_stream(Backend backend) {
        // some OpenAI-compatible servers and proxies ignore "stream": true and answer as a non-streaming call
        fake.enqueue(FakeUpstream.json(200, backend.wire().whole("Let me check.")));
        List<JsonNode> events = validStream(backend.provider(), HELLO);
        assertThat(types(events)).containsExactly("text_delta", "tool_call", "done");
        assertThat(text(events)).isEqualTo("Let me check.");
        assertThat(events.get(1).path("name").asText()).isEqualTo("get_weather");
        assertThat(events.get(1).path("arguments").path("city").asText()).isEqualTo("Paris");
        JsonNode done = events.getLast();
        assertThat(done.path("finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(done.path("usage").path("input_tokens").asInt()).isEqualTo(3);
        assertThat(done.path("usage").path("output_tokens").asInt()).isEqualTo(5);
        assertThat(done.path("metadata").path("provider").asText()).isEqualTo(backend.provider());
        assertThat(fake.requests()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void should_answer_a_malformed_answer_when_a_whole_answer_cannot_be_read(Backend backend) {
        fake.enqueue(FakeUpstream.json(200, "{\"choices\": \"not a list\", \"candidates\": 1, \"content\": 2,"
                + " \"message\": 3}"));
        call("/v1/stream", backend.provider(), HELLO).then().statusCode(502).contentType("application/json")
                .body("error.type", equalTo("provider_error"))
                .body("error.message", containsString("malformed answer"))
                .body("error.retryable", equalTo(false));
    }

    // ---- errors

    static Stream<Arguments> errors() {
        return backends().stream().flatMap(backend -> {
            Stream<UpstreamError> table = Stream.of(STATUS_TABLE).map(row -> new UpstreamError("HTTP " + row[0], row[0],
                    backend.wire().errorBody(row[0], "upstream says " + row[0]), row[1], row[2] == 1, false,
                    "upstream says " + row[0]));
            UpstreamError overflow = new UpstreamError("context overflow", 400, backend.wire().overflowBody(), 400, false, true,
                    backend.wire().overflowMessage());
            return Stream.of(table, Stream.of(overflow), backend.recordedErrors().stream()).flatMap(s -> s)
                    .map(error -> argumentSet(backend + " " + error.name(), backend, error));
        });
    }

    @ParameterizedTest
    @MethodSource("errors")
    void should_map_an_upstream_error_the_same_way_on_both_endpoints(Backend backend, UpstreamError error) {
        for (String endpoint : ENDPOINTS) {
            fake.enqueue(FakeUpstream.json(error.status(), error.body()).withHeader("Retry-After", "7"));
            Response response = call(endpoint, backend.provider(), HELLO);
            assertThat(response.statusCode()).as(endpoint).isEqualTo(error.expected());
            assertThat(response.contentType()).startsWith("application/json");
            JsonNode body = json(response.asString()).path("error");
            assertThat(body.path("type").asText()).isEqualTo("provider_error");
            assertThat(body.path("status_code").asInt()).isEqualTo(error.status());
            assertThat(body.path("retryable").asBoolean()).as(endpoint + " retryable").isEqualTo(error.retryable());
            assertThat(body.path("context_overflow").asBoolean()).isEqualTo(error.overflow());
            assertThat(body.path("provider").asText()).isEqualTo(backend.provider());
            assertThat(body.path("message").asText()).contains(error.message());
            // a delay is passed on only where waiting helps: rate limits and an unavailable server
            boolean delayed = error.status() == 429 || error.status() == 503;
            assertThat(response.header("Retry-After")).as(endpoint).isEqualTo(delayed ? "7" : null);
        }
    }

    // ---- credentials

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void should_send_the_callers_key_and_never_echo_a_key_when_it_is_rejected(Backend backend) {
        String quoted = "key " + CALLER_KEY + " is not valid (configured: " + backend.configuredKey() + ")";
        String body = "{\"metadata\":{\"api_key\":\"" + CALLER_KEY + "\"},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello?\"}]}";
        for (String endpoint : ENDPOINTS) {
            fake.enqueue(FakeUpstream.json(401, backend.wire().errorBody(401, quoted)));
            // a rejected per-request key is the caller's fault: its 401 is passed on, unlike a configured key's
            String answer = call(endpoint, backend.keyedProvider(), body).then().statusCode(401)
                    .body("error.message", containsString("is not valid")).extract().asString();
            assertThat(backend.sentKey(fake.lastRequest())).isEqualTo(CALLER_KEY);
            assertThat(fake.lastRequest().body).doesNotContain(CALLER_KEY);
            assertThat(answer).doesNotContain(CALLER_KEY);
            if (backend.configuredKey() != null) {
                assertThat(answer).doesNotContain(backend.configuredKey());
            }
        }
    }

    /** The types configured with a key of their own (a local vLLM is used without one). */
    static List<Backend> keyedBackends() {
        return backends().stream().filter(backend -> backend.configuredKey() != null).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyedBackends")
    void should_send_the_configured_key_and_scrub_it_from_an_error_mid_stream(Backend backend) {
        fake.enqueue(backend.wire().reply(List.of(backend.wire().deltas("Hel"),
                backend.wire().errorFrame("key " + backend.configuredKey() + " was revoked"))));
        String body = call("/v1/stream", backend.keyedProvider(), HELLO).then().statusCode(200).extract().asString();
        List<JsonNode> events = OpenApiContract.assertValidStream(body);
        assertThat(backend.sentKey(fake.lastRequest())).isEqualTo(backend.configuredKey());
        assertThat(types(events)).containsExactly("text_delta", "error");
        assertThat(events.getLast().path("error").path("message").asText()).contains("was revoked");
        assertThat(body).doesNotContain(backend.configuredKey());
    }

    // ---- helpers

    /** {@code <provider>-slow}: the same provider with 250 ms timeouts. */
    private static String slow(Backend backend) {
        return backend.provider() + "-slow";
    }

    private static Response call(String endpoint, String provider, String body) {
        return given().filter(OpenApiContract.filter()).contentType("application/json").body(body)
                .queryParam("provider", provider).post(endpoint);
    }

    /** The events of a 200 stream, each checked against the contract. */
    private static List<JsonNode> validStream(String provider, String body) {
        return OpenApiContract.assertValidStream(
                call("/v1/stream", provider, body).then().statusCode(200).extract().asString());
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(event -> event.path("type").asText()).toList();
    }

    private static String text(List<JsonNode> events) {
        StringBuilder text = new StringBuilder();
        events.stream().filter(event -> "text_delta".equals(event.path("type").asText()))
                .forEach(event -> text.append(event.path("text").asText()));
        return text.toString();
    }

    private static void assertRetryableError(JsonNode event, String provider) {
        assertThat(event.path("type").asText()).isEqualTo("error");
        assertThat(event.path("error").path("retryable").asBoolean()).as("retryable").isTrue();
        assertThat(event.path("error").path("provider").asText()).isEqualTo(provider);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
