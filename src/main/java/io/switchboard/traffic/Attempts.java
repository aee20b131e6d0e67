package io.switchboard.traffic;

import java.util.List;

import io.smallrye.mutiny.Uni;
import io.switchboard.errors.ErrorType;
import io.switchboard.errors.GatewayException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * One request's walk over its targets: which target to call next (skipping those whose circuit breaker is
 * open or that are at their concurrency limit), whether a failure is retried on the same target (and after
 * how long), moves on to the next target, switches to the context-overflow targets, or goes to the client.
 * A failure of the caller's own key ({@link GatewayException#callerKeyFailure()}) goes to the client at once
 * and leaves the breaker as it was, so that no caller can open a provider's breaker for everyone.
 * The caller makes the calls and reports each outcome; calls of one request are sequential, so this state
 * needs no synchronisation.
 * <p>
 * Each call holds a breaker permit and a limiter slot from {@link #next} until {@link #succeeded}/{@link #failed}
 * (the breaker) and {@link #ended}/{@link #failed} (the slot), which are safe to call more than once.
 */
public final class Attempts<T extends TrafficTarget> {

    private final List<T> targets;
    private final int[] order;
    private final List<T> overflow;
    private final String name;
    private final boolean route;
    private final TrafficMetrics metrics;
    private final RandomSource random;

    private boolean overflowing;
    private int index;
    private int retry;
    private int calls;
    private T current;
    private int permit = CircuitBreaker.DENIED;
    private boolean holdingSlot;
    private long callStartNanos;
    private long deadlineNanos;
    private GatewayException lastError;
    private long soonestReopenNanos = Long.MAX_VALUE;
    private String refused;

    /**
     * @param order the order to try {@code targets} in (see {@link TargetOrder}); overflow targets go in their order
     * @param name the route or provider the request named
     * @param route whether {@code name} is a route
     */
    public Attempts(List<T> targets, int[] order, List<T> overflow, String name, boolean route,
            TrafficMetrics metrics, RandomSource random) {
        this.targets = targets;
        this.order = order;
        this.overflow = overflow;
        this.name = name;
        this.route = route;
        this.metrics = metrics;
        this.random = random;
    }

    /** The target to call now, with a breaker permit and a limiter slot taken; null when none is left. */
    public T next(long nowNanos) {
        List<T> list = overflowing ? overflow : targets;
        while (index < list.size()) {
            T target = list.get(overflowing ? index : order[index]);
            ProviderTraffic traffic = target.traffic();
            int granted = traffic.breaker().tryAcquire(nowNanos);
            if (granted == CircuitBreaker.DENIED) {
                soonestReopenNanos = Math.min(soonestReopenNanos, traffic.breaker().remainingOpenNanos(nowNanos));
                refuse(traffic.provider(), "its circuit breaker is open");
                continue;
            }
            if (!traffic.limiter().tryAcquire()) {
                traffic.breaker().onNeutral(granted);
                metrics.rejected(traffic.provider());
                refuse(traffic.provider(), "it is at its concurrency limit");
                continue;
            }
            permit = granted;
            holdingSlot = true;
            current = target;
            callStartNanos = nowNanos;
            if (retry == 0) {
                deadlineNanos = nowNanos + traffic.timeoutNanos();
            }
            if (calls++ == 0 && route) {
                metrics.chosen(name, traffic.provider());
            }
            return target;
        }
        return null;
    }

    private void refuse(String provider, String why) {
        if (refused == null) {
            refused = provider + " (" + why + ")";
        } else if (refused.length() < 500) {
            refused = refused + ", " + provider + " (" + why + ")";
        }
        moveOn();
    }

    private void moveOn() {
        index++;
        retry = 0;
    }

    /**
     * How long the current call may take so that all calls to its target stay within the provider's
     * {@code timeout}; {@link Long#MAX_VALUE} for a target's first call, which the provider bounds itself.
     */
    public long budgetNanos(long nowNanos) {
        return retry == 0 ? Long.MAX_VALUE : Math.max(0, deadlineNanos - nowNanos);
    }

    /** The current call answered (a stream: it sent its first event). */
    public void succeeded(long nowNanos) {
        ProviderTraffic traffic = current.traffic();
        traffic.breaker().onSuccess(permit);
        permit = CircuitBreaker.DENIED;
        traffic.latency().observe(nowNanos - callStartNanos, nowNanos);
    }

    /** The current call is over (answered, completed, cancelled, or failed after its first event). */
    public void ended() {
        if (current == null) {
            return;
        }
        ProviderTraffic traffic = current.traffic();
        if (permit != CircuitBreaker.DENIED) {
            traffic.breaker().onNeutral(permit);
            permit = CircuitBreaker.DENIED;
        }
        if (holdingSlot) {
            holdingSlot = false;
            traffic.limiter().release();
        }
    }

    /**
     * The current call failed before any output. Returns how many milliseconds to wait before calling
     * {@link #next} again (0: at once), or -1 when the error goes to the client as it is.
     */
    public long failed(GatewayException error, long nowNanos) {
        ProviderTraffic traffic = current.traffic();
        if (permit != CircuitBreaker.DENIED) {
            if (error.callerKeyFailure()) {
                // the caller's own key, refused or out of quota, tells nothing about the provider everyone shares
                traffic.breaker().onNeutral(permit);
            } else if (error.retryable()) {
                traffic.breaker().onFailure(permit, nowNanos);
                // a failing target must not look fast to the latency strategy
                long took = nowNanos - callStartNanos;
                traffic.latency().observe(Math.max(took, (long) (2 * traffic.latency().estimateNanos())), nowNanos);
            } else if (error.upstreamStatus() != null) {
                // the backend answered (the client's own 4xx): it is up
                traffic.breaker().onSuccess(permit);
            } else {
                traffic.breaker().onNeutral(permit);
            }
            permit = CircuitBreaker.DENIED;
        }
        ended();
        lastError = error;
        if (error.callerKeyFailure()) {
            // the same key would be refused again, here or at the next target (which gets the same key)
            return -1;
        }
        if (error.contextOverflow() && !overflowing && !overflow.isEmpty()) {
            overflowing = true;
            index = 0;
            retry = 0;
            return 0;
        }
        if (!error.retryable()) {
            return -1;
        }
        RetryPolicy policy = traffic.retry();
        if (retry < policy.retries()) {
            long wait = RetryPolicy.retryAfterMillis(error.retryAfter(), System.currentTimeMillis());
            if (wait <= policy.maxDelay().toMillis()) {
                if (wait < 0) {
                    wait = policy.backoffMillis(retry, random);
                }
                if (nowNanos + wait * 1_000_000 < deadlineNanos) {
                    retry++;
                    metrics.retry(traffic.provider(), reason(error));
                    return wait;
                }
            }
        }
        moveOn();
        return 0;
    }

    private static String reason(GatewayException error) {
        return error.upstreamStatus() != null ? String.valueOf(error.upstreamStatus()) : error.type().wireName();
    }

    /** The error for the client when {@link #next} found no target left: the last failure, or a 503. */
    public GatewayException exhausted() {
        if (lastError != null) {
            return lastError;
        }
        String retryAfter = soonestReopenNanos == Long.MAX_VALUE ? "1"
                : String.valueOf(Math.max(1, (soonestReopenNanos + 999_999_999) / 1_000_000_000));
        return GatewayException.builder(ErrorType.PROVIDER_UNAVAILABLE, name + " cannot take the request now: " + refused)
                .status(503).provider(targets.size() == 1 ? targets.get(0).traffic().provider() : null).retryable()
                .retryAfter(retryAfter).build();
    }

    /** The target declared first: the one that answers while every target is healthy, whatever the strategy. */
    public T declaredFirst() {
        return targets.get(0);
    }

    /** Upstream calls made so far (retries and other targets included). */
    public int calls() {
        return calls;
    }

    /**
     * Completes after {@code millis}, on the calling Vert.x context when there is one, so that the next
     * attempt starts on the request's own event loop.
     */
    public static Uni<Void> pause(long millis) {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Uni.createFrom().voidItem().onItem().delayIt().by(java.time.Duration.ofMillis(millis));
        }
        return Uni.createFrom().emitter(emitter -> {
            long timer = context.owner().setTimer(millis, id -> emitter.complete(null));
            emitter.onTermination(() -> context.owner().cancelTimer(timer));
        });
    }
}
