package io.switchboard.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.traffic.CircuitBreaker.State;

class CircuitBreakerTest {

    static final long SECOND = 1_000_000_000L;

    final List<State> transitions = new ArrayList<>();
    final CircuitBreaker breaker = new CircuitBreaker(true, 4, 0.5, 30 * SECOND, transitions::add);

    void outcome(boolean failed, long now) {
        int permit = breaker.tryAcquire(now);
        assertThat(permit).isEqualTo(CircuitBreaker.CALL);
        if (failed) {
            breaker.onFailure(permit, now);
        } else {
            breaker.onSuccess(permit);
        }
    }

    @Test
    void should_stay_closed_below_the_request_volume() {
        for (int i = 0; i < 3; i++) {
            outcome(true, 0);
        }
        assertThat(breaker.state(0)).isEqualTo(State.CLOSED);
    }

    @Test
    void should_open_when_the_failure_ratio_of_the_window_is_reached() {
        outcome(false, 0);
        outcome(true, 0);
        outcome(false, 0);
        assertThat(breaker.state(0)).isEqualTo(State.CLOSED);
        outcome(true, SECOND);
        assertThat(breaker.state(SECOND)).isEqualTo(State.OPEN);
        assertThat(transitions).containsExactly(State.OPEN);
        assertThat(breaker.tryAcquire(2 * SECOND)).isEqualTo(CircuitBreaker.DENIED);
        assertThat(breaker.remainingOpenNanos(2 * SECOND)).isEqualTo(29 * SECOND);
    }

    @Test
    void should_forget_outcomes_that_left_the_window() {
        outcome(true, 0);
        outcome(true, 0);
        outcome(false, 0);
        outcome(false, 0);
        // the failures came before the window was full, and it is checked on a failure only
        assertThat(breaker.state(0)).isEqualTo(State.CLOSED);
        outcome(false, 0);
        outcome(false, 0);
        // the two failures have left the window of the last 4
        outcome(true, 0);
        assertThat(breaker.state(0)).isEqualTo(State.CLOSED);
    }

    @Test
    void should_let_one_probe_through_after_the_delay_and_close_on_its_success() {
        for (int i = 0; i < 4; i++) {
            outcome(true, 0);
        }
        long later = 31 * SECOND;
        assertThat(breaker.state(later)).isEqualTo(State.HALF_OPEN);
        int probe = breaker.tryAcquire(later);
        assertThat(probe).isEqualTo(CircuitBreaker.PROBE);
        assertThat(breaker.tryAcquire(later)).isEqualTo(CircuitBreaker.DENIED);
        breaker.onSuccess(probe);
        assertThat(breaker.state(later)).isEqualTo(State.CLOSED);
        assertThat(transitions).containsExactly(State.OPEN, State.HALF_OPEN, State.CLOSED);
        // a fresh window: three failures do not reopen it
        for (int i = 0; i < 3; i++) {
            outcome(true, later);
        }
        assertThat(breaker.state(later)).isEqualTo(State.CLOSED);
    }

    @Test
    void should_open_again_when_the_probe_fails_and_free_the_probe_when_it_is_cancelled() {
        for (int i = 0; i < 4; i++) {
            outcome(true, 0);
        }
        long later = 31 * SECOND;
        int probe = breaker.tryAcquire(later);
        breaker.onNeutral(probe);
        probe = breaker.tryAcquire(later);
        assertThat(probe).isEqualTo(CircuitBreaker.PROBE);
        breaker.onFailure(probe, later);
        assertThat(breaker.state(later)).isEqualTo(State.OPEN);
        assertThat(breaker.remainingOpenNanos(later)).isEqualTo(30 * SECOND);
    }

    @Test
    void should_always_allow_when_disabled() {
        CircuitBreaker off = new CircuitBreaker(false, 1, 0.1, SECOND, to -> {
        });
        for (int i = 0; i < 10; i++) {
            int permit = off.tryAcquire(0);
            assertThat(permit).isEqualTo(CircuitBreaker.CALL);
            off.onFailure(permit, 0);
        }
        assertThat(off.state(0)).isEqualTo(State.CLOSED);
    }

    @Test
    void should_limit_requests_in_flight() {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter(2);
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isFalse();
        assertThat(limiter.inFlight()).isEqualTo(2);
        limiter.release();
        assertThat(limiter.tryAcquire()).isTrue();
    }
}
