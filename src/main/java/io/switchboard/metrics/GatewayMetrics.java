package io.switchboard.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.core.model.Usage;

/**
 * The gateway's meters: the OpenTelemetry GenAI client meters ({@code gen_ai.client.*}, tagged
 * with system, model and operation) and Switchboard's own {@code switchboard_*} meters.
 */
@ApplicationScoped
public class GatewayMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger activeStreams = new AtomicInteger();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("switchboard.streams.active", activeStreams);
    }

    /** One finished request: its outcome ({@code ok} or the error type) and how long it took. */
    public void request(String provider, String system, String model, String endpoint, String outcome, long nanos) {
        String operation = "chat";
        Counter.builder("switchboard.requests").description("Requests by provider, model, endpoint and outcome")
                .tags("provider", provider, "model", model, "endpoint", endpoint, "outcome", outcome)
                .register(registry).increment();
        Timer.builder("switchboard.request.duration").description("Request latency")
                .tags("provider", provider, "model", model, "endpoint", endpoint)
                .register(registry).record(Duration.ofNanos(nanos));
        Timer.builder("gen_ai.client.operation.duration").description("GenAI operation duration")
                .tags("gen_ai.system", system, "gen_ai.request.model", model, "gen_ai.operation.name", operation,
                        "error.type", "ok".equals(outcome) ? "none" : outcome)
                .register(registry).record(Duration.ofNanos(nanos));
    }

    /** Time from the request to the first stream event. */
    public void firstEvent(String provider, String system, String model, long nanos) {
        Timer.builder("switchboard.stream.time_to_first_event").description("Time to the first stream event")
                .tags("provider", provider, "model", model).register(registry).record(Duration.ofNanos(nanos));
        Timer.builder("gen_ai.server.time_to_first_token").description("Time to first token")
                .tags("gen_ai.system", system, "gen_ai.request.model", model, "gen_ai.operation.name", "chat")
                .register(registry).record(Duration.ofNanos(nanos));
    }

    public void tokens(String provider, String system, String model, Usage usage) {
        if (usage == null) {
            return;
        }
        record(provider, system, model, "input", usage.inputTokens());
        record(provider, system, model, "output", usage.outputTokens());
    }

    private void record(String provider, String system, String model, String type, Integer count) {
        if (count == null) {
            return;
        }
        DistributionSummary.builder("gen_ai.client.token.usage").description("Tokens used").baseUnit("tokens")
                .tags("gen_ai.system", system, "gen_ai.request.model", model, "gen_ai.operation.name", "chat",
                        "gen_ai.token.type", type)
                .register(registry).record(count);
        Counter.builder("switchboard.tokens").description("Tokens in and out").baseUnit("tokens")
                .tags("provider", provider, "model", model, "direction", type).register(registry).increment(count);
    }

    /** An upstream error, by its HTTP status ({@code none} for connection failures and timeouts). */
    public void upstreamError(String provider, Integer status) {
        Counter.builder("switchboard.upstream.errors").description("Upstream errors by status")
                .tags("provider", provider, "status", status == null ? "none" : String.valueOf(status))
                .register(registry).increment();
    }

    public void streamOpened() {
        activeStreams.incrementAndGet();
    }

    public void streamClosed() {
        activeStreams.decrementAndGet();
    }

    public int activeStreams() {
        return activeStreams.get();
    }
}
