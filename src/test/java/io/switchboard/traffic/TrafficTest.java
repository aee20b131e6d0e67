package io.switchboard.traffic;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;
import io.switchboard.testsupport.OpenApiContract;
import io.switchboard.testsupport.SseEvents;

/**
 * Retries, circuit breakers, balancing strategies, concurrency limits and context-window fallback, end to
 * end through {@code /v1/generate} and {@code /v1/stream} against the fake upstream's scripted replies (the
 * providers are in the test application.properties, with short delays).
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class TrafficTest extends FakeUpstreamTest {

    static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    static final String ANSWER = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o\",\"choices\":"
            + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello there\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}";

    /** One call's outcome, the same shape for both endpoints. */
    record Outcome(int status, String text, JsonNode metadata, JsonNode error, String retryAfter, long millis,
            List<String> events) {

        String provider() {
            return metadata.path("provider").asText();
        }

        int attempts() {
            return metadata.path("attempts").asInt(-1);
        }
    }

    static FakeUpstream.Reply answer(String endpoint) {
        return endpoint.equals("generate") ? FakeUpstream.json(200, ANSWER)
                : FakeUpstream.sse(List.of(chunk("{\"role\":\"assistant\",\"content\":\"Hello\"}", null),
                        chunk("{\"content\":\" there\"}", null), chunk("{}", "stop"), "data: [DONE]\n\n"));
    }

    static String chunk(String delta, String finish) {
        return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o\",\"choices\":"
                + "[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
                + (finish == null ? "null" : "\"" + finish + "\"") + "}]}\n\n";
    }

    static FakeUpstream.Reply status(int status) {
        return FakeUpstream.json(status, "{\"error\":{\"message\":\"scripted " + status + "\",\"type\":\"x\"}}");
    }

    static Outcome call(String endpoint, String provider) {
        return call(endpoint, provider, true);
    }

    /** @param validate check the answer against openapi.yaml (skipped in the loops of hundreds of calls) */
    static Outcome call(String endpoint, String provider, boolean validate) {
        long start = System.nanoTime();
        RequestSpecification request = validate ? given().filter(OpenApiContract.filter()) : given();
        Response response = request.contentType("application/json").body(HELLO).queryParam("provider", provider)
                .post("/v1/" + endpoint);
        long millis = (System.nanoTime() - start) / 1_000_000;
        String body = response.asString();
        String retryAfter = response.header("Retry-After");
        if (response.statusCode() != 200) {
            JsonNode error = read(body).path("error");
            return new Outcome(response.statusCode(), null, null, error, retryAfter, millis, List.of());
        }
        if (endpoint.equals("generate")) {
            JsonNode json = read(body);
            return new Outcome(200, json.path("content").asText(), json.path("metadata"), null, retryAfter, millis,
                    List.of());
        }
        List<JsonNode> events = validate ? OpenApiContract.assertValidStream(body)
                : SseEvents.parse(body).stream().map(e -> read(e.data())).toList();
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e.path("type").asText().equals("text_delta"))
                .forEach(e -> text.append(e.path("text").asText()));
        JsonNode last = events.getLast();
        List<String> types = events.stream().map(e -> e.path("type").asText()).toList();
        return last.path("type").asText().equals("done")
                ? new Outcome(200, text.toString(), last.path("metadata"), null, retryAfter, millis, types)
                : new Outcome(200, text.toString(), null, last.path("error"), retryAfter, millis, types);
    }

    static JsonNode read(String body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    // ---- retries ----

    /**
     * The retry policy, for both endpoints: the upstream's scripted failures (an answer is queued after them),
     * the provider called, the gateway's status, how many upstream calls it made, and what else the outcome
     * shows.
     */
    static Stream<Arguments> retries() {
        return Stream.of("generate", "stream").flatMap(endpoint -> Stream.of(
                retry("answers after two retries", endpoint, "retrying", List.of(status(503), status(503)), 200, 3,
                        outcome -> {
                            assertThat(outcome.text()).isEqualTo("Hello there");
                            assertThat(outcome.provider()).isEqualTo("retrying");
                            assertThat(outcome.attempts()).isEqualTo(3);
                        }),
                retry("gives up after the configured retries", endpoint, "retrying",
                        List.of(status(503), status(503), status(503)), 502, 3, outcome -> {
                            assertThat(outcome.error().path("status_code").asInt()).isEqualTo(503);
                            assertThat(outcome.error().path("retryable").asBoolean()).isTrue();
                        }),
                retry("does not retry with retries zero", endpoint, "single-shot", List.of(status(503)), 502, 1,
                        outcome -> assertThat(outcome.error().path("status_code").asInt()).isEqualTo(503)),
                retry("never retries a client error", endpoint, "retrying", List.of(status(400)), 400, 1,
                        outcome -> assertThat(outcome.error().path("retryable").asBoolean()).isFalse()),
                retry("waits for the upstream Retry-After", endpoint, "retrying",
                        List.of(status(429).withHeader("Retry-After", "1")), 200, 2, outcome -> {
                            assertThat(outcome.attempts()).isEqualTo(2);
                            assertThat(outcome.millis()).isGreaterThanOrEqualTo(1000);
                        }),
                retry("does not wait for a Retry-After over the maximum delay", endpoint, "retrying",
                        List.of(status(429).withHeader("Retry-After", "30")), 429, 1, outcome -> {
                            assertThat(outcome.retryAfter()).isEqualTo("30");
                            assertThat(outcome.millis()).isLessThan(1000);
                        })));
    }

    static Arguments retry(String name, String endpoint, String provider, List<FakeUpstream.Reply> failures,
            int status, int upstreamCalls, Consumer<Outcome> more) {
        return argumentSet(name + " (" + endpoint + ")", endpoint, provider, failures, status, upstreamCalls, more);
    }

    @ParameterizedTest
    @MethodSource("retries")
    void should_retry_as_configured(String endpoint, String provider, List<FakeUpstream.Reply> failures, int status,
            int upstreamCalls, Consumer<Outcome> more) {
        failures.forEach(fake::enqueue);
        fake.enqueue(answer(endpoint));

        Outcome outcome = call(endpoint, provider);

        assertThat(outcome.status()).isEqualTo(status);
        more.accept(outcome);
        assertThat(fake.requests()).hasSize(upstreamCalls);
    }

    @Test
    void should_retry_a_stream_before_its_first_event_and_never_after() {
        fake.enqueue(FakeUpstream.sse(List.of()).thenCut()).enqueue(answer("stream"));
        Outcome before = call("stream", "retrying");
        assertThat(before.events()).containsExactly("text_delta", "text_delta", "done");
        assertThat(before.attempts()).isEqualTo(2);
        assertThat(fake.requests()).hasSize(2);

        fake.reset();
        fake.enqueue(FakeUpstream.sse(List.of(chunk("{\"role\":\"assistant\",\"content\":\"Hel\"}", null))).thenCut())
                .enqueue(answer("stream"));
        Outcome after = call("stream", "retrying");
        assertThat(after.events()).containsExactly("text_delta", "error");
        assertThat(after.text()).isEqualTo("Hel");
        assertThat(after.error().path("retryable").asBoolean()).isTrue();
        assertThat(fake.requests()).hasSize(1);
    }

    // ---- circuit breaker ----

    @ParameterizedTest
    @ValueSource(strings = { "generate", "stream" })
    void should_open_the_breaker_refuse_without_calling_then_probe_and_close(String endpoint) {
        assertThat(breakerState("fragile")).isEqualTo("closed");
        for (int i = 0; i < 4; i++) {
            fake.enqueue(status(503));
            assertThat(call(endpoint, "fragile").status()).isEqualTo(502);
        }
        assertThat(breakerState("fragile")).isEqualTo("open");

        Outcome refused = call(endpoint, "fragile");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.error().path("type").asText()).isEqualTo("provider_unavailable");
        assertThat(refused.error().path("retryable").asBoolean()).isTrue();
        assertThat(refused.retryAfter()).isIn("1", "2");
        assertThat(fake.requests()).hasSize(4);

        await().atMost(Duration.ofSeconds(5)).until(() -> breakerState("fragile").equals("half_open"));
        fake.enqueue(answer(endpoint));
        Outcome probe = call(endpoint, "fragile");
        assertThat(probe.status()).isEqualTo(200);
        assertThat(probe.attempts()).isEqualTo(1);
        assertThat(fake.requests()).hasSize(5);
        assertThat(breakerState("fragile")).isEqualTo("closed");
    }

    static String breakerState(String provider) {
        List<Map<String, Object>> providers = given().filter(OpenApiContract.filter()).get("/v1/providers").then()
                .statusCode(200).extract().jsonPath().getList("providers");
        return providers.stream().filter(p -> provider.equals(p.get("name"))).findFirst()
                .map(p -> (String) p.get("circuit_breaker")).orElseThrow();
    }

    // ---- routes ----

    @ParameterizedTest
    @ValueSource(strings = { "generate", "stream" })
    void should_share_requests_by_weight(String endpoint) {
        Map<String, Integer> served = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            served.merge(call(endpoint, "shares", false).provider(), 1, Integer::sum);
        }
        // weights 3:1 over 200 requests: 150 expected, 6.1 the standard deviation
        assertThat(served.get("heavy")).isBetween(120, 180);
        assertThat(served.get("heavy") + served.get("light")).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = { "generate", "stream" })
    void should_prefer_the_faster_target(String endpoint) {
        Map<String, Integer> served = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            Outcome outcome = call(endpoint, "fastest", false);
            if (i >= 10) {
                served.merge(outcome.provider(), 1, Integer::sum);
            }
        }
        assertThat(served.getOrDefault("quick", 0)).isGreaterThanOrEqualTo(18);
    }

    @ParameterizedTest
    @ValueSource(strings = { "generate", "stream" })
    void should_fail_over_from_a_dead_target(String endpoint) {
        fake.enqueue(answer(endpoint));

        Outcome outcome = call(endpoint, "survivor");

        assertThat(outcome.status()).isEqualTo(200);
        assertThat(outcome.provider()).isEqualTo("retrying");
        // the dead target once and its one retry, then the live one
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(fake.requests()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = { "generate", "stream" })
    void should_move_to_a_larger_context_window(String endpoint) {
        fake.enqueue(FakeUpstream.json(400, "{\"error\":{\"message\":\"This model's maximum context length is 128000 "
                + "tokens. However, your messages resulted in 130000 tokens.\",\"type\":\"invalid_request_error\","
                + "\"code\":\"context_length_exceeded\"}}")).enqueue(answer(endpoint));

        Outcome outcome = call(endpoint, "long-context");

        assertThat(outcome.status()).isEqualTo(200);
        assertThat(outcome.provider()).isEqualTo("large-window");
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(fake.requests()).hasSize(2);
        assertThat(fake.requests().get(0).body).contains("\"gpt-4o-mini\"");
        assertThat(fake.requests().get(1).body).contains("\"gpt-4.1\"");
    }

    // ---- concurrency limit ----

    @ParameterizedTest
    @ValueSource(strings = { "generate", "stream" })
    void should_refuse_the_requests_over_the_limit_at_once(String endpoint) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Callable<Outcome>> calls = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                calls.add(() -> call(endpoint, "busy"));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : pool.invokeAll(calls)) {
                outcomes.add(future.get());
            }
            List<Outcome> served = outcomes.stream().filter(o -> o.status() == 200).toList();
            List<Outcome> refused = outcomes.stream().filter(o -> o.status() == 503).toList();
            assertThat(served).hasSize(2);
            assertThat(refused).hasSize(3);
            assertThat(refused).allSatisfy(o -> {
                assertThat(o.error().path("type").asText()).isEqualTo("provider_unavailable");
                assertThat(o.error().path("retryable").asBoolean()).isTrue();
                assertThat(o.retryAfter()).isNotNull();
                assertThat(o.millis()).isLessThan(served.get(0).millis());
            });
        } finally {
            pool.shutdownNow();
        }
        // the slots are given back: the next request is served
        assertThat(call(endpoint, "busy").status()).isEqualTo(200);
    }
}
