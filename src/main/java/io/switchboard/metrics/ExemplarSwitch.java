package io.switchboard.metrics;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.prometheus.client.exemplars.ExemplarSampler;
import io.quarkus.micrometer.runtime.export.exemplars.OpentelemetryExemplarSamplerProvider;

/**
 * Histogram exemplars only while tracing is on. Quarkus gives the Prometheus registry an exemplar
 * sampler whenever OpenTelemetry is in the build; it asks for the current span on every recorded
 * value (nine per request here), which costs about 3 % of a request's CPU in the benchmark (bench/)
 * even when the SDK is disabled and there is never a span to link. With tracing on
 * ({@link io.switchboard.config.TracingSwitch}), the registry gets Quarkus's own sampler, unchanged.
 */
@Singleton
public class ExemplarSwitch {

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    Optional<ExemplarSampler> exemplarSampler(
            @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean tracingOff) {
        return tracingOff ? Optional.empty() : new OpentelemetryExemplarSamplerProvider().exemplarSampler();
    }
}
