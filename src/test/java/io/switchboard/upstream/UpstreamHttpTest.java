package io.switchboard.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.switchboard.config.SwitchboardConfig.ProviderConfig;
import io.switchboard.errors.ErrorType;
import io.switchboard.errors.GatewayException;
import io.switchboard.gateway.spi.ProviderSetup;
import io.switchboard.metrics.Exchange;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.LocalUpstream;
import io.vertx.core.buffer.Buffer;

class UpstreamHttpTest {

    @RegisterExtension
    static final LocalUpstream LOCAL = new LocalUpstream();

    private UpstreamHttp http(Duration timeout, Duration idle) {
        return new UpstreamHttp(LOCAL.vertx(), "fake", java.net.URI.create(LOCAL.fake().url() + "/base"), config(timeout, idle),
                new GenericErrorParser(new ObjectMapper()));
    }

    private static UpstreamRequest request() {
        return UpstreamRequest.post("/chat", Buffer.buffer("{\"q\":1}"), false, Exchange.NONE).header("Authorization",
                "Bearer k");
    }

    @Test
    void should_take_only_a_json_content_type_for_a_whole_answer() {
        assertThat(UpstreamHttp.isJson("application/json")).isTrue();
        assertThat(UpstreamHttp.isJson("Application/JSON; charset=utf-8")).isTrue();
        assertThat(UpstreamHttp.isJson("application/vnd.api+json")).isTrue();
        assertThat(UpstreamHttp.isJson("text/event-stream")).isFalse();
        assertThat(UpstreamHttp.isJson("application/x-ndjson")).isFalse();
        assertThat(UpstreamHttp.isJson(null)).isFalse();
    }

    @Test
    void should_return_whole_body_and_send_path_headers_and_body() {
        LOCAL.fake().enqueue(FakeUpstream.json(200, "{\"ok\":true}"));
        UpstreamResponse response = http(Duration.ofSeconds(5), Duration.ofSeconds(5)).send(request())
                .subscribe().withSubscriber(UniAssertSubscriber.create()).awaitItem().getItem();
        assertThat(response.body().toString()).isEqualTo("{\"ok\":true}");
        assertThat(LOCAL.fake().lastRequest().path).isEqualTo("/base/chat");
        assertThat(LOCAL.fake().lastRequest().header("Authorization")).isEqualTo("Bearer k");
        assertThat(LOCAL.fake().lastRequest().header("X-Extra")).isEqualTo("yes");
        assertThat(LOCAL.fake().lastRequest().body).isEqualTo("{\"q\":1}");
    }

    @Test
    void should_read_every_short_answer_when_called_off_the_event_loop() {
        // the caller here is the test's own thread: each exchange must still run on an event loop, or a short
        // answer on a new connection can be read to its end before the response handler is set, and be lost
        for (int i = 0; i < 300; i++) {
            LOCAL.fake().enqueue(FakeUpstream.json(200, "{\"n\":" + i + "}"));
            UpstreamResponse response = http(Duration.ofSeconds(5), Duration.ofSeconds(5)).send(request()).subscribe()
                    .withSubscriber(UniAssertSubscriber.create())
                    .awaitItem().getItem();
            assertThat(response.body().toString()).isEqualTo("{\"n\":" + i + "}");
        }
    }

    @Test
    void should_map_429_with_retry_after_and_message() {
        LOCAL.fake().enqueue(FakeUpstream.json(429, "{\"error\":{\"message\":\"slow down\"}}").withHeader("Retry-After", "7"));
        Throwable failure = http(Duration.ofSeconds(5), Duration.ofSeconds(5)).send(request())
                .subscribe().withSubscriber(UniAssertSubscriber.create()).awaitFailure().getFailure();
        GatewayException error = (GatewayException) failure;
        assertThat(error.httpStatus()).isEqualTo(429);
        assertThat(error.retryable()).isTrue();
        assertThat(error.retryAfter()).isEqualTo("7");
        assertThat(error.getMessage()).contains("slow down");
    }

    @Test
    void should_map_a_401_and_keep_its_message_for_the_gateway_to_redact() {
        LOCAL.fake().enqueue(FakeUpstream.json(401, "{\"error\":{\"message\":\"Invalid key plainkey123 for this project\"}}"));
        UpstreamRequest request = UpstreamRequest.post("/chat", Buffer.buffer("{}"), true, Exchange.NONE).header("x-api-key",
                "plainkey123");
        GatewayException error = (GatewayException) http(Duration.ofSeconds(5), Duration.ofSeconds(5)).send(request)
                .subscribe().withSubscriber(UniAssertSubscriber.create()).awaitFailure().getFailure();
        assertThat(error.getMessage()).contains("Invalid key");
        assertThat(error.httpStatus()).isEqualTo(401);
    }

    @Test
    void should_time_out_and_close_the_connection_when_upstream_hangs() {
        LOCAL.fake().enqueue(FakeUpstream.hang());
        Throwable failure = http(Duration.ofMillis(300), Duration.ofSeconds(5)).send(request())
                .subscribe().withSubscriber(UniAssertSubscriber.create()).awaitFailure().getFailure();
        assertThat(((GatewayException) failure).type()).isEqualTo(ErrorType.PROVIDER_TIMEOUT);
        await().atMost(Duration.ofSeconds(5)).until(() -> LOCAL.fake().lastRequest().closedEarly());
    }

