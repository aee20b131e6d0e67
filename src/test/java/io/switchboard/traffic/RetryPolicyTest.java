package io.switchboard.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(250), Duration.ofSeconds(10));

    @Test
    void should_double_the_ceiling_per_retry_up_to_the_maximum_delay() {
        assertThat(policy.ceilingMillis(0)).isEqualTo(250);
        assertThat(policy.ceilingMillis(1)).isEqualTo(500);
        assertThat(policy.ceilingMillis(3)).isEqualTo(2000);
        assertThat(policy.ceilingMillis(5)).isEqualTo(8000);
        assertThat(policy.ceilingMillis(6)).isEqualTo(10_000);
        assertThat(policy.ceilingMillis(62)).isEqualTo(10_000);
        assertThat(policy.ceilingMillis(1000)).isEqualTo(10_000);
    }

    @Test
    void should_draw_full_jitter_between_zero_and_the_ceiling() {
        RandomSource random = RandomSource.seeded(7);
        for (int retry = 0; retry < 8; retry++) {
            long ceiling = policy.ceilingMillis(retry);
            long min = Long.MAX_VALUE;
            long max = 0;
            double sum = 0;
            for (int i = 0; i < 2000; i++) {
                long wait = policy.backoffMillis(retry, random);
                assertThat(wait).isBetween(0L, ceiling);
                min = Math.min(min, wait);
                max = Math.max(max, wait);
                sum += wait;
            }
            // spread over the whole range, not bunched at the ceiling
            assertThat(min).isLessThan(ceiling / 20 + 1);
            assertThat(max).isGreaterThan(ceiling * 19 / 20);
            assertThat(sum / 2000).isBetween(ceiling * 0.45, ceiling * 0.55);
        }
    }

    @Test
    void should_reach_the_bounds_with_extreme_random_numbers() {
        RandomSource lowest = fixed(0.0);
        RandomSource highest = fixed(Math.nextDown(1.0));
        assertThat(policy.backoffMillis(2, lowest)).isZero();
        assertThat(policy.backoffMillis(2, highest)).isEqualTo(1000);
    }

    @Test
    void should_not_wait_with_a_zero_backoff() {
        RetryPolicy none = new RetryPolicy(2, Duration.ZERO, Duration.ofSeconds(10));
        assertThat(none.backoffMillis(3, fixed(0.9))).isZero();
    }

    @Test
    void should_read_retry_after_in_seconds_or_as_an_http_date() {
        long now = ZonedDateTime.of(2026, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC).toInstant().toEpochMilli();
        assertThat(RetryPolicy.retryAfterMillis("1", now)).isEqualTo(1000);
        assertThat(RetryPolicy.retryAfterMillis(" 38 ", now)).isEqualTo(38_000);
        String inTwelve = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.of(2026, 1, 1, 12, 0, 12, 0,
                ZoneOffset.UTC));
        assertThat(RetryPolicy.retryAfterMillis(inTwelve, now)).isEqualTo(12_000);
        assertThat(RetryPolicy.retryAfterMillis("Thu, 01 Jan 2026 11:00:00 GMT", now)).isZero();
        assertThat(RetryPolicy.retryAfterMillis(null, now)).isEqualTo(-1);
        assertThat(RetryPolicy.retryAfterMillis("soon", now)).isEqualTo(-1);
        assertThat(RetryPolicy.retryAfterMillis("99999999999999999999", now)).isEqualTo(-1);
    }

    static RandomSource fixed(double value) {
        return new RandomSource() {
            @Override
            public int nextInt(int bound) {
                return (int) (value * bound);
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }
}
