package io.switchboard.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.api.admin.AdminAccess;
import io.switchboard.config.SwitchboardConfig;
import io.vertx.core.Vertx;

/**
 * The overview's memory: every {@code switchboard.console.sample-interval} a timer adds up the gateway's meters and
 * keeps what changed since the last time, for the last 15 minutes, in a ring. It only reads meters the requests
 * update anyway, so it adds nothing to a request; it runs only while the admin API is on (the console needs it).
 */
@Singleton
public class MeterSampler {

    /** How far back the overview looks. */
    public static final Duration WINDOW = Duration.ofMinutes(15);

    /** A provider's last failed attempt: its error type and when the sampler saw it. */
    public record LastError(String type, long time) {
    }

    private final MeterRegistry registry;
    private final Duration interval;
    private final OverviewSample[] ring;
    private final Map<String, LastError> lastErrors = new ConcurrentHashMap<>();
    private int next;
    private int size;
    private MeterTotals previous;
    private long previousNanos;

    public MeterSampler(MeterRegistry registry, SwitchboardConfig config) {
        this.registry = registry;
        this.interval = config.console().sampleInterval();
        if (interval.toMillis() < 100) {
            throw new IllegalArgumentException(
                    "switchboard.console.sample-interval: at least 100ms (was " + interval + ")");
        }
        this.ring = new OverviewSample[(int) Math.max(1, WINDOW.toMillis() / interval.toMillis())];
    }

    void start(@Observes StartupEvent started, Vertx vertx, AdminAccess access) {
        if (access.on()) {
            sample();
            vertx.setPeriodic(interval.toMillis(), id -> sample());
        }
    }

    /** Reads the meters and keeps what changed since the last reading. */
    synchronized void sample() {
        long now = System.nanoTime();
        MeterTotals totals = MeterTotals.read(registry);
        if (previous != null) {
            double seconds = Math.max(1e-3, (now - previousNanos) / 1e9);
            long time = System.currentTimeMillis();
            ring[next] = OverviewSample.between(previous, totals, time, seconds);
            next = (next + 1) % ring.length;
            size = Math.min(size + 1, ring.length);
            noteErrors(previous, totals, time);
        }
        previous = totals;
        previousNanos = now;
    }

    private void noteErrors(MeterTotals earlier, MeterTotals later, long time) {
        later.errors().forEach((provider, types) -> types.forEach((type, count) -> {
            if (count > earlier.errors().getOrDefault(provider, Map.of()).getOrDefault(type, 0.0)) {
                lastErrors.put(provider, new LastError(type, time));
            }
        }));
    }

    /** The samples of the last 15 minutes, oldest first. */
    public synchronized List<OverviewSample> samples() {
        List<OverviewSample> samples = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            samples.add(ring[(next - size + i + ring.length) % ring.length]);
        }
        return samples;
    }

    /** The last failed attempt on {@code provider} the sampler saw, or null. */
    public LastError lastError(String provider) {
        return lastErrors.get(provider);
    }

    public Duration interval() {
        return interval;
    }
}
