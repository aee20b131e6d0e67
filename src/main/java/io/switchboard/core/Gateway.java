package io.switchboard.core;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.config.SwitchboardConfig.ProviderConfig;
import io.switchboard.core.event.Done;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AIResponse;
import io.switchboard.core.model.FinishReason;
import io.switchboard.core.model.Usage;
import io.switchboard.core.route.Route;
import io.switchboard.core.route.RouteTable;
import io.switchboard.core.route.RouteTarget;
import io.switchboard.core.spi.Provider;
import io.switchboard.core.spi.ProviderRequest;
import io.switchboard.core.spi.Secret;
import io.switchboard.errors.GatewayException;
import io.switchboard.errors.Redactor;
import io.switchboard.errors.UpstreamErrors;
import io.switchboard.metrics.GatewayMetrics;
import io.switchboard.upstream.HeaderValues;

/**
 * Resolves the {@code provider} parameter (a provider or a route: one namespace), applies route
 * defaults, tries a route's targets in order on retryable failures (a stream only before its first
 * event), stamps the response metadata and records metrics. The HTTP resources know nothing else.
 */
@ApplicationScoped
public class Gateway {

    private static final Logger LOG = Logger.getLogger(Gateway.class);
    /** The metadata key marking an answer of a muted route, which the caller must not broadcast. */
    public static final String MUTED = "muted";

    private final ProviderRegistry registry;
    private final RouteTable routes;
    private final GatewayMetrics metrics;

    public Gateway(ProviderRegistry registry, RouteTable routes, GatewayMetrics metrics) {
        this.registry = registry;
        this.routes = routes;
        this.metrics = metrics;
    }

    /** One planned call: the provider and the request it gets. */
    record Attempt(Provider provider, ProviderRequest request) {
    }

    public Uni<AIResponse> generate(AIContext context, String name, String model, String requestId) {
        Uni<AIResponse> answer = generate(plan(context, name, model, requestId), 0);
        // a muted route still asks its backend (the observer keeps thinking); the caller must not broadcast it
        return muted(name) ? answer.invoke(response -> response.metadata().put(MUTED, true)) : answer;
    }

    public Multi<StreamEvent> stream(AIContext context, String name, String model, String requestId) {
        List<Attempt> attempts = plan(context, name, model, requestId);
        if (muted(name)) {
            // a muted route's stream is closed before it starts: no backend call, one empty done
            Done done = Done.of(FinishReason.STOP, null, new Usage(0, 0));
            stamp(done.metadata(), attempts.get(0));
            done.metadata().put(MUTED, true);
            return Multi.createFrom().item(done);
        }
        return stream(attempts, 0);
    }

    private boolean muted(String name) {
        String target = target(name);
        if (registry.provider(target) != null) {
            return false;
        }
        Route route = routes.route(target);
        return route != null && route.muted();
    }

    private String target(String name) {
        return name == null || name.isBlank() ? registry.defaultName() : name;
    }