    @Test
    void should_stream_chunks_as_they_arrive() {
        LOCAL.fake().enqueue(FakeUpstream.sse(List.of("data: a\n\n", "data: b\n\n")));
        AssertSubscriber<Buffer> subscriber = http(Duration.ofSeconds(5), Duration.ofSeconds(5)).stream(request(), () -> {
        })
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        subscriber.awaitCompletion();
        assertThat(subscriber.getItems().stream().map(Buffer::toString).reduce("", String::concat))
                .isEqualTo("data: a\n\ndata: b\n\n");
    }

    @Test
    void should_fail_stream_with_mapped_error_before_any_chunk() {
        LOCAL.fake().enqueue(FakeUpstream.json(500, "{\"error\":{\"message\":\"boom\"}}"));
        AssertSubscriber<Buffer> subscriber = http(Duration.ofSeconds(5), Duration.ofSeconds(5)).stream(request(), () -> {
        })
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        GatewayException error = (GatewayException) subscriber.awaitFailure().getFailure();
        assertThat(error.httpStatus()).isEqualTo(502);
        assertThat(error.upstreamStatus()).isEqualTo(500);
        assertThat(subscriber.getItems()).isEmpty();
    }

    @Test
    void should_fail_stream_on_idle_timeout_after_first_chunk() {
        LOCAL.fake().enqueue(FakeUpstream.sse(List.of("data: a\n\n")).thenHang());
        AssertSubscriber<Buffer> subscriber = http(Duration.ofSeconds(5), Duration.ofMillis(300)).stream(request(), () -> {
        })
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        GatewayException error = (GatewayException) subscriber.awaitFailure(Duration.ofSeconds(5)).getFailure();
        assertThat(error.type()).isEqualTo(ErrorType.PROVIDER_TIMEOUT);
        assertThat(subscriber.getItems()).hasSize(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> LOCAL.fake().lastRequest().closedEarly());
    }

    @Test
    void should_fail_retryable_when_stream_is_cut() {
        LOCAL.fake().enqueue(FakeUpstream.sse(List.of("data: a\n\n")).thenCut());
        AssertSubscriber<Buffer> subscriber = http(Duration.ofSeconds(5), Duration.ofSeconds(5)).stream(request(), () -> {
        })
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        GatewayException error = (GatewayException) subscriber.awaitFailure(Duration.ofSeconds(5)).getFailure();
        assertThat(error.retryable()).isTrue();
    }

    @Test
    void should_close_upstream_connection_when_cancelled() {
        LOCAL.fake().enqueue(FakeUpstream.sse(List.of("data: a\n\n")).thenHang());
        AssertSubscriber<Buffer> subscriber = http(Duration.ofSeconds(5), Duration.ofSeconds(5)).stream(request(), () -> {
        })
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        subscriber.awaitItems(1);
        subscriber.cancel();
        await().atMost(Duration.ofSeconds(5)).until(() -> LOCAL.fake().lastRequest().closedEarly());
    }

    @Test
    void should_be_unavailable_when_connection_refused() {
        UpstreamHttp http = new UpstreamHttp(LOCAL.vertx(), "fake", java.net.URI.create("http://127.0.0.1:1"),
                config(Duration.ofSeconds(5), Duration.ofSeconds(5)), new GenericErrorParser(new ObjectMapper()));
        GatewayException error = (GatewayException) http.send(request())
                .subscribe().withSubscriber(UniAssertSubscriber.create()).awaitFailure().getFailure();
        assertThat(error.type()).isEqualTo(ErrorType.PROVIDER_UNAVAILABLE);
        assertThat(error.httpStatus()).isEqualTo(502);
        assertThat(error.retryable()).isTrue();
    }

