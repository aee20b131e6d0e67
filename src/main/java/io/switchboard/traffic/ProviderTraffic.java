package io.switchboard.traffic;

/**
 * The traffic state of one provider, shared by every request and route that uses it: its retry policy, its
 * circuit breaker, its in-flight counter and limit, and its latency estimate.
 *
 * @param timeoutNanos the provider's {@code timeout}: all attempts on it together stay within it
 */
public record ProviderTraffic(String provider, RetryPolicy retry, CircuitBreaker breaker, ConcurrencyLimiter limiter,
        PeakEwma latency, long timeoutNanos) implements TrafficTarget {

    @Override
    public ProviderTraffic traffic() {
        return this;
    }
}
