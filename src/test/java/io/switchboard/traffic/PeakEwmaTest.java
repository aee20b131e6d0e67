package io.switchboard.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PeakEwmaTest {

    static final long TAU = 10_000_000_000L;
    static final long MS = 1_000_000L;

    @Test
    void should_jump_to_a_slower_sample_at_once() {
        PeakEwma ewma = new PeakEwma(TAU);
        ewma.observe(10 * MS, 0);
        ewma.observe(500 * MS, 1 * MS);
        assertThat(ewma.estimateNanos()).isEqualTo(500.0 * MS);
    }

    @Test
    void should_decay_towards_faster_samples_with_the_time_between_them() {
        PeakEwma ewma = new PeakEwma(TAU);
        long t = System.nanoTime();
        ewma.observe(500 * MS, t);
        // one τ later, the weight of the old estimate is e^-1
        ewma.observe(100 * MS, t + TAU);
        double expected = 500 * MS * Math.exp(-1) + 100 * MS * (1 - Math.exp(-1));
        assertThat(ewma.estimateNanos()).isCloseTo(expected, within(1.0));
        // samples close together barely move it
        double before = ewma.estimateNanos();
        ewma.observe(100 * MS, t + TAU + MS);
        assertThat(ewma.estimateNanos()).isGreaterThan(before * 0.99).isLessThan(before);
    }

    @Test
    void should_weigh_the_cost_by_the_requests_in_flight() {
        PeakEwma ewma = new PeakEwma(TAU);
        assertThat(ewma.cost(5)).isZero();
        ewma.observe(100 * MS, System.nanoTime());
        assertThat(ewma.cost(0)).isEqualTo(100.0 * MS);
        assertThat(ewma.cost(3)).isEqualTo(400.0 * MS);
    }
}
