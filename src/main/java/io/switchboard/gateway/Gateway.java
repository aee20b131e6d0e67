package io.switchboard.gateway;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.config.SwitchboardConfig.ProviderConfig;
import io.switchboard.core.embedding.EmbeddingRequest;
import io.switchboard.core.embedding.EmbeddingResponse;
import io.switchboard.core.event.Done;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.event.TextDelta;
import io.switchboard.core.event.ThinkingDelta;
import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AIResponse;
import io.switchboard.core.model.FinishReason;
import io.switchboard.core.model.Names;
import io.switchboard.core.model.Usage;
import io.switchboard.core.route.Route;
import io.switchboard.core.route.RouteTable;
import io.switchboard.core.route.RouteTarget;
import io.switchboard.cost.Pricing;
import io.switchboard.errors.GatewayException;
import io.switchboard.errors.Redactor;
import io.switchboard.errors.UpstreamErrors;
import io.switchboard.gateway.spi.InboundRequest;
import io.switchboard.gateway.spi.Provider;
import io.switchboard.gateway.spi.ProviderRequest;
import io.switchboard.gateway.spi.RequestMemo;
import io.switchboard.gateway.spi.Secret;
import io.switchboard.gateway.spi.TokenCount;
import io.switchboard.gateway.spi.ToolUse;
import io.switchboard.governance.KeyUse;
import io.switchboard.metrics.Endpoint;
import io.switchboard.metrics.Exchange;
import io.switchboard.metrics.GatewayMetrics;
import io.switchboard.traffic.Attempts;
import io.switchboard.traffic.ProviderTraffic;
import io.switchboard.traffic.TargetOrder;
import io.switchboard.traffic.Traffic;
import io.switchboard.traffic.TrafficTarget;
import io.switchboard.upstream.HeaderValues;

/**
 * Resolves the {@code provider} parameter (a provider or a route: one namespace), applies route
 * defaults, orders a route's targets by its strategy, then makes the attempts: retries and moves on
 * to the next target on retryable failures (a stream only before its first event), as the traffic
 * layer decides ({@link Attempts}); builds the response metadata and records metrics, on the meters and
 * on the request's exchange, which every call is handed with the request ({@link InboundRequest}). The HTTP
 * resources know nothing else. All the attempts of a request share one {@link RequestMemo} (work done for the
 * request, not for an attempt, such as fetched images), ended when the request ends.
 * <p>
 * {@code @Singleton}: called on every request, and a normal-scoped bean is reached through a client proxy
 * that looks its instance up in the context on every call.
 */
@Singleton
public class Gateway {

    private static final Logger LOG = Logger.getLogger(Gateway.class);
    private static final int[] SINGLE = { 0 };
    /** The metadata key marking an answer of a muted route, which the caller must not broadcast. */
    public static final String MUTED = "muted";
    /** The metadata key of an answer's cost in USD, null when its model has no price. */
    public static final String COST_USD = "cost_usd";
    /** The header of a whole answer's cost in USD, on every door; left out when the model has no price. */
    public static final String COST_HEADER = "X-Switchboard-Cost-Usd";
    private static final String COUNT_TOKENS = Endpoint.COUNT_TOKENS.label();
    /** An embeddings call has no conversation: its attempts carry an empty one. */
    private static final AIContext EMBEDDING_CONTEXT = new AIContext(List.of(), null, null, null, null, null, null,
            null, null, null, null, null, null, true);
    private static final String MOCK_TYPE = "mock";
    private static final ModelKind CHAT = new ModelKind((provider, config) -> provider.defaultModel(),
            provider -> "model: required, as provider \"" + provider + "\" has no configured model (name one: "
                    + "?model=<model>, or \"" + provider + "/<model>\" on the compatible APIs)");
    private static final ModelKind EMBEDDINGS = new ModelKind(Gateway::embeddingModel,
            provider -> "model: required, as provider \"" + provider + "\" has no configured embedding-model (name "
                    + "one: \"" + provider + "/<model>\")");

    private final ProviderRegistry registry;
    private final RouteTable routes;
    private final GatewayMetrics metrics;
    private final Traffic traffic;
    private final Pricing pricing;
    private final Call<AIResponse> generateCall = generateCall(false);
    private final Call<AIResponse> mutedGenerateCall = generateCall(true);

