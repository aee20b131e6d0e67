package io.switchboard.traffic;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The traffic layer's meters. Every label is bounded: providers and routes are configured names, a retry
 * reason is an upstream status or an error type, a state one of three. Counters are looked up once per label
 * combination and kept, as {@code GatewayMetrics} does.
 * <p>
 * {@code @Singleton}: called on every request, where a normal-scoped bean's client proxy would look its
 * instance up on every call.
 */
@Singleton
public class TrafficMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> retries = new ConcurrentHashMap<>();
    private final Map<String, Counter> transitions = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejections = new ConcurrentHashMap<>();
    private final Map<RouteTarget, Counter> chosen = new ConcurrentHashMap<>();

    private record RouteTarget(String route, String provider) {
    }

    public TrafficMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A retry of the same provider; {@code reason} is the upstream status, or the error type when there is none. */
    public void retry(String provider, String reason) {
        retries.computeIfAbsent(provider + '\u0000' + reason, key -> Counter.builder("switchboard.retries")
                .description("Retries of the same provider, by reason").tags("provider", provider, "reason", reason)
                .register(registry)).increment();
    }

    public void transition(String provider, CircuitBreaker.State to) {
        transitions.computeIfAbsent(provider + '\u0000' + to.wireName(),
                key -> Counter.builder("switchboard.circuit_breaker.transitions")
                        .description("Circuit breaker state changes, by the state entered")
                        .tags("provider", provider, "state", to.wireName()).register(registry))
                .increment();
    }

    /** The breaker state gauge of one provider: 0 closed, 1 open, 2 half-open. */
    public void breakerGauge(String provider, CircuitBreaker breaker) {
        Gauge.builder("switchboard.circuit_breaker.state", breaker, b -> b.state(System.nanoTime()).ordinal())
                .description("Circuit breaker state: 0 closed, 1 open, 2 half-open").tags("provider", provider)
                .register(registry);
    }

    /** A request the concurrency limit of {@code provider} turned away. */
    public void rejected(String provider) {
        rejections.computeIfAbsent(provider, key -> Counter.builder("switchboard.limiter.rejections")
                .description("Requests turned away by a provider's concurrency limit").tags("provider", provider)
                .register(registry)).increment();
    }

    /** The target a route's strategy put first for a request. */
    public void chosen(String route, String provider) {
        chosen.computeIfAbsent(new RouteTarget(route, provider), key -> Counter.builder("switchboard.route.chosen")
                .description("The target a route's strategy chose first").tags("route", route, "provider", provider)
                .register(registry)).increment();
    }
}