    private Uni<AIResponse> generate(List<Attempt> attempts, int index) {
        Attempt attempt = attempts.get(index);
        Provider provider = attempt.provider();
        String model = attempt.request().model();
        Uni<AIResponse> call = Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return provider.generate(attempt.request())
                    .onItem().invoke(response -> {
                        stamp(response.metadata(), attempt);
                        metrics.request(provider.name(), provider.type(), model, "generate", "ok", System.nanoTime() - start);
                        metrics.tokens(provider.name(), provider.type(), model, response.usage());
                    })
                    .onFailure().transform(failure -> failed(attempt, failure, "generate", start));
        });
        if (index + 1 < attempts.size()) {
            call = call.onFailure(Gateway::isRetryable).recoverWithUni(() -> generate(attempts, index + 1));
        }
        return call;
    }

    private Multi<StreamEvent> stream(List<Attempt> attempts, int index) {
        Attempt attempt = attempts.get(index);
        return Multi.createFrom().deferred(() -> {
            StreamProgress progress = new StreamProgress(attempt, System.nanoTime());
            Multi<StreamEvent> events = Multi.createFrom().deferred(() -> attempt.provider().stream(attempt.request()))
                    .onItem().transform(progress::onEvent)
                    // exactly one terminal event: anything after it is dropped and the upstream cancelled
                    .select().first(progress::beforeTerminal)
                    .onCompletion().switchTo(progress::checkTerminated)
                    .onFailure().transform(failure -> failed(attempt, failure, "stream", progress.start))
                    .onCancellation().invoke(progress::onCancel);
            if (index + 1 < attempts.size()) {
                events = events.onFailure(failure -> !progress.emitted && isRetryable(failure))
                        .recoverWithMulti(() -> stream(attempts, index + 1));
            }
            return events;
        });
    }

    /** Per-subscription state of one streaming attempt. */
    private final class StreamProgress {
        final Attempt attempt;
        final long start;
        boolean emitted;
        boolean terminated;

        StreamProgress(Attempt attempt, long start) {
            this.attempt = attempt;
            this.start = start;
        }

        StreamEvent onEvent(StreamEvent event) {
            Provider provider = attempt.provider();
            String model = attempt.request().model();
            if (!emitted) {
                emitted = true;
                metrics.firstEvent(provider.name(), provider.type(), model, System.nanoTime() - start);
            }
            if (event instanceof Done done && !terminated) {
                stamp(done.metadata(), attempt);
                metrics.request(provider.name(), provider.type(), model, "stream", "ok", System.nanoTime() - start);
                metrics.tokens(provider.name(), provider.type(), model, done.usage());
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
            if (!terminated) {
                metrics.request(attempt.provider().name(), attempt.provider().type(), attempt.request().model(),
                        "stream", "cancelled", System.nanoTime() - start);
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
                    attempt.request().requestId());
            error = GatewayException.internal("internal error while calling provider " + provider.name());
        }
        // Upstreams may quote the key they were sent, in an error body or an in-stream error frame:
        // whatever the provider, no message leaves with the configured or the caller's key in it.
        String safe = Redactor.redact(error.getMessage(), registry.config(provider.name()).apiKey().orElse(null),
                attempt.request().keyOr(null));
        if (safe != null && !safe.equals(error.getMessage())) {
            error = error.withMessage(safe);
        }
        if (error.provider() != null) {
            metrics.upstreamError(provider.name(), error.upstreamStatus());
        }
        metrics.request(provider.name(), provider.type(), attempt.request().model(), endpoint, error.type().wireName(),
                System.nanoTime() - start);
        return error;
    }

    private static boolean isRetryable(Throwable failure) {
        return failure instanceof GatewayException gateway && gateway.retryable();
    }

    /** Metadata every answer carries: provider, model, the provider's own fields, request_id. */
    private static void stamp(ObjectNode metadata, Attempt attempt) {
        ObjectNode provided = metadata.deepCopy();
        metadata.removeAll();
        metadata.put("provider", attempt.provider().name());
        metadata.put("model", attempt.request().model());
        if (!provided.has("provider_finish_reason")) {
            metadata.putNull("provider_finish_reason");
        }
        metadata.setAll(provided);
        metadata.put("request_id", attempt.request().requestId());
    }

    /** Resolves the target and builds the request each attempt gets. */
    List<Attempt> plan(AIContext context, String name, String model, String requestId) {
        String target = target(name);
        Provider provider = registry.provider(target);
        Route route = provider == null ? routes.route(target) : null;
        if (provider == null && route == null) {
            throw GatewayException.notFound("provider: unknown provider or route \"" + target + "\"");
        }
        Secret requestKey = requestKey(context);
        if (provider != null) {
            return List.of(attempt(provider, context, model, requestKey, requestId));
        }
        if (model != null && !model.isBlank()) {
            throw GatewayException.invalidRequest(
                    "model: cannot override the model of route \"" + target + "\"; name a provider instead");
        }
        AIContext routed = route.defaults().applyTo(context);
        List<Attempt> attempts = new ArrayList<>();
        for (RouteTarget routeTarget : route.targets()) {
            attempts.add(attempt(registry.provider(routeTarget.provider()), routed, routeTarget.model(), requestKey,
                    requestId));
        }
        return attempts;
    }

    private Attempt attempt(Provider provider, AIContext context, String model, Secret key, String requestId) {
        ProviderConfig config = registry.config(provider.name());
        if (model != null && !model.isBlank()) {
            ModelNames.check(model);
        }
        String resolvedModel = model != null && !model.isBlank() ? model : provider.defaultModel();
        if (resolvedModel == null) {
            throw GatewayException.invalidRequest("model: provider \"" + provider.name()
                    + "\" has no configured model; pass ?model=");
        }
        double temperature = context.temperature() != null ? context.temperature()
                : config.temperature().orElse(AIContext.DEFAULT_TEMPERATURE);
        Integer maxTokens = context.maxTokens() != null ? context.maxTokens() : config.maxTokens().orElse(null);
        return new Attempt(provider, new ProviderRequest(context, resolvedModel, key, temperature, maxTokens, requestId));
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
