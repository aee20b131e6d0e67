package io.switchboard.tracing;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.OpenTelemetry;
import io.switchboard.gateway.spi.Provider;
import io.switchboard.gateway.spi.ProviderDecorator;

/**
 * GenAI client spans, one per call to a provider (so every retry and every fallback target is its
 * own span), when tracing is on. With tracing off (no OTLP endpoint configured) providers are used
 * as they are: no wrapper, no span, nothing per request.
 */
@ApplicationScoped
public class GenAiTracing implements ProviderDecorator {

    private final OpenTelemetry openTelemetry;
    private final boolean enabled;

    public GenAiTracing(OpenTelemetry openTelemetry,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "true") boolean sdkDisabled) {
        this.openTelemetry = openTelemetry;
        this.enabled = !sdkDisabled;
    }

    /** The provider, traced when tracing is on. */
    @Override
    public Provider decorate(Provider provider) {
        return enabled ? new TracedProvider(provider, openTelemetry.getTracer("io.switchboard")) : provider;
    }
}
