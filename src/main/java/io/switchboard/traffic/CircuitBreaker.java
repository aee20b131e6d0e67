package io.switchboard.traffic;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The circuit breaker of one provider: closed, it counts the outcome of the last {@code requestVolume}
 * calls and opens when at least {@code failureRatio} of them failed; open, it refuses every call for
 * {@code delay}; then it lets one probe through (half-open), which closes it on success and opens it again
 * on failure.
 * <p>
 * Written here rather than taken from SmallRye Fault Tolerance's {@code Guard}/{@code TypedGuard}, because
 * that API does not fit how the gateway calls providers: it guards a {@code Uni} or {@code CompletionStage}
 * but not a {@code Multi}, whereas a stream attempt is decided at its first event (success) or by a failure
 * before it, not when the stream completes; it does not tell how long an open breaker stays open, which the
 * {@code Retry-After} of the 503 and {@code GET /v1/providers} need; the route must also know whether a
 * provider would be refused before choosing it, without calling it; and its rolling window is
 * {@code synchronized}, a lock taken on the event loop on every call. This one is a few atomics: under
 * races the window is approximate, which only shifts the moment it opens by a call or two.
 */
public final class CircuitBreaker {

    /** The breaker's states, as {@code GET /v1/providers} and the metrics name them. */
    public enum State {
        CLOSED,
        OPEN,
        HALF_OPEN;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Told about every change of state (metrics). */
    public interface Listener {
        void onTransition(State to);
    }

    /** {@link #tryAcquire} refused the call. */
    public static final int DENIED = 0;
    /** {@link #tryAcquire} allowed an ordinary call. */
    public static final int CALL = 1;
    /** {@link #tryAcquire} allowed the one probe of a half-open breaker. */
    public static final int PROBE = 2;

    private static final int NONE = 0;
    private static final int OK = 1;
    private static final int FAILED = 2;

    private final boolean enabled;
    private final int requestVolume;
    private final int failuresToOpen;
    private final long delayNanos;
    private final Listener listener;

    private final AtomicInteger state = new AtomicInteger(State.CLOSED.ordinal());
    private volatile long openedAtNanos;
    private final AtomicInteger probing = new AtomicInteger();
    private final AtomicIntegerArray window;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicInteger failures = new AtomicInteger();

    public CircuitBreaker(boolean enabled, int requestVolume, double failureRatio, long delayNanos, Listener listener) {
        this.enabled = enabled;
        this.requestVolume = Math.max(1, requestVolume);
        this.failuresToOpen = Math.max(1, (int) Math.ceil(failureRatio * this.requestVolume));
        this.delayNanos = delayNanos;
        this.listener = listener;
        this.window = new AtomicIntegerArray(enabled ? this.requestVolume : 1);
    }

    /** {@link #DENIED}, {@link #CALL} or {@link #PROBE}; a permit must be given back through one of the on* methods. */
    public int tryAcquire(long nowNanos) {
        if (!enabled) {
            return CALL;
        }
        int current = state.get();
        if (current == State.CLOSED.ordinal()) {
            return CALL;
        }
        if (current == State.OPEN.ordinal()) {
            if (nowNanos - openedAtNanos < delayNanos) {
                return DENIED;
            }
            if (state.compareAndSet(current, State.HALF_OPEN.ordinal())) {
                listener.onTransition(State.HALF_OPEN);
            }
        }
        return probing.compareAndSet(0, 1) ? PROBE : DENIED;
    }

    /** The call answered: a probe closes the breaker. */
    public void onSuccess(int permit) {
        if (!enabled) {
            return;
        }
        if (permit == PROBE) {
            closeAfterProbe();
        } else if (state.get() == State.CLOSED.ordinal()) {
            record(OK, 0);
        }
    }

    /** The call failed in a way that counts (a retryable upstream failure or a timeout). */
    public void onFailure(int permit, long nowNanos) {
        if (!enabled) {
            return;
        }
        if (permit == PROBE) {
            openedAtNanos = nowNanos;
            state.set(State.OPEN.ordinal());
            probing.set(0);
            listener.onTransition(State.OPEN);
        } else if (state.get() == State.CLOSED.ordinal()) {
            record(FAILED, nowNanos);
        }
    }

    /** The call ended without telling anything about the provider (cancelled by the client). */
    public void onNeutral(int permit) {
        if (permit == PROBE) {
            probing.set(0);
        }
    }

    private void record(int outcome, long nowNanos) {
        long n = calls.getAndIncrement();
        int previous = window.getAndSet((int) (n % requestVolume), outcome);
        int failed = failures.addAndGet((outcome == FAILED ? 1 : 0) - (previous == FAILED ? 1 : 0));
        if (outcome == FAILED && n + 1 >= requestVolume && failed >= failuresToOpen) {
            openedAtNanos = nowNanos;
            if (state.compareAndSet(State.CLOSED.ordinal(), State.OPEN.ordinal())) {
                listener.onTransition(State.OPEN);
            }
        }
    }

    private void closeAfterProbe() {
        for (int i = 0; i < window.length(); i++) {
            window.set(i, NONE);
        }
        calls.set(0);
        failures.set(0);
        state.set(State.CLOSED.ordinal());
        probing.set(0);
        listener.onTransition(State.CLOSED);
    }

    /** The state as callers see it: an open breaker whose delay has passed lets a probe through, so it is half-open. */
    public State state(long nowNanos) {
        State current = State.values()[state.get()];
        return current == State.OPEN && nowNanos - openedAtNanos >= delayNanos ? State.HALF_OPEN : current;
    }

    /** How long the breaker stays open from now; 0 unless it is open. */
    public long remainingOpenNanos(long nowNanos) {
        return state.get() == State.OPEN.ordinal() ? Math.max(0, openedAtNanos + delayNanos - nowNanos) : 0;
    }

    public boolean enabled() {
        return enabled;
    }
}
