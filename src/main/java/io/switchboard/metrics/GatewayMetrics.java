package io.switchboard.metrics;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.config.SwitchboardConfig;

/**
 * The gateway's meters: the OpenTelemetry GenAI client meters ({@code gen_ai.*}, tagged with provider
 * name, model and operation) and Switchboard's own {@code switchboard_*} meters. Durations are
 * histograms with buckets chosen per meter, so {@code histogram_quantile} gives percentiles.
 * <p>
 * Label values are bounded: providers and endpoints come from the configuration and the code, and a
 * model is a label value only when it is configured (a provider's or route target's model, or
 * {@code switchboard.metrics.models}); any other model a caller names is counted as {@code other}.
 * <p>
 * Meters are looked up once per tag combination and then kept: building tags and asking the
 * registry on every request cost about 8 % of the gateway's CPU in the benchmark (bench/).
 * <p>
 * {@code @Singleton}: called on every request, and a normal-scoped bean is reached through a client proxy
 * that looks its instance up in the context on every call.
 */
@Singleton
public class GatewayMetrics {

    /** The label value of every model that is not configured. */
    public static final String OTHER = "other";
    /** The outcome of a call whose client went away before it ended. */
    public static final String CANCELLED = "cancelled";

    /** The key label value of a request made without a virtual key. */
    public static final String NO_KEY = "none";

    private static final String OPERATION = "chat";

