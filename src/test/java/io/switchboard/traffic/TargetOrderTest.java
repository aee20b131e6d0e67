package io.switchboard.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.core.route.RouteStrategy;

class TargetOrderTest {

    static final long MS = 1_000_000L;

    static ProviderTraffic target(String name) {
        return new ProviderTraffic(name, new RetryPolicy(0, Duration.ZERO, Duration.ZERO),
                new CircuitBreaker(false, 1, 1, 0, to -> {
                }), new ConcurrencyLimiter(0), new PeakEwma(10_000 * MS), 1000 * MS);
    }

    static List<String> names(int[] order, List<ProviderTraffic> targets) {
        return java.util.Arrays.stream(order).mapToObj(i -> targets.get(i).provider()).toList();
    }

    final List<ProviderTraffic> abc = List.of(target("a"), target("b"), target("c"));

    @Test
    void should_keep_the_configured_order_for_fallback() {
        assertThat(names(TargetOrder.order(RouteStrategy.FALLBACK, List.of(), abc, RandomSource.seeded(1)), abc))
                .containsExactly("a", "b", "c");
    }

    @Test
    void should_put_targets_first_in_proportion_to_their_weights() {
        RandomSource random = RandomSource.seeded(42);
        int[] firsts = new int[3];
        for (int i = 0; i < 10_000; i++) {
            int[] order = TargetOrder.order(RouteStrategy.WEIGHTED, List.of(6, 3, 1), abc, random);
            firsts[order[0]]++;
            assertThat(order).containsExactlyInAnyOrder(0, 1, 2);
            // the others keep their configured order behind the drawn one
            int[] rest = java.util.Arrays.stream(order).skip(1).toArray();
            assertThat(rest[0]).isLessThan(rest[1]);
        }
        assertThat(firsts[0]).isBetween(5800, 6200);
        assertThat(firsts[1]).isBetween(2800, 3200);
        assertThat(firsts[2]).isBetween(900, 1100);
    }

    @Test
    void should_draw_by_weight_when_the_weights_add_up_past_an_int() {
        // 3000 targets of the largest weight add up to 3e9: the draw must neither overflow nor favour a target
        List<Integer> weights = java.util.Collections.nCopies(3000, 1_000_000);
        RandomSource random = RandomSource.seeded(7);
        int firstHalf = 0;
        for (int i = 0; i < 2000; i++) {
            int first = TargetOrder.weighted(weights, weights.size(), random)[0];
            assertThat(first).isBetween(0, 2999);
            firstHalf += first < 1500 ? 1 : 0;
        }
        assertThat(firstHalf).isBetween(900, 1100);
    }

    @Test
    void should_never_draw_a_target_of_weight_zero() {
        RandomSource random = RandomSource.seeded(3);
        for (int i = 0; i < 1000; i++) {
            assertThat(TargetOrder.order(RouteStrategy.WEIGHTED, List.of(0, 1, 0), abc, random)[0]).isEqualTo(1);
        }
    }

    @Test
    void should_put_the_least_busy_first_and_rotate_ties() {
        abc.get(0).limiter().tryAcquire();
        abc.get(0).limiter().tryAcquire();
        abc.get(2).limiter().tryAcquire();
        assertThat(names(TargetOrder.order(RouteStrategy.LEAST_BUSY, List.of(), abc, RandomSource.seeded(5)), abc))
                .containsExactly("b", "c", "a");

        List<ProviderTraffic> idle = List.of(target("x"), target("y"));
        RandomSource random = RandomSource.seeded(9);
        int xFirst = 0;
        for (int i = 0; i < 1000; i++) {
            xFirst += TargetOrder.order(RouteStrategy.LEAST_BUSY, List.of(), idle, random)[0] == 0 ? 1 : 0;
        }
        assertThat(xFirst).isBetween(400, 600);
    }

    @Test
    void should_prefer_the_lower_latency_of_two_random_choices() {
        long now = System.nanoTime();
        abc.get(0).latency().observe(300 * MS, now);
        abc.get(1).latency().observe(10 * MS, now);
        abc.get(2).latency().observe(100 * MS, now);
        RandomSource random = RandomSource.seeded(11);
        int[] firsts = new int[3];
        for (int i = 0; i < 3000; i++) {
            int[] order = TargetOrder.order(RouteStrategy.LATENCY, List.of(), abc, random);
            firsts[order[0]]++;
            assertThat(order).containsExactlyInAnyOrder(0, 1, 2);
        }
        // b wins both pairs it is drawn in (2 of 3 pairs), c wins against a (1 of 3), a never
        assertThat(firsts[0]).isZero();
        assertThat(firsts[1]).isBetween(1850, 2150);
        assertThat(firsts[2]).isBetween(850, 1150);
    }

    @Test
    void should_count_requests_in_flight_in_the_latency_cost() {
        List<ProviderTraffic> two = List.of(target("fast"), target("slow"));
        long now = System.nanoTime();
        two.get(0).latency().observe(10 * MS, now);
        two.get(1).latency().observe(30 * MS, now);
        assertThat(TargetOrder.order(RouteStrategy.LATENCY, List.of(), two, RandomSource.seeded(1))[0]).isZero();
        for (int i = 0; i < 3; i++) {
            two.get(0).limiter().tryAcquire();
        }
        // 10 ms × 4 in flight costs more than 30 ms × 1
        assertThat(TargetOrder.order(RouteStrategy.LATENCY, List.of(), two, RandomSource.seeded(1))[0]).isOne();
    }

    @Test
    void should_leave_the_shared_fallback_order_untouched() {
        long now = System.nanoTime();
        abc.get(0).latency().observe(300 * MS, now);
        RandomSource random = RandomSource.seeded(2);
        for (int i = 0; i < 100; i++) {
            TargetOrder.order(RouteStrategy.LATENCY, List.of(), abc, random);
            TargetOrder.order(RouteStrategy.WEIGHTED, List.of(1, 1, 1), abc, random);
        }
        assertThat(TargetOrder.order(RouteStrategy.FALLBACK, List.of(), abc, random)).containsExactly(0, 1, 2);
    }
}
