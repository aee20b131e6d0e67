package io.switchboard.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

class RetryAfterTest {

    @Test
    void should_pass_delay_seconds_on_as_an_integer_clamped_to_the_maximum() {
        assertThat(RetryAfter.fromHeader("7")).isEqualTo("7");
        assertThat(RetryAfter.fromHeader(" 0 ")).isEqualTo("0");
        assertThat(RetryAfter.fromHeader("007")).isEqualTo("7");
        assertThat(RetryAfter.fromHeader("3601")).isEqualTo("3600");
        assertThat(RetryAfter.fromHeader("99999999999999999999999")).isEqualTo("3600");
    }

    @Test
    void should_turn_an_http_date_into_seconds_from_now() {
        String inTwoMinutes = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(120)
                .format(DateTimeFormatter.RFC_1123_DATE_TIME);
        assertThat(Long.parseLong(RetryAfter.fromHeader(inTwoMinutes))).isBetween(110L, 120L);
        assertThat(RetryAfter.fromHeader("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo("0");
        String inFiveYears = ZonedDateTime.now(ZoneOffset.UTC).plusYears(5).format(DateTimeFormatter.RFC_1123_DATE_TIME);
        assertThat(RetryAfter.fromHeader(inFiveYears)).isEqualTo("3600");
    }

    @Test
    void should_round_a_decimal_number_up_and_clamp_one_too_large_for_any_type() {
        assertThat(RetryAfter.fromHeader("1.5")).isEqualTo("2");
        assertThat(RetryAfter.fromHeader("1e3")).isEqualTo("1000");
        assertThat(RetryAfter.fromHeader("2.5E-1")).isEqualTo("1");
        assertThat(RetryAfter.fromHeader("0.000")).isEqualTo("0");
        assertThat(RetryAfter.fromHeader("0e999999999")).isEqualTo("0");
        assertThat(RetryAfter.fromHeader("36.001e2")).isEqualTo("3600");
        assertThat(RetryAfter.fromHeader("35.991e2")).isEqualTo("3600");
        assertThat(RetryAfter.fromHeader("35.989e2")).isEqualTo("3599");
        assertThat(RetryAfter.fromHeader("0.00123e+4")).isEqualTo("13");
        for (String huge : new String[] { "99999999999999999999", "1e309", "1e1000000", "1E+99999999999999999999",
                "9".repeat(100_000), "0.0001e8" }) {
            assertThat(RetryAfter.fromHeader(huge)).as(huge.length() > 40 ? "long" : huge).isEqualTo("3600");
        }
    }

    @Test
    void should_drop_anything_else() {
        for (String value : new String[] { "", "soon", "-1", "-1e5", "+5", "NaN", "Infinity", ".5", "5.", "1e", "1e+",
                "1.5.2", "0x10", "sk-proj-abcdef123456", "7\r\nX-Injected: 1", "x".repeat(100_000) }) {
            assertThat(RetryAfter.fromHeader(value)).as(value.length() > 40 ? "long" : value).isNull();
        }
    }

    @Test
    void should_read_a_protobuf_duration_and_clamp_a_hostile_one_cheaply() {
        assertThat(RetryAfter.fromDuration("37s")).isEqualTo("37");
        assertThat(RetryAfter.fromDuration("0.5s")).isEqualTo("1");
        assertThat(RetryAfter.fromDuration("2.000s")).isEqualTo("2");
        assertThat(RetryAfter.fromDuration("86400s")).isEqualTo("3600");
        // an exponent is never applied: its size costs nothing
        long start = System.nanoTime();
        assertThat(RetryAfter.fromDuration("1e50000000s")).isEqualTo("3600");
        assertThat(RetryAfter.fromDuration("1e999999999s")).isEqualTo("3600");
        assertThat(RetryAfter.fromDuration("1e1000000s")).isEqualTo("3600");
        assertThat(RetryAfter.fromDuration("1e-999999999s")).isEqualTo("1");
        assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(200);
        // a long number is read in one pass, as the JSON holding it was
        assertThat(RetryAfter.fromDuration("9".repeat(100_000) + "s")).isEqualTo("3600");
        assertThat(RetryAfter.fromDuration("0." + "0".repeat(100_000) + "1s")).isEqualTo("1");
        assertThat(RetryAfter.fromDuration("-1s")).isNull();
        assertThat(RetryAfter.fromDuration("NaNs")).isNull();
        assertThat(RetryAfter.fromDuration(".5s")).isNull();
        assertThat(RetryAfter.fromDuration("37")).isNull();
    }

    @Test
    void should_leave_every_error_with_a_clean_retry_after() {
        GatewayException error = GatewayException.builder(ErrorType.PROVIDER_ERROR, "slow down").status(429)
                .provider("p").upstreamStatus(429).retryable().retryAfter("sk-leaked-key").build();
        assertThat(error.retryAfter()).isNull();
        assertThat(error.withMessage("x").retryAfter()).isNull();
        assertThat(GatewayException.builder(ErrorType.PROVIDER_ERROR, "m").status(429).provider("p").upstreamStatus(429)
                .retryable().retryAfter("120").build().retryAfter()).isEqualTo("120");
    }
}
