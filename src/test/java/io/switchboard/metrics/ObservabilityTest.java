package io.switchboard.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.prometheus.client.exemplars.ExemplarSampler;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.switchboard.providers.openai.Fixtures;
import io.switchboard.testsupport.AccessLogLines;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.InjectFakeUpstream;
import io.switchboard.testsupport.Prometheus;
import io.switchboard.testsupport.RawHttp;

/**
 * Percentiles, the overhead figure and the access log, end to end through the HTTP API against the
 * fake upstream, with tracing off (no OTLP endpoint configured).
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class ObservabilityTest {

    static final String PROMPT = "observability prompt text";
    static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}";
    static final String ANSWER = "observability answer text";
    static final Duration UPSTREAM_PAUSE = Duration.ofMillis(1500);

    @InjectFakeUpstream
    FakeUpstream fake;

    @Inject
    Optional<ExemplarSampler> exemplarSampler;

    @TestHTTPResource("/")
    URI root;

    private final AccessLogLines access = new AccessLogLines(AccessLog.CATEGORY);

    @BeforeEach
    void setUp() {
        fake.reset();
        access.attach();
    }

    @AfterEach
    void tearDown() {
        access.detach();
    }

    /** An OpenAI answer whose body arrives {@link #UPSTREAM_PAUSE} after the headers. */
    private static FakeUpstream.Reply slowAnswer() {
        return FakeUpstream.of(200, "application/json", List.of("", Fixtures.read("openai/openai-chat-text.json")))
                .withDelay(UPSTREAM_PAUSE);
    }

    /** An OpenAI stream whose first delta arrives {@link #UPSTREAM_PAUSE} after the headers. */
    private static FakeUpstream.Reply slowStream() {
        return FakeUpstream.sse(List.of(": warming up\n\n", Fixtures.content(ANSWER) + Fixtures.chunk("{}", "stop")
                + "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3,\"total_tokens\":10}}\n\n" + Fixtures.DONE))
                .withDelay(UPSTREAM_PAUSE);
    }

    private static Response post(String endpoint, String provider, String requestId, String body) {
        return given().contentType("application/json").header("X-Request-Id", requestId).body(body)
                .queryParam("provider", provider).post(endpoint);
    }

    private static double overheadMs(Response response) {
        String header = response.header(AccessLog.OVERHEAD_HEADER);
        assertThat(header).as(AccessLog.OVERHEAD_HEADER).matches("\\d+\\.\\d{3}");
        return Double.parseDouble(header);
    }

    @Test
    void should_publish_buckets_for_every_histogram() {
        fake.enqueue(slowAnswer().withDelay(Duration.ZERO));
        fake.enqueue(slowStream().withDelay(Duration.ZERO));
        post("/v1/generate", "openai", "buckets-1", HELLO).then().statusCode(200);
        post("/v1/stream", "openai", "buckets-2", HELLO).then().statusCode(200);

        assertThat(buckets("switchboard_request_duration_seconds_bucket", "provider=\"openai\""))
                .contains(0.01, 0.16, 1.28, 10.24, 81.92);
        assertThat(buckets("gen_ai_client_operation_duration_seconds_bucket", "gen_ai_provider_name=\"openai\""))
                .contains(0.01, 0.16, 1.28, 10.24, 81.92);
        assertThat(buckets("switchboard_stream_time_to_first_event_seconds_bucket", "provider=\"openai\""))
                .contains(0.001, 0.01, 0.1, 1.0, 10.0);
        assertThat(buckets("gen_ai_server_time_to_first_token_seconds_bucket", "gen_ai_provider_name=\"openai\""))
                .contains(0.001, 0.01, 0.1, 1.0, 10.0);
        assertThat(buckets("switchboard_upstream_duration_seconds_bucket", "provider=\"openai\"",
                "endpoint=\"stream\"")).contains(0.001, 0.01, 0.1, 1.0, 10.0, 80.0);
        assertThat(buckets("switchboard_upstream_duration_seconds_bucket", "provider=\"openai\"",
                "endpoint=\"generate\"")).contains(0.001, 0.01, 0.1, 1.0, 10.0, 80.0);
        assertThat(buckets("switchboard_gateway_overhead_seconds_bucket", "endpoint=\"generate\""))
                .as("sub-millisecond buckets").contains(0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.01, 0.1);
        assertThat(buckets("gen_ai_client_token_usage_tokens_bucket", "gen_ai_token_type=\"output\""))
                .contains(1.0, 16.0, 1024.0, 65536.0);
    }

    /** The {@code le} values of a histogram's bucket series with these labels. */
    private static Set<Double> buckets(String name, String... labels) {
        Set<Double> bounds = new TreeSet<>();
        for (String line : Prometheus.series(name)) {
            boolean all = true;
            for (String label : labels) {
                all &= line.contains(label);
            }
            int le = line.indexOf("le=\"");
            if (all && le >= 0) {
                String bound = line.substring(le + 4, line.indexOf('"', le + 4));
                if (!bound.equals("+Inf")) {
                    bounds.add(Double.parseDouble(bound));
                }
            }
        }
        assertThat(bounds).as(name + " buckets").isNotEmpty();
        return bounds;
    }

    @Test
    void should_leave_the_upstream_wait_out_of_the_overhead_of_an_answer() {
        fake.enqueue(slowAnswer());
        long start = System.nanoTime();
        Response response = post("/v1/generate", "openai", "overhead-generate", HELLO);
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        response.then().statusCode(200);
        assertThat(tookMs).isGreaterThanOrEqualTo(UPSTREAM_PAUSE.toMillis());
        assertThat(overheadMs(response)).isLessThan(UPSTREAM_PAUSE.toMillis());
    }

    @Test
    void should_measure_a_stream_overhead_up_to_its_first_event() {
        fake.enqueue(slowStream());
        long start = System.nanoTime();
        Response response = post("/v1/stream", "openai", "overhead-stream", HELLO);
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        response.then().statusCode(200);
        assertThat(response.asString()).contains(ANSWER);
        assertThat(tookMs).isGreaterThanOrEqualTo(UPSTREAM_PAUSE.toMillis());
        assertThat(overheadMs(response)).isLessThan(UPSTREAM_PAUSE.toMillis());
    }

    @Test
    void should_put_the_overhead_on_error_answers_too() {
        Response response = post("/v1/generate", "no-such-provider", "overhead-404", HELLO);

        response.then().statusCode(404);
        assertThat(overheadMs(response)).isGreaterThanOrEqualTo(0);
    }

    @Test
    void should_write_one_json_access_line_per_request_without_keys_or_content() throws Exception {
        String callerKey = "sk-caller-" + UUID.randomUUID();
        String requestId = "access-" + UUID.randomUUID();
        fake.enqueue(slowStream().withDelay(Duration.ZERO));
        Response response = post("/v1/stream", "openai", requestId, "{\"messages\":[{\"role\":\"user\",\"content\":\""
                + PROMPT + "\"}],\"metadata\":{\"api_key\":\"" + callerKey + "\"}}");
        response.then().statusCode(200);

        List<String> lines = access.awaitLines(requestId, 1);
        assertThat(lines).hasSize(1);
        String line = lines.get(0);
        assertThat(line).doesNotContain(callerKey).doesNotContain("test-key").doesNotContain(PROMPT)
                .doesNotContain(ANSWER).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.fieldNames()).toIterable().containsExactly("request_id", "trace_id", "span_id", "method",
                "endpoint", "key", "route", "provider", "model", "status", "error_type", "attempts", "duration_ms",
                "time_to_first_event_ms", "overhead_ms", "upstream_ms", "tokens_in", "tokens_out", "cost_usd");
        assertThat(json.get("request_id").asText()).isEqualTo(requestId);
        assertThat(json.get("trace_id").isNull()).as("no trace without tracing").isTrue();
        assertThat(json.get("endpoint").asText()).isEqualTo("/v1/stream");
        assertThat(json.get("route").asText()).isEqualTo("openai");
        assertThat(json.get("provider").asText()).isEqualTo("openai");
        assertThat(json.get("model").asText()).isEqualTo("gpt-4o");
        assertThat(json.get("status").asInt()).isEqualTo(200);
        assertThat(json.get("error_type").isNull()).isTrue();
        assertThat(json.get("attempts").asInt()).isEqualTo(1);
        assertThat(json.get("duration_ms").asDouble()).isPositive();
        assertThat(json.get("time_to_first_event_ms").asDouble()).isPositive()
                .isLessThanOrEqualTo(json.get("duration_ms").asDouble());
        assertThat(json.get("overhead_ms").asDouble()).isEqualTo(overheadMs(response));
        assertThat(json.get("tokens_in").asInt()).isEqualTo(7);
        assertThat(json.get("tokens_out").asInt()).isEqualTo(3);
    }

    @Test
    void should_name_route_provider_and_model_for_the_openai_compatible_api() {
        String requestId = "access-chat-" + UUID.randomUUID();
        fake.enqueue(slowAnswer().withDelay(Duration.ZERO));
        given().contentType("application/json").header("X-Request-Id", requestId)
                .body("{\"model\":\"openai\",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}")
                .post("/v1/chat/completions").then().statusCode(200);

        JsonNode line = access.awaitLine(requestId);
        assertThat(line.get("endpoint").asText()).isEqualTo("/v1/chat/completions");
        assertThat(line.get("route").asText()).isEqualTo("openai");
        assertThat(line.get("provider").asText()).isEqualTo("openai");
        assertThat(line.get("model").asText()).isEqualTo("gpt-4o");
        assertThat(line.get("status").asInt()).isEqualTo(200);
        assertThat(line.get("attempts").asInt()).isEqualTo(1);
        assertThat(line.get("tokens_in").asInt()).isEqualTo(16);
        assertThat(line.toString()).doesNotContain(PROMPT);
    }

    @Test
    void should_name_the_route_and_the_target_that_answered_for_the_anthropic_compatible_api() {
        // route "assistant": mock-429 refuses, echo answers
        String requestId = "access-messages-" + UUID.randomUUID();
        given().contentType("application/json").header("X-Request-Id", requestId)
                .body("{\"model\":\"assistant\",\"max_tokens\":64,\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}")
                .post("/v1/messages").then().statusCode(200);

        JsonNode line = access.awaitLine(requestId);
        assertThat(line.get("endpoint").asText()).isEqualTo("/v1/messages");
        assertThat(line.get("route").asText()).isEqualTo("assistant");
        assertThat(line.get("provider").asText()).isEqualTo("echo");
        assertThat(line.get("model").asText()).isEqualTo("echo-1");
        assertThat(line.get("status").asInt()).isEqualTo(200);
        assertThat(line.get("attempts").asInt()).isEqualTo(2);
        assertThat(line.get("time_to_first_event_ms").asDouble()).isPositive();
    }

    @Test
    void should_name_the_default_provider_when_the_request_names_none() {
        String requestId = "access-default-" + UUID.randomUUID();
        given().contentType("application/json").header("X-Request-Id", requestId).body(HELLO).post("/v1/generate")
                .then().statusCode(200);

        JsonNode line = access.awaitLine(requestId);
        String defaultProvider = ConfigProvider.getConfig().getOptionalValue("switchboard.default-provider",
                String.class).orElse("mock");
        assertThat(line.get("route").asText()).isEqualTo(defaultProvider);
        assertThat(line.get("provider").asText()).isEqualTo(defaultProvider);
    }

    @Test
    void should_keep_the_access_log_off_the_console_in_the_tests() {
        String requestId = "access-quiet-" + UUID.randomUUID();
        post("/v1/generate", "mock", requestId, HELLO).then().statusCode(200);

        access.awaitLine(requestId);
        java.util.logging.Logger category = java.util.logging.Logger.getLogger(AccessLog.CATEGORY);
        assertThat(category.getHandlers()).as("the handlers of the access log category").containsExactly(access);
        assertThat(category.getUseParentHandlers()).as("the root's console handler").isFalse();
    }

    @Test
    void should_log_the_error_type_of_a_failed_request() throws Exception {
        String requestId = "access-error-" + UUID.randomUUID();
        fake.enqueue(FakeUpstream.json(429, Fixtures.read("openai/openai-chat-error-429-rate-limit-tokens.json")));
        post("/v1/generate", "openai", requestId, HELLO).then().statusCode(429);
        String refusedId = "access-refused-" + UUID.randomUUID();
        post("/v1/generate", "openai", refusedId, "{not json").then().statusCode(400);

        JsonNode failed = new ObjectMapper().readTree(access.awaitLines(requestId, 1).get(0));
        assertThat(failed.get("status").asInt()).isEqualTo(429);
        assertThat(failed.get("error_type").asText()).isEqualTo("provider_error");
        assertThat(failed.get("attempts").asInt()).isEqualTo(1);
        JsonNode refused = new ObjectMapper().readTree(access.awaitLines(refusedId, 1).get(0));
        assertThat(refused.get("status").asInt()).isEqualTo(400);
        assertThat(refused.get("error_type").asText()).isEqualTo("invalid_request");
        assertThat(refused.get("attempts").asInt()).isZero();
    }

    @Test
    void should_log_the_compatible_doors_refusals_with_their_error_type() throws Exception {
        String chatId = "access-chat-" + UUID.randomUUID();
        given().contentType("application/json").header("X-Request-Id", chatId).body("{\"model\":\"mock\"}")
                .post("/v1/chat/completions").then().statusCode(400);
        String messagesId = "access-messages-" + UUID.randomUUID();
        given().contentType("application/json").header("X-Request-Id", messagesId).body("{not json")
                .post("/v1/messages").then().statusCode(400);

        for (String requestId : List.of(chatId, messagesId)) {
            JsonNode line = new ObjectMapper().readTree(access.awaitLines(requestId, 1).get(0));
            assertThat(line.get("status").asInt()).as(requestId).isEqualTo(400);
            assertThat(line.get("error_type").asText()).as(requestId).isEqualTo("invalid_request");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "generate", "stream" })
    void should_log_a_call_whose_client_left_before_the_answer_as_499_cancelled(String endpoint) throws Exception {
        fake.enqueue(FakeUpstream.hang());
        double cancelledBefore = cancelledCalls(endpoint);
        String requestId = "access-gone-" + endpoint + "-" + UUID.randomUUID();

        try (Socket client = new Socket("127.0.0.1", root.getPort())) {
            byte[] body = HELLO.getBytes(StandardCharsets.UTF_8);
            OutputStream out = client.getOutputStream();
            out.write(("POST /v1/" + endpoint + "?provider=openai HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: "
                    + requestId + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            // the upstream has the call and will never answer: the client gives up
            await().atMost(Duration.ofSeconds(5)).until(() -> !fake.requests().isEmpty());
        }

        JsonNode line = access.awaitLine(requestId);
        assertThat(line.get("status").asInt()).isEqualTo(AccessLog.CLIENT_CLOSED);
        assertThat(line.get("error_type").asText()).isEqualTo("cancelled");
        assertThat(line.get("provider").asText()).isEqualTo("openai");
        assertThat(line.get("attempts").asInt()).isEqualTo(1);
        assertThat(cancelledCalls(endpoint)).isEqualTo(cancelledBefore + 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> fake.lastRequest().closedEarly());
    }

    /** {@code switchboard_requests_total} of the openai provider on this endpoint with the cancelled outcome. */
    private static double cancelledCalls(String endpoint) {
        return Prometheus.series("switchboard_requests_total").stream()
                .filter(line -> line.contains("provider=\"openai\"") && line.contains("endpoint=\"" + endpoint + "\"")
                        && line.contains("outcome=\"cancelled\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** Characters that end a line or reorder text somewhere a log line is read, one of each kind. */
    static final String LINE_BREAKERS = "\u0085\u2028\u2029\u202a\u202e\u2066\u2069\u200f\u009b";

    @Test
    void should_cut_and_escape_a_model_name_in_the_access_line() throws Exception {
        String model = "m" + LINE_BREAKERS + "x".repeat(240);
        String requestId = "access-model-" + UUID.randomUUID();
        // The door refuses such a model (Names), so the line is the refusal's: still one escaped line, and the
        // model it names, if any, is never written raw.
        given().contentType("application/json").header("X-Request-Id", requestId).body(HELLO)
                .queryParam("provider", "echo").queryParam("model", model).post("/v1/generate").then().statusCode(400);

        String raw = access.awaitLines(requestId, 1).get(0);
        assertOneEscapedLine(raw);
        JsonNode line = new ObjectMapper().readTree(raw);
        assertThat(line.get("error_type").asText()).isEqualTo("invalid_request");
        if (line.hasNonNull("model")) {
            assertThat(line.get("model").asText()).isEqualTo(model.substring(0, AccessLog.MAX_TEXT));
        }
    }

    @Test
    void should_not_cut_between_the_halves_of_a_surrogate_pair() {
        String model = "x".repeat(AccessLog.MAX_TEXT - 1) + "\ud83d\ude00" + "y".repeat(10);
        String requestId = "access-pair-" + UUID.randomUUID();
        given().contentType("application/json").header("X-Request-Id", requestId).body(HELLO)
                .queryParam("provider", "echo").queryParam("model", model).post("/v1/generate").then().statusCode(200);

        assertThat(access.awaitLine(requestId).get("model").asText()).isEqualTo("x".repeat(AccessLog.MAX_TEXT - 1));
    }

    @Test
    void should_cut_and_escape_a_raw_path_in_the_access_line() throws Exception {
        // The HTTP codec refuses C0 and C1 bytes in the request line (400, before any route); other bytes above
        // ASCII arrive as the ISO-8859-1 characters, among them U+00AD, an invisible format character.
        String path = "/v1/generate/\u00ad\u00e9" + "p".repeat(1_000);
        String requestId = "access-path-" + UUID.randomUUID();
        assertThat(RawHttp.send(root.getPort(), "POST", path, HELLO, "X-Request-Id: " + requestId).status())
                .isEqualTo(404);

        String raw = access.awaitLines(requestId, 1).get(0);
        assertOneEscapedLine(raw);
        assertThat(raw).contains("\"/v1/generate/\\u00AD\u00e9ppp");
        JsonNode line = new ObjectMapper().readTree(raw);
        assertThat(line.get("endpoint").asText()).isEqualTo(path.substring(0, AccessLog.MAX_TEXT));
    }

    /** One line, with no raw character that a terminal, log viewer or collector takes for a line break or bidi control. */
    private static void assertOneEscapedLine(String raw) {
        assertThat(raw.codePoints().filter(c -> c < 0x20 || c >= 0x7f && c <= 0x9f || c == 0x2028 || c == 0x2029
                || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069 || c == 0x200e || c == 0x200f
                || c == 0x00ad))
                .as("unescaped control, separator or bidi characters in " + raw).isEmpty();
    }

    @Test
    void should_neither_trace_nor_send_traceparent_without_an_endpoint() {
        fake.enqueue(slowAnswer().withDelay(Duration.ZERO));
        post("/v1/generate", "openai", "untraced", HELLO).then().statusCode(200);

        assertThat(ConfigProvider.getConfig().getValue("quarkus.otel.sdk.disabled", Boolean.class)).isTrue();
        assertThat(fake.lastRequest().header("traceparent")).isNull();
    }

    /**
     * Tracing off: the Prometheus registry has no exemplar sampler, which would otherwise look for a
     * current span on every recorded value of every request, with never one to find.
     */
    @Test
    void should_sample_no_exemplars_while_tracing_is_off() {
        assertThat(exemplarSampler).isEmpty();
        String metrics = given().accept("application/openmetrics-text; version=1.0.0; charset=utf-8").get("/q/metrics")
                .then().statusCode(200).extract().asString();
        assertThat(metrics).contains("switchboard_gateway_overhead_seconds_bucket").doesNotContain("trace_id=");
    }
}
