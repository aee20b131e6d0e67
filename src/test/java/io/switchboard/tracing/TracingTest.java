package io.switchboard.tracing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.metrics.AccessLog;
import io.switchboard.providers.openai.Fixtures;
import io.switchboard.testsupport.AccessLogLines;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.InjectFakeUpstream;
import io.switchboard.testsupport.TestConfig;

/**
 * With tracing on, a request is one server span with one GenAI client span per provider call (a
 * fallback after a failed call is a second span), each carrying the GenAI attributes and no text,
 * and every upstream request carries the {@code traceparent} of its span.
 */
@QuarkusTest
@TestProfile(TracingTest.TracingOn.class)
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class TracingTest {

    static final String PROMPT = "tracing prompt text";
    static final String CLIENT_TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}";

    /**
     * Tracing on, spans kept in memory instead of exported; a provider that retries once, and a route
     * over two providers that do not retry (a fallback).
     */
    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestConfig.empty().set("quarkus.otel.sdk.disabled", false)
                    .set("quarkus.otel.bsp.schedule.delay", "50ms")
                    .andProvider("traced-a", "openai").onFakeUpstream("/v1").with("model", "gpt-4o")
                    .with("retries", 1).with("retry-backoff", "5ms")
                    .andProvider("traced-once", "openai").onFakeUpstream("/v1").with("model", "gpt-4o").with("retries", 0)
                    .andProvider("traced-b", "openai").onFakeUpstream("/v1").with("model", "gpt-4o-mini")
                    .with("retries", 0)
                    .set("switchboard.routes.traced.targets", "traced-once,traced-b").properties();
        }
    }

    @ApplicationScoped
    static class Exporter {
        @Produces
        @Singleton
        InMemorySpanExporter spans() {
            return InMemorySpanExporter.create();
        }
    }

    @Inject
    InMemorySpanExporter spans;

    @InjectFakeUpstream
    FakeUpstream fake;

    @BeforeEach
    void reset() {
        fake.reset();
        spans.reset();
    }

    @Test
    void should_trace_a_retry_as_a_second_client_span() {
        List<SpanData> calls = failOnceThenAnswer("traced-a");
        SpanData server = serverSpan();
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.getName()).isEqualTo("chat gpt-4o");
            assertThat(call.getAttributes().get(TracedProvider.OPERATION)).isEqualTo("chat");
            assertThat(call.getAttributes().get(TracedProvider.REQUEST_MODEL)).isEqualTo("gpt-4o");
            assertThat(call.getAttributes().get(TracedProvider.SWITCHBOARD_PROVIDER)).isEqualTo("traced-a");
        });
        assertThat(calls.get(0).getAttributes().get(TracedProvider.ERROR_TYPE)).isNotBlank();
        assertThat(calls.get(0).getAttributes().get(TracedProvider.UPSTREAM_STATUS)).isEqualTo(503L);
        assertThat(calls.get(1).getAttributes().get(TracedProvider.ERROR_TYPE)).isNull();
        assertThat(calls.get(1).getAttributes().get(TracedProvider.INPUT_TOKENS)).isEqualTo(16L);
        assertThat(calls.get(1).getAttributes().get(TracedProvider.OUTPUT_TOKENS)).isEqualTo(12L);
        assertThat(calls.get(1).getAttributes().get(TracedProvider.FINISH_REASONS)).containsExactly("stop");
        // the model as the backend reported it (the fixture's dated snapshot), only on the call that answered
        assertThat(calls.get(0).getAttributes().get(TracedProvider.RESPONSE_MODEL)).isNull();
        assertThat(calls.get(1).getAttributes().get(TracedProvider.RESPONSE_MODEL)).isEqualTo("gpt-4o-2024-08-06");
        assertThat(server.getAttributes().get(TracedProvider.SWITCHBOARD_PROVIDER)).isEqualTo("traced-a");
        assertThat(server.getAttributes().get(TracedProvider.PROVIDER)).isEqualTo("openai");
        assertThat(server.getAttributes().get(TracedProvider.REQUEST_MODEL)).isEqualTo("gpt-4o");
        assertThat(server.getAttributes().get(TracedProvider.RESPONSE_MODEL)).isEqualTo("gpt-4o-2024-08-06");
    }

    @Test
    void should_trace_each_target_of_a_fallback_as_its_own_client_span() {
        List<SpanData> calls = failOnceThenAnswer("traced");
        SpanData server = serverSpan();
        SpanData failed = calls.get(0);
        assertThat(failed.getName()).isEqualTo("chat gpt-4o");
        assertThat(failed.getAttributes().get(TracedProvider.SWITCHBOARD_PROVIDER)).isEqualTo("traced-once");
        assertThat(failed.getAttributes().get(TracedProvider.ERROR_TYPE)).isNotBlank();
        assertThat(failed.getAttributes().get(TracedProvider.UPSTREAM_STATUS)).isEqualTo(503L);
        SpanData answered = calls.get(1);
        assertThat(answered.getName()).isEqualTo("chat gpt-4o-mini");
        assertThat(answered.getAttributes().get(TracedProvider.SWITCHBOARD_PROVIDER)).isEqualTo("traced-b");
        assertThat(answered.getAttributes().get(TracedProvider.REQUEST_MODEL)).isEqualTo("gpt-4o-mini");
        assertThat(answered.getAttributes().get(TracedProvider.OPERATION)).isEqualTo("chat");
        assertThat(answered.getAttributes().get(TracedProvider.INPUT_TOKENS)).isEqualTo(16L);
        assertThat(answered.getAttributes().get(TracedProvider.OUTPUT_TOKENS)).isEqualTo(12L);
        assertThat(answered.getAttributes().get(TracedProvider.FINISH_REASONS)).containsExactly("stop");
        assertThat(answered.getAttributes().get(TracedProvider.ERROR_TYPE)).isNull();
        assertThat(answered.getAttributes().get(TracedProvider.RESPONSE_MODEL)).isEqualTo("gpt-4o-2024-08-06");
        assertThat(failed.getAttributes().get(TracedProvider.RESPONSE_MODEL)).isNull();
        // the request's own span names the target that answered
        assertThat(server.getAttributes().get(TracedProvider.SWITCHBOARD_PROVIDER)).isEqualTo("traced-b");
        assertThat(server.getAttributes().get(TracedProvider.REQUEST_MODEL)).isEqualTo("gpt-4o-mini");
    }

    /**
     * A generate through {@code target} whose first upstream call fails with a 503 and whose second
     * answers: the two client spans, in call order, once checked to be children of the request's server
     * span that carry no prompt, answer or key, each named in the {@code traceparent} of its upstream request.
     */
    private List<SpanData> failOnceThenAnswer(String target) {
        fake.enqueue(FakeUpstream.json(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));
        fake.enqueue(FakeUpstream.json(200, Fixtures.read("openai/openai-chat-text.json")));

        given().contentType("application/json").body(HELLO).queryParam("provider", target).post("/v1/generate")
                .then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> chatSpans().size() == 2 && serverSpan() != null);
        SpanData server = serverSpan();
        List<SpanData> calls = chatSpans();
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(call.getTraceId()).isEqualTo(server.getTraceId());
            assertThat(call.getParentSpanId()).isEqualTo(server.getSpanId());
            assertThat(call.getAttributes().get(TracedProvider.PROVIDER)).isEqualTo("openai");
            assertThat(call.getAttributes().asMap().values()).allSatisfy(value -> assertThat(String.valueOf(value))
                    .doesNotContain(PROMPT).doesNotContain("4242").doesNotContain("test-key"));
        });
        List<FakeUpstream.Received> received = fake.requests();
        assertThat(received).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(received.get(i).header("traceparent"))
                    .isEqualTo("00-" + calls.get(i).getTraceId() + "-" + calls.get(i).getSpanId() + "-01");
        }
        return calls;
    }

    @Test
    void should_trace_a_stream_call_with_its_usage() {
        fake.enqueue(FakeUpstream.sse(List.of(Fixtures.read("openai/openai-chat-text-stream-include-usage.sse"))));

        given().contentType("application/json").body(HELLO).queryParam("provider", "traced-a").post("/v1/stream")
                .then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> chatSpans().size() == 1 && serverSpan() != null);
        SpanData call = chatSpans().get(0);
        assertThat(call.getParentSpanId()).isEqualTo(serverSpan().getSpanId());
        assertThat(call.getAttributes().get(TracedProvider.STREAM)).isTrue();
        assertThat(call.getAttributes().get(TracedProvider.OUTPUT_TOKENS)).isPositive();
        assertThat(call.getAttributes().get(TracedProvider.INPUT_TOKENS)).isPositive();
        assertThat(call.getAttributes().get(TracedProvider.FINISH_REASONS)).containsExactly("stop");
        assertThat(call.getAttributes().get(TracedProvider.RESPONSE_MODEL)).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(serverSpan().getAttributes().get(TracedProvider.RESPONSE_MODEL))
                .isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(fake.lastRequest().header("traceparent")).contains(call.getSpanId());
    }

    /** A client's tracestate of 6 KB (31 members of 199 characters) reaches the backend cut to the W3C 512. */
    @Test
    void should_send_at_most_512_characters_of_the_clients_tracestate_upstream() {
        List<String> members = new ArrayList<>(List.of("congo=t61rcWkgMzE"));
        for (int i = 0; i < 31; i++) {
            members.add("vendor" + i + "=" + "x".repeat(190));
        }
        String tracestate = String.join(",", members);
        fake.enqueue(FakeUpstream.json(200, Fixtures.read("openai/openai-chat-text.json")));

        given().contentType("application/json").header("traceparent", CLIENT_TRACEPARENT)
                .header("tracestate", tracestate).body(HELLO).queryParam("provider", "traced-a").post("/v1/generate")
                .then().statusCode(200);

        assertThat(tracestate).hasSizeGreaterThan(6000);
        FakeUpstream.Received sent = fake.lastRequest();
        assertThat(sent.header("traceparent")).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-");
        // the members over 128 characters go first, from the end: the short one and the first two long ones fit
        assertThat(sent.header("tracestate")).isEqualTo(String.join(",", members.subList(0, 3)))
                .hasSizeLessThanOrEqualTo(512);
        // the request's spans end after its answer: wait for them, or the next test would count them as its own
        await().atMost(Duration.ofSeconds(10)).until(() -> chatSpans().size() == 1 && serverSpan() != null);
    }

    @Test
    void should_name_the_trace_of_a_request_in_its_access_log_line() {
        String requestId = "traced-" + UUID.randomUUID();
        fake.enqueue(FakeUpstream.json(200, Fixtures.read("openai/openai-chat-text.json")));
        AccessLogLines access = new AccessLogLines(AccessLog.CATEGORY).attach();
        try {
            given().contentType("application/json").header("X-Request-Id", requestId).body(HELLO)
                    .queryParam("provider", "traced-a").post("/v1/generate").then().statusCode(200);

            JsonNode line = access.awaitLine(requestId);
            await().atMost(Duration.ofSeconds(10)).until(() -> serverSpan() != null);
            SpanData server = serverSpan();
            assertThat(line.get("trace_id").asText()).isEqualTo(server.getTraceId());
            assertThat(line.get("span_id").asText()).isEqualTo(server.getSpanId());
            assertThat(chatSpans()).singleElement()
                    .satisfies(call -> assertThat(call.getTraceId()).isEqualTo(line.get("trace_id").asText()));
        } finally {
            access.detach();
        }
    }

    /** The path back from a dashboard: with tracing on, the latency buckets carry exemplars naming a trace. */
    @Test
    void should_link_the_latency_buckets_to_traces() {
        fake.enqueue(FakeUpstream.json(200, Fixtures.read("openai/openai-chat-text.json")));
        given().contentType("application/json").body(HELLO).queryParam("provider", "traced-a").post("/v1/generate")
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> serverSpan() != null);

        String metrics = given().accept("application/openmetrics-text; version=1.0.0; charset=utf-8").get("/q/metrics")
                .then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern(
                "(?m)^switchboard_request_duration_seconds_bucket\\{[^}]*provider=\"traced-a\"[^}]*\\} \\S+ "
                        + "# \\{span_id=\"[0-9a-f]{16}\",trace_id=\"[0-9a-f]{32}\"\\}");
    }

    private List<SpanData> chatSpans() {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getAttributes().get(TracedProvider.OPERATION) != null)
                .sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos())).toList();
    }

    private SpanData serverSpan() {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getKind() == SpanKind.SERVER)
                .filter(span -> span.getName().contains("/v1/")).findFirst().orElse(null);
    }
}
