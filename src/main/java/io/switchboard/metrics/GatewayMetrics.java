package io.switchboard.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The gateway's meters: the OpenTelemetry GenAI client meters ({@code gen_ai.client.*}, tagged
 * with system, model and operation) and Switchboard's own {@code switchboard_*} meters.
 * <p>
 * Meters are looked up once per tag combination and then kept: building tags and asking the
 * registry on every request cost about 8 % of the gateway's CPU in the benchmark (bench/).
 */
@ApplicationScoped
public class GatewayMetrics {

    private static final String OPERATION = "chat";

    private final MeterRegistry registry;
    private final AtomicInteger activeStreams = new AtomicInteger();
    private final Map<RequestKey, RequestMeters> requests = new ConcurrentHashMap<>();
    private final Map<ModelKey, ModelMeters> models = new ConcurrentHashMap<>();
    private final Map<ErrorKey, Counter> upstreamErrors = new ConcurrentHashMap<>();

    private record RequestKey(String provider, String system, String model, String endpoint, String outcome) {
    }

    private record ModelKey(String provider, String system, String model) {
    }

    private record ErrorKey(String provider, String status) {
    }

    /** The meters of one (provider, model, endpoint, outcome). */
    private record RequestMeters(Counter count, Timer duration, Timer operation) {
    }

    /** The meters of one (provider, model) that do not depend on the outcome. */
    private record ModelMeters(Timer firstEvent, Timer firstToken, DistributionSummary inputTokens,
            DistributionSummary outputTokens, Counter tokensIn, Counter tokensOut) {
    }

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("switchboard.streams.active", activeStreams);
    }

    /** One finished request: its outcome ({@code ok} or the error type) and how long it took. */
    public void request(String provider, String system, String model, String endpoint, String outcome, long nanos) {
        RequestMeters meters = requests.computeIfAbsent(new RequestKey(provider, system, model, endpoint, outcome),
                this::requestMeters);
        meters.count().increment();
        meters.duration().record(nanos, TimeUnit.NANOSECONDS);
        meters.operation().record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Time from the request to the first stream event. */
    public void firstEvent(String provider, String system, String model, long nanos) {
        ModelMeters meters = modelMeters(provider, system, model);
        meters.firstEvent().record(nanos, TimeUnit.NANOSECONDS);
        meters.firstToken().record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The token counts of one answer; a count the backend did not report is null and not recorded. */
    public void tokens(String provider, String system, String model, Integer inputTokens, Integer outputTokens) {
        if (inputTokens == null && outputTokens == null) {
            return;
        }
        ModelMeters meters = modelMeters(provider, system, model);
        if (inputTokens != null) {
            meters.inputTokens().record(inputTokens);
            meters.tokensIn().increment(inputTokens);
        }
        if (outputTokens != null) {
            meters.outputTokens().record(outputTokens);
            meters.tokensOut().increment(outputTokens);
        }
    }

    /** An upstream error, by its HTTP status ({@code none} for connection failures and timeouts). */
    public void upstreamError(String provider, Integer status) {
        upstreamErrors.computeIfAbsent(new ErrorKey(provider, status == null ? "none" : String.valueOf(status)),
                key -> Counter.builder("switchboard.upstream.errors").description("Upstream errors by status")
                        .tags("provider", key.provider(), "status", key.status()).register(registry))
                .increment();
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

    private ModelMeters modelMeters(String provider, String system, String model) {
        return models.computeIfAbsent(new ModelKey(provider, system, model), this::newModelMeters);
    }

    private RequestMeters requestMeters(RequestKey key) {
        return new RequestMeters(
                Counter.builder("switchboard.requests").description("Requests by provider, model, endpoint and outcome")
                        .tags("provider", key.provider(), "model", key.model(), "endpoint", key.endpoint(), "outcome",
                                key.outcome())
                        .register(registry),
                Timer.builder("switchboard.request.duration").description("Request latency")
                        .tags("provider", key.provider(), "model", key.model(), "endpoint", key.endpoint())
                        .register(registry),
                Timer.builder("gen_ai.client.operation.duration").description("GenAI operation duration")
                        .tags("gen_ai.system", key.system(), "gen_ai.request.model", key.model(), "gen_ai.operation.name",
                                OPERATION, "error.type", "ok".equals(key.outcome()) ? "none" : key.outcome())
                        .register(registry));
    }

    private ModelMeters newModelMeters(ModelKey key) {
        return new ModelMeters(
                Timer.builder("switchboard.stream.time_to_first_event").description("Time to the first stream event")
                        .tags("provider", key.provider(), "model", key.model()).register(registry),
                Timer.builder("gen_ai.server.time_to_first_token").description("Time to first token")
                        .tags("gen_ai.system", key.system(), "gen_ai.request.model", key.model(), "gen_ai.operation.name",
                                OPERATION)
                        .register(registry),
                tokenSummary(key, "input"),
                tokenSummary(key, "output"),
                tokenCounter(key, "input"),
                tokenCounter(key, "output"));
    }

    private DistributionSummary tokenSummary(ModelKey key, String type) {
        return DistributionSummary.builder("gen_ai.client.token.usage").description("Tokens used").baseUnit("tokens")
                .tags("gen_ai.system", key.system(), "gen_ai.request.model", key.model(), "gen_ai.operation.name",
                        OPERATION, "gen_ai.token.type", type)
                .register(registry);
    }

    private Counter tokenCounter(ModelKey key, String direction) {
        return Counter.builder("switchboard.tokens").description("Tokens in and out").baseUnit("tokens")
                .tags("provider", key.provider(), "model", key.model(), "direction", direction).register(registry);
    }

}