    @Test
    void should_refuse_a_header_value_with_a_line_break_and_keep_the_pool_usable() {
        // a pool of 16: a refusal that kept its connection's slot would leave none well before the 2,000th
        UpstreamHttp.Settings settings = config(Duration.ofSeconds(2), Duration.ofSeconds(2));
        UpstreamHttp http = new UpstreamHttp(LOCAL.vertx(), "fake", java.net.URI.create(LOCAL.fake().url() + "/base"),
                new UpstreamHttp.Settings(settings.connectTimeout(), settings.timeout(), settings.idleTimeout(),
                        settings.headers(),
                        settings.maxResponseBytes(), settings.maxLineBytes(), 16),
                new GenericErrorParser(new ObjectMapper()));
        long start = System.nanoTime();
        for (int i = 0; i < 2000; i++) {
            UpstreamRequest bad = UpstreamRequest.post("/chat", Buffer.buffer("{}"), true, Exchange.NONE)
                    .header("Authorization", "Bearer sk-a\r\nX-Injected: " + i);
            GatewayException error = (GatewayException) http.send(bad).subscribe()
                    .withSubscriber(UniAssertSubscriber.create()).awaitFailure(Duration.ofSeconds(5)).getFailure();
            assertThat(error.type()).isEqualTo(ErrorType.INVALID_REQUEST);
            assertThat(error.getMessage()).contains("Authorization").doesNotContain("sk-a").doesNotContain("Injected");
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(LOCAL.fake().requests()).isEmpty();
        LOCAL.fake().enqueue(FakeUpstream.json(200, "{\"ok\":true}"));
        UpstreamResponse response = http.send(request()).subscribe().withSubscriber(UniAssertSubscriber.create())
                .awaitItem(Duration.ofSeconds(5)).getItem();
        assertThat(response.body().toString()).isEqualTo("{\"ok\":true}");
        assertThat(millis).as("2,000 refusals took %d ms", millis).isLessThan(10_000);
    }

    @Test
    void should_stop_the_start_up_on_a_configured_header_or_key_that_cannot_be_sent() {
        ProviderConfig base = providerConfig(Duration.ofSeconds(1), Duration.ofSeconds(1));
        ProviderConfig badHeader = withValue(base, "headers", Map.of("X-Tenant", "a\r\nX-Injected: 1"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ProviderSetup("p", badHeader, null, LOCAL.vertx(),
                new ObjectMapper()).http(java.net.URI.create(LOCAL.fake().url()), new GenericErrorParser(new ObjectMapper())))
                .hasMessageContaining("switchboard.providers.p.headers.X-Tenant").hasMessageNotContaining("Injected");
        ProviderConfig badKey = withValue(base, "apiKey", Optional.of("sk-secret\n"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ProviderSetup("p", badKey, null, LOCAL.vertx(),
                new ObjectMapper()).http(java.net.URI.create(LOCAL.fake().url()), new GenericErrorParser(new ObjectMapper())))
                .hasMessageContaining("switchboard.providers.p.api-key").hasMessageNotContaining("sk-secret");
    }

    @Test
    void should_refuse_an_answer_larger_than_the_limit_and_reset_the_connection() {
        LOCAL.fake().enqueue(FakeUpstream.of(200, "application/json", List.of("[" + "1,".repeat(50_000) + "1]")));
        GatewayException error = (GatewayException) http(Duration.ofSeconds(5), Duration.ofSeconds(5)).send(request())
                .subscribe().withSubscriber(UniAssertSubscriber.create()).awaitFailure().getFailure();
        assertThat(error.type()).isEqualTo(ErrorType.PROVIDER_ERROR);
        assertThat(error.httpStatus()).isEqualTo(502);
        assertThat(error.getMessage()).contains("max-response-size (65536 bytes)");
    }

    @Test
    void should_end_a_stream_whose_line_grows_past_the_limit() {
        List<String> chunks = new java.util.ArrayList<>(List.of("data: ok\n\n", "data: "));
        for (int i = 0; i < 40; i++) {
            chunks.add("x".repeat(1024));
        }
        LOCAL.fake().enqueue(FakeUpstream.sse(chunks).thenHang());
        AssertSubscriber<Buffer> subscriber = http(Duration.ofSeconds(5), Duration.ofSeconds(5)).stream(request(), () -> {
        })
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        GatewayException error = (GatewayException) subscriber.awaitFailure(Duration.ofSeconds(5)).getFailure();
        assertThat(error.httpStatus()).isEqualTo(502);
        assertThat(error.getMessage()).contains("max-line-size (16384 bytes)");
        await().atMost(Duration.ofSeconds(5)).until(() -> LOCAL.fake().lastRequest().closedEarly());
    }

    static ProviderConfig withValue(ProviderConfig base, String name, Object value) {
        return (ProviderConfig) java.lang.reflect.Proxy.newProxyInstance(ProviderConfig.class.getClassLoader(),
                new Class<?>[] { ProviderConfig.class },
                (proxy, method, args) -> method.getName().equals(name) ? value : method.invoke(base, args));
    }

    static ProviderConfig providerConfig(Duration timeout, Duration idle) {
        return (ProviderConfig) java.lang.reflect.Proxy.newProxyInstance(ProviderConfig.class.getClassLoader(),
                new Class<?>[] { ProviderConfig.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "timeout" -> timeout;
                    case "idleTimeout" -> idle;
                    case "connectTimeout" -> Duration.ofSeconds(2);
                    case "headers" -> Map.of("X-Extra", "yes");
                    case "type" -> "test";
                    case "fetchImagesMaxSize" -> new MemorySize(java.math.BigInteger.TEN);
                    case "maxResponseSize" -> new MemorySize(java.math.BigInteger.valueOf(64 * 1024));
                    case "maxLineSize" -> new MemorySize(java.math.BigInteger.valueOf(16 * 1024));
                    default -> method.getReturnType() == Optional.class ? Optional.empty()
                            : method.getReturnType() == boolean.class ? false : null;
                });
    }

    static UpstreamHttp.Settings config(Duration timeout, Duration idle) {
        return new UpstreamHttp.Settings(Duration.ofSeconds(2), timeout, idle, Map.of("X-Extra", "yes"), 64 * 1024,
                16 * 1024);
    }
}