    /** Whole requests: from 10 ms to 80 s, doubling (the GenAI semantic conventions' advice). */
    static final Duration[] REQUEST_BUCKETS = seconds(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12,
            10.24, 20.48, 40.96, 81.92);
    /** Time to the first event: from 1 ms to 10 s (the GenAI conventions' time-to-first-token advice). */
    static final Duration[] FIRST_EVENT_BUCKETS = seconds(0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5,
            0.75, 1.0, 2.5, 5.0, 7.5, 10.0);
    /** Upstream latency: from 1 ms (a local backend) to 80 s (a long generation). */
    static final Duration[] UPSTREAM_BUCKETS = seconds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0,
            2.5, 5.0, 10.0, 20.0, 40.0, 80.0);
    /** The gateway's own time: sub-millisecond first, since that is what it should be. */
    static final Duration[] OVERHEAD_BUCKETS = seconds(0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
            0.025, 0.05, 0.1, 0.25);
    /** Tokens per request: powers of 4 up to 67M (the GenAI conventions' advice). */
    static final double[] TOKEN_BUCKETS = { 1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304,
            16777216, 67108864 };

    private final MeterRegistry registry;
    private final Set<String> models;
    private final AtomicInteger activeStreams = new AtomicInteger();
    private final Map<RequestKey, RequestMeters> requests = new ConcurrentHashMap<>();
    private final Map<ModelKey, ModelMeters> modelMeters = new ConcurrentHashMap<>();
    private final Map<ErrorKey, Counter> upstreamErrors = new ConcurrentHashMap<>();
    private final Map<String, Timer[]> upstreamDurations = new ConcurrentHashMap<>();
    private final Map<CostKey, Counter> costs = new ConcurrentHashMap<>();
    private final Map<CostKey, Counter> unpriced = new ConcurrentHashMap<>();
    private final Timer[] overhead;

    private record RequestKey(String provider, String system, String model, String endpoint, String outcome) {
    }

    private record ModelKey(String provider, String system, String model) {
    }

    private record ErrorKey(String provider, String status) {
    }

    /** A cost series: the key is the virtual key's name ({@link #NO_KEY} without one), or null for the unpriced. */
    private record CostKey(String provider, String model, String key) {
    }

    /** The meters of one (provider, model, endpoint, outcome). */
    private record RequestMeters(Counter count, Timer duration, Timer operation) {
    }

    /**
     * The meters of one (provider, model) that do not depend on the outcome: the GenAI histograms count input and
     * output as the OpenTelemetry conventions do (cached tokens in the input, reasoning in the output), the
     * counters by the usage's disjoint counters.
     */
    private record ModelMeters(Timer firstEvent, Timer firstToken, DistributionSummary inputTokens,
            DistributionSummary outputTokens, Counter tokensIn, Counter tokensOut, Counter cacheRead,
            Counter cacheCreation, Counter reasoning) {
    }

    @Inject
    public GatewayMetrics(MeterRegistry registry, SwitchboardConfig config) {
        this(registry, configuredModels(config));
    }

    /** Meters that know no model: every model is {@code other}. */
    public GatewayMetrics(MeterRegistry registry) {
        this(registry, Set.of());
    }

    GatewayMetrics(MeterRegistry registry, Set<String> models) {
        this.registry = registry;
        this.models = Set.copyOf(models);
        registry.gauge("switchboard.streams.active", activeStreams);
        this.overhead = new Timer[Endpoint.values().length];
        for (Endpoint endpoint : Endpoint.values()) {
            overhead[endpoint.ordinal()] = overheadTimer(endpoint);
        }
    }

    /** Every provider's model and embedding model, every route target's model ({@code provider/model}), and the extra ones. */
    private static Set<String> configuredModels(SwitchboardConfig config) {
        Set<String> models = new HashSet<>(config.metrics().models().orElse(java.util.List.of()));
        config.providers().values().forEach(provider -> {
            provider.model().ifPresent(models::add);
            provider.embeddingModel().ifPresent(models::add);
        });
        config.routes().values().forEach(route -> {
            route.targets().forEach(target -> addTargetModel(target, models));
            route.contextOverflowTargets().orElse(java.util.List.of()).forEach(target -> addTargetModel(target, models));
        });
        return models;
    }

    private static void addTargetModel(String target, Set<String> models) {
        int slash = target.indexOf('/');
        if (slash > 0 && slash < target.length() - 1) {
            models.add(target.substring(slash + 1).strip());
        }
    }

    /** The label value for a model: itself when configured, else {@code other}. */
    public String modelLabel(String model) {
        return model != null && models.contains(model) ? model : OTHER;
    }

    /**
     * One finished attempt of {@code exchange}'s request: its outcome ({@code ok} or the error type) and how
     * long it took.
     */
    public void request(Exchange exchange, String provider, String system, String model, String endpoint, String outcome,
            long nanos) {
        RequestMeters meters = requests.computeIfAbsent(
                new RequestKey(provider, system, modelLabel(model), endpoint, outcome), this::requestMeters);
        meters.count().increment();
        meters.duration().record(nanos, TimeUnit.NANOSECONDS);
        meters.operation().record(nanos, TimeUnit.NANOSECONDS);
        exchange.attemptFinished(provider, model, endpoint, outcome);
    }

    /** Time from the request to the first stream event of {@code exchange}'s request. */
    public void firstEvent(Exchange exchange, String provider, String system, String model, long nanos) {
        ModelMeters meters = modelMeters(provider, system, model);
        meters.firstEvent().record(nanos, TimeUnit.NANOSECONDS);
        meters.firstToken().record(nanos, TimeUnit.NANOSECONDS);
        exchange.firstEvent();
    }

    /**
     * The token counts of one answer to {@code exchange}'s request, by the usage's disjoint counters (cache reads
     * and writes apart from the input, reasoning apart from the output); a counter the backend did not report is
     * null and not recorded, nor anything when it reported none.
     */
    public void tokens(Exchange exchange, String provider, String system, String model, Integer input,
            Integer cacheRead, Integer cacheCreation, Integer output, Integer reasoning) {
        Integer allInput = sum(input, cacheRead, cacheCreation);
        Integer allOutput = sum(output, reasoning, null);
        if (allInput == null && allOutput == null) {
            return;
        }
        ModelMeters meters = modelMeters(provider, system, model);
        if (allInput != null) {
            meters.inputTokens().record(allInput);
        }
        if (allOutput != null) {
            meters.outputTokens().record(allOutput);
        }
        increment(meters.tokensIn(), input);
        increment(meters.tokensOut(), output);
        increment(meters.cacheRead(), cacheRead);
        increment(meters.cacheCreation(), cacheCreation);
        increment(meters.reasoning(), reasoning);
        exchange.tokens(allInput, allOutput);
    }

    /**
     * What one answer to {@code exchange}'s request cost, in USD: added to the spend of its provider, model and
     * virtual key, or counted as unpriced when NaN.
     */
    public void cost(Exchange exchange, String provider, String model, double usd) {
        if (Double.isNaN(usd)) {
            unpriced.computeIfAbsent(new CostKey(provider, modelLabel(model), null),
                    key -> Counter.builder("switchboard.cost.unpriced")
                            .description("Answers of a model without a price, whose cost is unknown")
                            .tags("provider", key.provider(), "model", key.model()).register(registry))
                    .increment();
            return;
        }
        String keyName = exchange.keyName();
        costs.computeIfAbsent(new CostKey(provider, modelLabel(model), keyName != null ? keyName : NO_KEY),
                key -> Counter.builder("switchboard.cost.usd").description("What the answers cost, in USD")
                        .tags("provider", key.provider(), "model", key.model(), "key", key.key()).register(registry))
                .increment(usd);
    }

    /** The sum of the counters reported; null when none was. */
    private static Integer sum(Integer a, Integer b, Integer c) {
        if (a == null && b == null && c == null) {
            return null;
        }
        return (a == null ? 0 : a) + (b == null ? 0 : b) + (c == null ? 0 : c);
    }

    private static void increment(Counter counter, Integer tokens) {
        if (tokens != null && tokens > 0) {
            counter.increment(tokens);
        }
    }

    /** An upstream error, by its HTTP status ({@code none} for connection failures and timeouts). */
    public void upstreamError(String provider, Integer status) {
        upstreamErrors.computeIfAbsent(new ErrorKey(provider, status == null ? "none" : String.valueOf(status)),
                key -> Counter.builder("switchboard.upstream.errors").description("Upstream errors by status")
                        .tags("provider", key.provider(), "status", key.status()).register(registry))
                .increment();
    }

    /**
     * How long one upstream exchange kept the gateway waiting: the whole answer of a non-streaming
     * call, the first body chunk of a stream.
     */
    public void upstream(String provider, boolean stream, long nanos) {
        Timer[] timers = upstreamDurations.computeIfAbsent(provider, name -> new Timer[] {
                upstreamTimer(name, Endpoint.GENERATE), upstreamTimer(name, Endpoint.STREAM) });
        timers[stream ? 1 : 0].record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The gateway's own time for one request (see {@link Exchange#overheadNanos()}). */
    public void overhead(Endpoint endpoint, long nanos) {
        overhead[endpoint.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
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
        return modelMeters.computeIfAbsent(new ModelKey(provider, system, modelLabel(model)), this::newModelMeters);
    }

    private RequestMeters requestMeters(RequestKey key) {
        return new RequestMeters(
                Counter.builder("switchboard.requests").description("Requests by provider, model, endpoint and outcome")
                        .tags("provider", key.provider(), "model", key.model(), "endpoint", key.endpoint(), "outcome",
                                key.outcome())
                        .register(registry),
                Timer.builder("switchboard.request.duration").description("Request latency")
                        .tags("provider", key.provider(), "model", key.model(), "endpoint", key.endpoint())
                        .serviceLevelObjectives(REQUEST_BUCKETS)
                        .register(registry),
                Timer.builder("gen_ai.client.operation.duration").description("GenAI operation duration")
                        .tags("gen_ai.provider.name", GenAiNames.providerName(key.system()), "gen_ai.request.model",
                                key.model(), "gen_ai.operation.name", operation(key.endpoint()), "error.type",
                                "ok".equals(key.outcome()) ? "none" : key.outcome())
                        .serviceLevelObjectives(REQUEST_BUCKETS)
                        .register(registry));
    }

    /** A token count is not a chat: its durations stay out of the chat operation's. */
    private static String operation(String endpoint) {
        return Endpoint.COUNT_TOKENS.label().equals(endpoint) ? Endpoint.COUNT_TOKENS.label() : OPERATION;
    }

    private ModelMeters newModelMeters(ModelKey key) {
        return new ModelMeters(
                Timer.builder("switchboard.stream.time_to_first_event").description("Time to the first stream event")
                        .tags("provider", key.provider(), "model", key.model())
                        .serviceLevelObjectives(FIRST_EVENT_BUCKETS)
                        .register(registry),
                Timer.builder("gen_ai.server.time_to_first_token").description("Time to first token")
                        .tags("gen_ai.provider.name", GenAiNames.providerName(key.system()), "gen_ai.request.model",
                                key.model(), "gen_ai.operation.name", OPERATION)
                        .serviceLevelObjectives(FIRST_EVENT_BUCKETS)
                        .register(registry),
                tokenSummary(key, "input"),
                tokenSummary(key, "output"),
                tokenCounter(key, "input"),
                tokenCounter(key, "output"),
                tokenCounter(key, "cache_read"),
                tokenCounter(key, "cache_creation"),
                tokenCounter(key, "reasoning"));
    }

    private DistributionSummary tokenSummary(ModelKey key, String type) {
        return DistributionSummary.builder("gen_ai.client.token.usage").description("Tokens used").baseUnit("tokens")
                .tags("gen_ai.provider.name", GenAiNames.providerName(key.system()), "gen_ai.request.model",
                        key.model(), "gen_ai.operation.name", OPERATION, "gen_ai.token.type", type)
                .serviceLevelObjectives(TOKEN_BUCKETS)
                .register(registry);
    }

    private Counter tokenCounter(ModelKey key, String direction) {
        return Counter.builder("switchboard.tokens").description("Tokens by the usage's disjoint counters").baseUnit("tokens")
                .tags("provider", key.provider(), "model", key.model(), "direction", direction).register(registry);
    }

    private Timer upstreamTimer(String provider, Endpoint endpoint) {
        return Timer.builder("switchboard.upstream.duration")
                .description("Upstream latency per attempt: the whole answer, or a stream's first chunk")
                .tags("provider", provider, "endpoint", endpoint.label())
                .serviceLevelObjectives(UPSTREAM_BUCKETS)
                .register(registry);
    }

    private Timer overheadTimer(Endpoint endpoint) {
        return Timer.builder("switchboard.gateway.overhead")
                .description("Time spent in Switchboard per request, upstream waiting excluded")
                .tags("endpoint", endpoint.label())
                .serviceLevelObjectives(OVERHEAD_BUCKETS)
                .register(registry);
    }

    private static Duration[] seconds(double... values) {
        Duration[] durations = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            durations[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
        }
        return durations;
    }
}
