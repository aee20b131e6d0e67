package io.switchboard.traffic;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Singleton;

import io.switchboard.config.ConfigProblems;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.config.SwitchboardConfig.ProviderConfig;
import io.switchboard.config.SwitchboardConfig.Traffic.Breaker;

/**
 * The traffic state of every configured provider, built once at start-up from {@code switchboard.traffic.*}
 * and each provider's overrides.
 * <p>
 * {@code @Singleton}: called on every request, where a normal-scoped bean's client proxy would look its
 * instance up on every call.
 */
@Singleton
public class Traffic {

    /**
     * The type whose failures are scripted: a client rehearsing error handling must see them, so a provider of
     * it retries only when its own {@code retries} says so, never by the {@code switchboard.traffic.retries} default.
     */
    static final String SCRIPTED_TYPE = "mock";

    /** How fast a latency estimate forgets: about this long after a slow answer it has decayed back. */
    static final long LATENCY_DECAY_NANOS = Duration.ofSeconds(10).toNanos();

    private final Map<String, ProviderTraffic> providers = new LinkedHashMap<>();
    private final TrafficMetrics metrics;
    private final RandomSource random = RandomSource.THREAD_LOCAL;

    public Traffic(SwitchboardConfig config, TrafficMetrics metrics) {
        this.metrics = metrics;
        Set<String> problems = new LinkedHashSet<>();
        config.providers().forEach((name, provider) -> {
            try {
                providers.put(name, build(name, config.traffic(), provider));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        });
        if (!problems.isEmpty()) {
            throw ConfigProblems.of(problems);
        }
    }

    private ProviderTraffic build(String name, SwitchboardConfig.Traffic defaults, ProviderConfig config) {
        String prefix = "switchboard.providers." + name + ".";
        int defaultRetries = SCRIPTED_TYPE.equals(config.type()) ? 0 : defaults.retries();
        RetryPolicy retry = new RetryPolicy(
                atLeast(prefix + "retries", config.retries().orElse(defaultRetries), 0),
                config.retryBackoff().orElse(defaults.retryBackoff()),
                config.retryMaxDelay().orElse(defaults.retryMaxDelay()));
        Breaker breakerDefaults = defaults.circuitBreaker();
        SwitchboardConfig.ProviderTraffic.BreakerOverrides overrides = config.circuitBreaker();
        double ratio = overrides.failureRatio().orElse(breakerDefaults.failureRatio());
        if (!(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException(prefix + "circuit-breaker.failure-ratio: must be above 0 and at most 1, got "
                    + ratio);
        }
        CircuitBreaker breaker = new CircuitBreaker(overrides.enabled().orElse(breakerDefaults.enabled()),
                atLeast(prefix + "circuit-breaker.request-volume",
                        overrides.requestVolume().orElse(breakerDefaults.requestVolume()), 1),
                ratio, overrides.delay().orElse(breakerDefaults.delay()).toNanos(),
                to -> metrics.transition(name, to));
        metrics.breakerGauge(name, breaker);
        ConcurrencyLimiter limiter = new ConcurrencyLimiter(
                atLeast(prefix + "max-concurrent", config.maxConcurrent().orElse(defaults.maxConcurrent()), 0));
        return new ProviderTraffic(name, retry, breaker, limiter, new PeakEwma(LATENCY_DECAY_NANOS),
                config.timeout().toNanos());
    }

    private static int atLeast(String key, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(key + ": must be at least " + min + ", got " + value);
        }
        return value;
    }

    /** The traffic state of a configured provider, or null. */
    public ProviderTraffic of(String provider) {
        return providers.get(provider);
    }

    public TrafficMetrics metrics() {
        return metrics;
    }

    public RandomSource random() {
        return random;
    }
}