    public Gateway(ProviderRegistry registry, RouteTable routes, GatewayMetrics metrics, Traffic traffic,
            Pricing pricing) {
        this.registry = registry;
        this.routes = routes;
        this.metrics = metrics;
        this.traffic = traffic;
        this.pricing = pricing;
    }

    /** One planned call: the provider, the request it gets, and the provider's traffic state. */
    record Attempt(Provider provider, ProviderRequest request, ProviderTraffic traffic) implements TrafficTarget {

        /** The exchange of the client's request, which the attempt reports to. */
        Exchange exchange() {
            return request.inbound().exchange();
        }
    }

    public Uni<AIResponse> generate(AIContext context, String name, String model, InboundRequest inbound) {
        RequestMemo memo = new RequestMemo();
        Attempts<Attempt> attempts = plan(context, name, model, inbound, memo);
        // a muted route still asks its backend (the observer keeps thinking); the caller must not broadcast it
        boolean muted = mutedRoute(name) != null;
        Call<AIResponse> call = muted ? mutedGenerateCall : generateCall;
        Uni<AIResponse> answer = admitted(inbound, () -> whole(attempts, "generate", call));
        SchemaCheck check = SchemaCheck.of(attempts.declaredFirst().request().context());
        if (check != null) {
            answer = answer.map(check::checked);
        }
        return answer.onTermination().invoke(memo::end);
    }

    /**
     * The vectors of {@code embedding}'s inputs, in order, from the provider or route {@code name} (a route's
     * targets, retries and breakers as for {@link #generate}); {@code model} overrides the provider's
     * {@code embedding-model}. A batch over the backend's maximum is split and joined in order.
     */
    public Uni<EmbeddingResponse> embed(EmbeddingRequest embedding, String name, String model, InboundRequest inbound) {
        RequestMemo memo = new RequestMemo();
        Attempts<Attempt> attempts = plan(EMBEDDING_CONTEXT, name, model, inbound, memo, EMBEDDINGS);
        Call<EmbeddingResponse> call = embedCall(embedding);
        return admitted(inbound, () -> whole(attempts, "embeddings", call)).onTermination().invoke(memo::end);
    }

    public Multi<StreamEvent> stream(AIContext context, String name, String model, InboundRequest inbound) {
        RequestMemo memo = new RequestMemo();
        Attempts<Attempt> attempts = plan(context, name, model, inbound, memo);
        Route muted = mutedRoute(name);
        if (muted != null) {
            // a muted route's stream is closed before it starts: no backend call, one empty done
            return Multi.createFrom().item(mutedDone(muted, inbound.id()));
        }
        KeyUse key = inbound.key();
        Multi<StreamEvent> events = key == null ? Multi.createFrom().deferred(() -> stream(attempts))
                : Uni.createFrom().deferred(() -> key.admit(inbound.exchange()))
                        .onItem().transformToMulti(ignored -> stream(attempts)).onTermination().invoke(key::end);
        SchemaCheck check = SchemaCheck.of(attempts.declaredFirst().request().context());
        if (check != null) {
            events = check.checked(events);
        }
        return events.onTermination().invoke(memo::end);
    }

