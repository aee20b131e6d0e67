package io.switchboard.tracing;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.AbstractMulti;
import io.smallrye.mutiny.operators.AbstractUni;
import io.smallrye.mutiny.subscription.MultiSubscriber;
import io.smallrye.mutiny.subscription.UniSubscriber;
import io.switchboard.core.embedding.EmbeddingRequest;
import io.switchboard.core.embedding.EmbeddingResponse;
import io.switchboard.core.event.Done;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.model.AIResponse;
import io.switchboard.core.model.AnswerMetadata;
import io.switchboard.core.model.FinishReason;
import io.switchboard.core.model.Usage;
import io.switchboard.errors.GatewayException;
import io.switchboard.gateway.spi.Capabilities;
import io.switchboard.gateway.spi.Provider;
import io.switchboard.gateway.spi.ProviderRequest;
import io.switchboard.gateway.spi.TokenCount;
import io.switchboard.metrics.GenAiNames;

/**
 * A provider whose every call is a GenAI client span ({@code chat <model>}) with the OpenTelemetry
 * GenAI attributes: provider, operation, request model and parameters, the model the backend says
 * answered, token usage, finish reason, error type. Never prompt or answer text. The span is current
 * while the call is subscribed, so the upstream request carries its {@code traceparent}.
 * <p>
 * A call that answers also names, on the span that was current when it started (the request's server
 * span), the provider and the models that answered, so a request's own span tells which backend served it.
 */
final class TracedProvider implements Provider {

    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<Long> MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
    static final AttributeKey<Double> TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<Long> CACHE_READ_TOKENS = AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens");
    static final AttributeKey<Long> CACHE_CREATION_TOKENS = AttributeKey.longKey(
            "gen_ai.usage.cache_creation.input_tokens");
    static final AttributeKey<List<String>> FINISH_REASONS = AttributeKey.stringArrayKey(
            "gen_ai.response.finish_reasons");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    /** The configured provider name (gen_ai.provider.name is its type). */
    static final AttributeKey<String> SWITCHBOARD_PROVIDER = AttributeKey.stringKey("switchboard.provider");
    static final AttributeKey<Boolean> STREAM = AttributeKey.booleanKey("switchboard.stream");
    static final AttributeKey<Long> UPSTREAM_STATUS = AttributeKey.longKey("http.response.status_code");

    private static final String CHAT = "chat";

    private final Provider delegate;
    private final Tracer tracer;
    private final String providerName;

    TracedProvider(Provider delegate, Tracer tracer) {
        this.delegate = delegate;
        this.tracer = tracer;
        this.providerName = GenAiNames.providerName(delegate.type());
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String type() {
        return delegate.type();
    }

    @Override
    public String defaultModel() {
        return delegate.defaultModel();
    }

    @Override
    public Capabilities capabilities() {
        return delegate.capabilities();
    }

    /** Delegated untraced: the GenAI span attributes here describe chat calls. */
    @Override
    public Uni<EmbeddingResponse> embed(EmbeddingRequest embedding, ProviderRequest request) {
        return delegate.embed(embedding, request);
    }

    @Override
    public int maxEmbeddingInputs() {
        return delegate.maxEmbeddingInputs();
    }

    @Override
    public Uni<AIResponse> generate(ProviderRequest request) {
        return new AbstractUni<>() {
            @Override
            public void subscribe(UniSubscriber<? super AIResponse> subscriber) {
                Span server = Span.current();
                Span span = start(request, false);
                // current while the call is built too: context propagation captures it when a pipeline is built
                try (Scope scope = span.makeCurrent()) {
                    AbstractUni.subscribe(delegate.generate(request)
                            .onItem().invoke(response -> succeeded(span, server, request, response.finishReason(),
                                    response.usage(), response.metadata()))
                            .onFailure().invoke(failure -> failed(span, failure))
                            .onCancellation().invoke(span::end), subscriber);
                }
            }
        };
    }

    @Override
    public Multi<StreamEvent> stream(ProviderRequest request) {
        return new AbstractMulti<>() {
            @Override
            public void subscribe(MultiSubscriber<? super StreamEvent> subscriber) {
                Span server = Span.current();
                Span span = start(request, true);
                try (Scope scope = span.makeCurrent()) {
                    delegate.stream(request)
                            .onItem().invoke(event -> {
                                if (event instanceof Done done) {
                                    succeeded(span, server, request, done.finishReason(), done.usage(),
                                            done.metadata());
                                }
                            })
                            .onFailure().invoke(failure -> failed(span, failure))
                            .onCancellation().invoke(span::end)
                            .subscribe(subscriber);
                }
            }
        };
    }

    /** Not a chat call: no span of its own; the upstream call runs under the request's span. */
    @Override
    public Uni<TokenCount> countTokens(ProviderRequest request) {
        return delegate.countTokens(request);
    }

    private Span start(ProviderRequest request, boolean stream) {
        Span span = tracer.spanBuilder(CHAT + " " + request.model()).setSpanKind(SpanKind.CLIENT)
                .setAttribute(OPERATION, CHAT)
                .setAttribute(PROVIDER, providerName)
                .setAttribute(REQUEST_MODEL, request.model())
                .setAttribute(SWITCHBOARD_PROVIDER, delegate.name())
                .setAttribute(STREAM, stream)
                .startSpan();
        if (request.temperature() != null) {
            span.setAttribute(TEMPERATURE, request.temperature());
        }
        if (request.maxTokens() != null) {
            span.setAttribute(MAX_TOKENS, (long) request.maxTokens());
        }
        return span;
    }

    private void succeeded(Span span, Span server, ProviderRequest request, FinishReason finishReason, Usage usage,
            ObjectNode metadata) {
        // the backend's own name for the model (e.g. a dated snapshot of an alias); absent when it gave none
        String responseModel = AnswerMetadata.responseModel(metadata);
        server.setAttribute(PROVIDER, providerName);
        server.setAttribute(SWITCHBOARD_PROVIDER, delegate.name());
        server.setAttribute(REQUEST_MODEL, request.model());
        if (responseModel != null) {
            span.setAttribute(RESPONSE_MODEL, responseModel);
            server.setAttribute(RESPONSE_MODEL, responseModel);
        }
        // the GenAI conventions count cached tokens in the input and reasoning in the output, with the cache apart too
        if (usage.inputTokens() != null || usage.cacheReadInputTokens() != null
                || usage.cacheCreationInputTokens() != null) {
            span.setAttribute(INPUT_TOKENS, (long) usage.allInputTokens());
        }
        if (usage.cacheReadInputTokens() != null) {
            span.setAttribute(CACHE_READ_TOKENS, (long) usage.cacheReadInputTokens());
        }
        if (usage.cacheCreationInputTokens() != null) {
            span.setAttribute(CACHE_CREATION_TOKENS, (long) usage.cacheCreationInputTokens());
        }
        if (usage.outputTokens() != null || usage.reasoningTokens() != null) {
            span.setAttribute(OUTPUT_TOKENS, (long) usage.allOutputTokens());
        }
        span.setAttribute(FINISH_REASONS, List.of(finishReason.wireName()));
        span.end();
    }

    private static void failed(Span span, Throwable failure) {
        String type = failure instanceof GatewayException gateway ? gateway.type().wireName()
                : failure.getClass().getName();
        span.setAttribute(ERROR_TYPE, type);
        if (failure instanceof GatewayException gateway && gateway.upstreamStatus() != null) {
            span.setAttribute(UPSTREAM_STATUS, (long) gateway.upstreamStatus());
        }
        // the type only: an upstream's message may quote the request
        span.setStatus(StatusCode.ERROR, type);
        span.end();
    }
}
