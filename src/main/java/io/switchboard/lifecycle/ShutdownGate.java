package io.switchboard.lifecycle;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.metrics.GatewayMetrics;
import io.vertx.core.Vertx;

/**
 * The part of graceful shutdown that Quarkus does not do: refusing new {@code /v1} requests.
 * <p>
 * On SIGTERM Quarkus runs its pre-shutdown phase: readiness reports DOWN at once (its "Graceful
 * Shutdown" check, present because {@code quarkus.shutdown.delay-enabled=true}) and it fires
 * {@link ShutdownDelayInitiatedEvent}. New requests are still served for {@code quarkus.shutdown.delay},
 * so a load balancer that polls readiness has time to stop sending. After the delay this gate closes:
 * {@code GatewayFilter} answers new {@code /v1} requests with a retryable 503. Requests already in
 * flight, open streams included, are then awaited by Quarkus for {@code quarkus.shutdown.timeout}, which
 * application.properties sets to {@code switchboard.shutdown-grace-period}.
 */
@Singleton
public class ShutdownGate {

    private static final Logger LOG = Logger.getLogger(ShutdownGate.class);

    private final Vertx vertx;
    private final GatewayMetrics metrics;
    private final Duration delay;
    private final Duration gracePeriod;

    private volatile boolean draining;
    private volatile boolean refusing;

    @Inject
    public ShutdownGate(Vertx vertx, GatewayMetrics metrics, SwitchboardConfig config,
            @ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> delay) {
        this(vertx, metrics, delay.orElse(Duration.ZERO), config.shutdownGracePeriod());
    }

    ShutdownGate(Vertx vertx, GatewayMetrics metrics, Duration delay, Duration gracePeriod) {
        this.vertx = vertx;
        this.metrics = metrics;
        this.delay = delay;
        this.gracePeriod = gracePeriod;
    }

    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        beginDrain();
    }

    /** Covers a build without the pre-shutdown phase: by now nothing new should start. */
    void onShutdown(@Observes ShutdownEvent event) {
        refuse();
    }

    /**
     * Starts draining: new requests are still accepted for the shutdown delay, then refused. Never
     * blocks; the delay is a Vert.x timer.
     */
    public void beginDrain() {
        if (draining) {
            return;
        }
        draining = true;
        LOG.infof("Shutdown requested: readiness is DOWN; new /v1 requests are accepted for %s more, then refused;"
                + " %d open stream(s) get up to %s to finish", delay, metrics.activeStreams(), gracePeriod);
        if (delay.isZero() || delay.isNegative()) {
            refuse();
        } else {
            vertx.setTimer(delay.toMillis(), id -> refuse());
        }
    }

    private void refuse() {
        if (refusing) {
            return;
        }
        draining = true;
        refusing = true;
        LOG.infof("Refusing new /v1 requests; waiting up to %s for %d open stream(s)", gracePeriod,
                metrics.activeStreams());
    }

    /** True from SIGTERM on. */
    public boolean draining() {
        return draining;
    }

    /** True once new {@code /v1} requests must be refused. */
    public boolean refusing() {
        return refusing;
    }

    /** How long open streams may run on once requests are refused. */
    public Duration gracePeriod() {
        return gracePeriod;
    }

    /** Back to serving: only for tests that share one running application. */
    void reopen() {
        draining = false;
        refusing = false;
    }
}