    /**
     * The input tokens {@code context} would take where {@code name} sends it: a provider counts it, a route on its
     * first declared target (see {@link Attempts#declaredFirst}). One upstream call, without retries or moving on to
     * another target: a count is a question about one backend's tokenizer, not an answer any target may give.
     */
    public Uni<TokenCount> countTokens(AIContext context, String name, String model, InboundRequest inbound) {
        RequestMemo memo = new RequestMemo();
        Attempt attempt = plan(context, name, model, inbound, memo).declaredFirst();
        Provider provider = attempt.provider();
        String resolvedModel = attempt.request().model();
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return provider.countTokens(attempt.request())
                    .onItem().invoke(count -> metrics.request(attempt.exchange(), provider.name(), provider.type(),
                            resolvedModel, COUNT_TOKENS, "ok", System.nanoTime() - start))
                    .onFailure().transform(failure -> failed(attempt, failure, COUNT_TOKENS, start));
        }).onTermination().invoke(memo::end);
    }

    /**
     * The call, once the request's virtual key (if any) admitted it: its limits and budget checked, its worst case
     * reserved; the key's use ends with the call.
     */
    private static <T> Uni<T> admitted(InboundRequest inbound, Supplier<Uni<? extends T>> call) {
        KeyUse key = inbound.key();
        if (key == null) {
            return Uni.createFrom().deferred(call);
        }
        return Uni.createFrom().deferred(() -> key.admit(inbound.exchange())).chain(call).onTermination()
                .invoke(key::end);
    }

    private Route mutedRoute(String name) {
        String target = target(name);
        if (registry.provider(target) != null) {
            return null;
        }
        Route route = routes.route(target);
        return route != null && route.muted() ? route : null;
    }

    /** The done event of a muted stream, stamped with the target that would have answered first. */
    private Done mutedDone(Route route, String requestId) {
        RouteTarget first = route.targets().get(0);
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        metadata.put("provider", first.provider());
        metadata.put("model", first.model() != null ? first.model() : registry.provider(first.provider()).defaultModel());
        metadata.putNull("provider_finish_reason");
        metadata.put("request_id", requestId);
        metadata.put("attempts", 0);
        // no backend was called
        metadata.put(COST_USD, 0.0);
        metadata.put(MUTED, true);
        return new Done(FinishReason.STOP, new Usage(0, 0), metadata);
    }

    private String target(String name) {
        return name == null || name.isBlank() ? registry.defaultName() : name;
    }

    /** How one kind of whole call is made and finished: the backend call, then the answer stamped for the caller. */
    private interface Call<T> {
        Uni<T> send(Attempt attempt);

        /** The answer of {@code attempt} after {@code calls} backend calls, its usage recorded. */
        T answered(Attempt attempt, T answer, int calls);
    }

    private Call<AIResponse> generateCall(boolean muted) {
        return new Call<>() {
            @Override
            public Uni<AIResponse> send(Attempt attempt) {
                return attempt.provider().generate(attempt.request());
            }

            @Override
            public AIResponse answered(Attempt attempt, AIResponse response, int calls) {
                double cost = wholeAnswerCost(attempt, settle(attempt, response.usage()));
                return response.withMetadata(metadata(response.metadata(), attempt, calls, muted, cost));
            }
        };
    }

    private Call<EmbeddingResponse> embedCall(EmbeddingRequest embedding) {
        return new Call<>() {
            @Override
            public Uni<EmbeddingResponse> send(Attempt attempt) {
                return EmbeddingBatches.embed(attempt.provider(), embedding, attempt.request());
            }

            @Override
            public EmbeddingResponse answered(Attempt attempt, EmbeddingResponse response, int calls) {
                wholeAnswerCost(attempt, settle(attempt, response.usage()));
                return response;
            }
        };
    }

    /** The attempts of one whole call: retried and moved on to the next target as the traffic layer decides. */
    private <T> Uni<T> whole(Attempts<Attempt> attempts, String endpoint, Call<T> call) {
        long start = System.nanoTime();
        Attempt attempt = attempts.next(start);
        if (attempt == null) {
            return Uni.createFrom().failure(attempts.exhausted());
        }
        Provider provider = attempt.provider();
        String model = attempt.request().model();
        Uni<T> answer = Uni.createFrom().deferred(() -> call.send(attempt));
        long budget = attempts.budgetNanos(start);
        if (budget != Long.MAX_VALUE) {
            answer = answer.ifNoItem().after(Duration.ofNanos(budget)).failWith(() -> outOfTime(provider));
        }
        return answer
                .onItem().transform(response -> {
                    attempts.succeeded(System.nanoTime());
                    attempts.ended();
                    metrics.request(attempt.exchange(), provider.name(), provider.type(), model, endpoint, "ok",
                            System.nanoTime() - start);
                    return call.answered(attempt, response, attempts.calls());
                })
                .onCancellation().invoke(() -> {
                    attempts.ended();
                    metrics.request(attempt.exchange(), provider.name(), provider.type(), model, endpoint,
                            GatewayMetrics.CANCELLED, System.nanoTime() - start);
                })
                .onFailure().recoverWithUni(failure -> {
                    GatewayException error = failed(attempt, failure, endpoint, start);
                    long wait = attempts.failed(error, System.nanoTime());
                    if (wait < 0) {
                        return Uni.createFrom().failure(error);
                    }
                    return wait == 0 ? whole(attempts, endpoint, call)
                            : Attempts.pause(wait).onItem().transformToUni(ignored -> whole(attempts, endpoint, call));
                });
    }

    private Multi<StreamEvent> stream(Attempts<Attempt> attempts) {
        long start = System.nanoTime();
        Attempt attempt = attempts.next(start);
        if (attempt == null) {
            return Multi.createFrom().failure(attempts.exhausted());
        }
        StreamProgress progress = new StreamProgress(attempt, attempts, start);
        return Multi.createFrom().deferred(() -> attempt.provider().stream(attempt.request()))
                .onItem().transform(progress::onEvent)
                // exactly one terminal event: anything after it is dropped and the upstream cancelled
                .select().first(progress::beforeTerminal)
                .onCompletion().switchTo(progress::checkTerminated)
                .onFailure().transform(failure -> failed(attempt, failure, "stream", progress.start))
                .onCancellation().invoke(progress::onCancel)
                .onCompletion().invoke(attempts::ended)
                .onFailure().recoverWithMulti(failure -> {
                    GatewayException error = (GatewayException) failure;
                    // after the first event a replay would duplicate output: the error goes to the client
                    long wait = progress.emitted ? -1 : attempts.failed(error, System.nanoTime());
                    attempts.ended();
                    if (wait < 0) {
                        return Multi.createFrom().failure(error);
                    }
                    return wait == 0 ? stream(attempts)
                            : Attempts.pause(wait).onItem().transformToMulti(ignored -> stream(attempts));
                });
    }

    /**
     * Records the tokens and the cost of an answer: on the meters, on the request's exchange (its access log
     * line) and on its virtual key. Returns the cost in USD, NaN when the model has no price or the backend
     * reported no usage.
     */
    private double settle(Attempt attempt, Usage usage) {
        KeyUse key = attempt.request().inbound().key();
        if (usage == null) {
            if (key != null) {
                key.answered(null, Double.NaN);
            }
            return Double.NaN;
        }
        Provider provider = attempt.provider();
        String model = attempt.request().model();
        Exchange exchange = attempt.exchange();
        metrics.tokens(exchange, provider.name(), provider.type(), model, usage.inputTokens(),
                usage.cacheReadInputTokens(), usage.cacheCreationInputTokens(), usage.outputTokens(),
                usage.reasoningTokens());
        double cost = pricing.cost(provider.name(), model, usage);
        if (key != null) {
            key.answered(usage, cost);
        }
        metrics.cost(exchange, provider.name(), model, cost);
        exchange.cost(cost);
        return cost;
    }

    /**
     * The {@value #COST_HEADER} header of a whole answer, whose headers go out with its body (a stream's went out with
     * its first event: its cost is in its done event).
     */
    private static double wholeAnswerCost(Attempt attempt, double cost) {
        if (!Double.isNaN(cost)) {
            // in plain decimals: Double.toString writes a small cost as 1.2E-5
            attempt.exchange().answerHeader(COST_HEADER, BigDecimal.valueOf(cost).toPlainString());
        }
        return cost;
    }

    private static GatewayException outOfTime(Provider provider) {
        return UpstreamErrors.fromFailure(provider.name(),
                new TimeoutException("the retries used up the provider's timeout"));
    }

    /** Per-subscription state of one streaming attempt. */
    private final class StreamProgress {
        final Attempt attempt;
        final Attempts<Attempt> attempts;
        final long start;
        boolean emitted;
        boolean terminated;

        StreamProgress(Attempt attempt, Attempts<Attempt> attempts, long start) {
            this.attempt = attempt;
            this.attempts = attempts;
            this.start = start;
        }

        StreamEvent onEvent(StreamEvent event) {
            Provider provider = attempt.provider();
            String model = attempt.request().model();
            if (!emitted) {
                emitted = true;
                attempts.succeeded(System.nanoTime());
                metrics.firstEvent(attempt.exchange(), provider.name(), provider.type(), model,
                        System.nanoTime() - start);
            }
            KeyUse key = attempt.request().inbound().key();
            if (key != null) {
                if (event instanceof TextDelta text) {
                    key.streamed(provider.name(), model, text.text().length());
                } else if (event instanceof ThinkingDelta thinking && thinking.thinking() != null) {
                    key.streamed(provider.name(), model, thinking.thinking().length());
                }
            }
            if (event instanceof Done done && !terminated) {
                metrics.request(attempt.exchange(), provider.name(), provider.type(), model, "stream", "ok",
                        System.nanoTime() - start);
                double cost = settle(attempt, done.usage());
                return done.withMetadata(metadata(done.metadata(), attempt, attempts.calls(), false, cost));
            }
            return event;
        }

        boolean beforeTerminal(StreamEvent event) {
            boolean pass = !terminated;
            terminated |= event.isTerminal();
            return pass;
        }

        Multi<StreamEvent> checkTerminated() {
            return terminated ? Multi.createFrom().empty()
                    : Multi.createFrom().failure(UpstreamErrors.streamCut(attempt.provider().name()));
        }

        void onCancel() {
            attempts.ended();
            if (!terminated) {
                metrics.request(attempt.exchange(), attempt.provider().name(), attempt.provider().type(),
                        attempt.request().model(), "stream", GatewayMetrics.CANCELLED, System.nanoTime() - start);
            }
        }
    }

    private GatewayException failed(Attempt attempt, Throwable failure, String endpoint, long start) {
        Provider provider = attempt.provider();
        GatewayException error;
        if (failure instanceof GatewayException gateway) {
            error = gateway;
        } else {
            LOG.errorf(failure, "provider %s failed unexpectedly (request %s)", provider.name(),
                    attempt.request().inbound().id());
            error = GatewayException.internal("internal error while calling provider " + provider.name());
        }
        // Upstreams may quote what they were sent, in an error body or an in-stream error frame: whatever
        // the provider, no message leaves with a configured key or header value, or the caller's key, in it.
        String safe = Redactor.redact(error.getMessage(), secrets(registry.config(provider.name()), attempt.request()));
        if (safe != null && !safe.equals(error.getMessage())) {
            error = error.withMessage(safe);
        }
        if (error.provider() != null) {
            metrics.upstreamError(provider.name(), error.upstreamStatus());
        }
        metrics.request(attempt.exchange(), provider.name(), provider.type(), attempt.request().model(), endpoint,
                error.type().wireName(), System.nanoTime() - start);
        return error;
    }

    /** Every value this call sent that is a secret: the keys and the configured extra header values. */
    private static List<String> secrets(ProviderConfig config, ProviderRequest request) {
        List<String> secrets = new ArrayList<>(config.headers().values());
        config.apiKey().ifPresent(secrets::add);
        secrets.add(request.keyOr(null));
        return secrets;
    }

    /**
     * The metadata every answer carries: provider, model, the provider's own fields (a null
     * provider_finish_reason when it gave none), request_id, attempts, cost_usd (null when unpriced), and
     * {@code muted} on a muted route's answer. A new object: the provider's stays as it made it.
     */
    private static ObjectNode metadata(ObjectNode provided, Attempt attempt, int attempts, boolean muted,
            double cost) {
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        metadata.put("provider", attempt.provider().name());
        metadata.put("model", attempt.request().model());
        metadata.putNull("provider_finish_reason");
        metadata.setAll(provided);
        metadata.put("request_id", attempt.request().inbound().id());
        metadata.put("attempts", attempts);
        putCost(metadata, cost);
        if (muted) {
            metadata.put(MUTED, true);
        }
        return metadata;
    }

    private static void putCost(ObjectNode metadata, double cost) {
        if (Double.isNaN(cost)) {
            metadata.putNull(COST_USD);
        } else {
            metadata.put(COST_USD, cost);
        }
    }

    /**
     * Resolves the target, builds the request each attempt gets and orders the targets.
     *
     * @param memo the work all the attempts share, ended by the caller with the request
     */
    Attempts<Attempt> plan(AIContext context, String name, String model, InboundRequest inbound, RequestMemo memo) {
        return plan(context, name, model, inbound, memo, CHAT);
    }

    private Attempts<Attempt> plan(AIContext context, String name, String model, InboundRequest inbound,
            RequestMemo memo, ModelKind kind) {
        String target = target(name);
        if (target == null) {
            throw GatewayException.invalidRequest("provider: required, as no switchboard.default-provider is "
                    + "configured (GET /v1/providers lists the providers and routes)");
        }
        Names.require("provider", Names.nameProblem(target));
        boolean modelGiven = model != null && !model.isBlank();
        if (modelGiven) {
            Names.require("model", Names.modelProblem(model));
        }
        Provider provider = registry.provider(target);
        Route route = provider == null ? routes.route(target) : null;
        if (provider == null && route == null) {
            throw GatewayException.notFound("provider: unknown provider or route \"" + target + "\"");
        }
        inbound.exchange().targeted(target);
        if (inbound.key() != null) {
            inbound.key().allowTarget(target);
        }
        Secret requestKey = requestKey(context);
        if (provider != null) {
            ToolUse.check(context);
            return new Attempts<>(List.of(attempt(provider, context, model, requestKey, inbound, memo, kind)), SINGLE,
                    List.of(),
                    target, false, traffic.metrics(), traffic.random());
        }
        if (modelGiven) {
            throw GatewayException.invalidRequest(
                    "model: cannot override the model of route \"" + target + "\"; name a provider instead");
        }
        AIContext routed = route.defaults().applyTo(context);
        // the tool choice is checked against the tools the route adds too, whatever backend answers
        ToolUse.check(routed);
        List<Attempt> targets = attempts(route.targets(), routed, requestKey, inbound, memo, kind);
        List<Attempt> overflow = route.contextOverflowTargets().isEmpty() ? List.of()
                : attempts(route.contextOverflowTargets(), routed, requestKey, inbound, memo, kind);
        int[] order = TargetOrder.order(route.strategy(), route.weights(), targets, traffic.random());
        return new Attempts<>(targets, order, overflow, target, true, traffic.metrics(), traffic.random());
    }

    private List<Attempt> attempts(List<RouteTarget> targets, AIContext context, Secret key, InboundRequest inbound,
            RequestMemo memo, ModelKind kind) {
        List<Attempt> attempts = new ArrayList<>(targets.size());
        for (RouteTarget routeTarget : targets) {
            attempts.add(attempt(registry.provider(routeTarget.provider()), context, routeTarget.model(), key,
                    inbound, memo, kind));
        }
        return attempts;
    }

    private Attempt attempt(Provider provider, AIContext context, String model, Secret key, InboundRequest inbound,
            RequestMemo memo, ModelKind kind) {
        ProviderConfig config = registry.config(provider.name());
        String defaultModel = kind.defaultModel(provider, config);
        String resolvedModel = model != null && !model.isBlank() ? model : defaultModel;
        if (resolvedModel == null) {
            throw GatewayException.invalidRequest(kind.missing().apply(provider.name()));
        }
        Double temperature = context.temperature() != null ? context.temperature()
                : config.temperature().orElse(context.unsetTemperature());
        Integer maxTokens = context.maxTokens() != null ? context.maxTokens() : config.maxTokens().orElse(null);
        if (inbound.key() != null) {
            inbound.key().allowModel(provider.name(), resolvedModel, bodyBytes(inbound),
                    maxTokens == null ? -1 : maxTokens);
        }
        return new Attempt(provider,
                new ProviderRequest(ReasoningOrigins.forType(context, provider.type()), resolvedModel, key,
                        temperature, maxTokens, inbound, memo),
                traffic.of(provider.name()));
    }

    /** The size of the request's body as declared, or -1. */
    private static long bodyBytes(InboundRequest inbound) {
        String length = inbound.headers().get("content-length");
        try {
            return length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Which model a call takes when the request names none: a chat call the provider's {@code model}, an
     * embeddings call its {@code embedding-model}; {@code missing} words the 400 for a provider that has none.
     */
    private record ModelKind(BiFunction<Provider, ProviderConfig, String> defaults, UnaryOperator<String> missing) {

        String defaultModel(Provider provider, ProviderConfig config) {
            return defaults.apply(provider, config);
        }
    }

    /**
     * The configured embedding model; the mock embeds with any model, so it falls back to its own name. A provider
     * without embeddings is refused here, before any call and whatever model is named.
     */
    private static String embeddingModel(Provider provider, ProviderConfig config) {
        if (provider.maxEmbeddingInputs() <= 0) {
            throw GatewayException.invalidRequest("model: provider \"" + provider.name() + "\" (type " + provider.type()
                    + ") has no embeddings");
        }
        return config.embeddingModel().orElse(MOCK_TYPE.equals(provider.type()) ? provider.name() : null);
    }

    private static Secret requestKey(AIContext context) {
        JsonNode key = context.metadata().get("api_key");
        if (key == null || key.isNull()) {
            return null;
        }
        if (!key.isTextual() || key.asText().isBlank()) {
            throw GatewayException.invalidRequest("metadata.api_key: must be a non-empty string");
        }
        if (!HeaderValues.isValid(key.asText())) {
            // the value goes into an upstream header: never echoed, only named
            throw GatewayException.invalidRequest(
                    "metadata.api_key: must hold printable ASCII only (no line breaks or control characters)");
        }
        return new Secret(key.asText());
    }
}
