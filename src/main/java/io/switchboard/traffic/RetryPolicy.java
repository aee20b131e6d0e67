package io.switchboard.traffic;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * When to call the same provider again after a retryable failure: at most {@code retries} times, after an
 * exponential backoff with full jitter (a random wait between 0 and {@code backoff × 2^retry}, capped by
 * {@code maxDelay}), so that many gateways retrying the same overloaded backend spread out instead of
 * arriving together. An upstream {@code Retry-After} replaces the backoff when it fits under {@code maxDelay}.
 */
public record RetryPolicy(int retries, Duration backoff, Duration maxDelay) {

    /** The wait before retry number {@code retry} (0 for the first retry), in milliseconds. */
    public long backoffMillis(int retry, RandomSource random) {
        long cap = ceilingMillis(retry);
        return cap <= 0 ? 0 : (long) (random.nextDouble() * (cap + 1));
    }

    /** The largest backoff of retry number {@code retry}: {@code min(maxDelay, backoff × 2^retry)}. */
    public long ceilingMillis(int retry) {
        long base = backoff.toMillis();
        long max = maxDelay.toMillis();
        if (base <= 0) {
            return 0;
        }
        // past 2^40 the product overflows long before it matters: the cap wins
        return retry >= 40 || base > (max >> Math.min(retry, 62)) ? max : Math.min(max, base << retry);
    }

    /**
     * An upstream {@code Retry-After} (delay seconds or an HTTP date) in milliseconds from {@code nowMillis};
     * -1 when absent or unreadable.
     */
    public static long retryAfterMillis(String value, long nowMillis) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        String trimmed = value.strip();
        if (Character.isDigit(trimmed.charAt(0))) {
            try {
                return Math.multiplyExact(Long.parseLong(trimmed), 1000L);
            } catch (NumberFormatException | ArithmeticException e) {
                return -1;
            }
        }
        try {
            long at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
            return Math.max(0, at - nowMillis);
        } catch (DateTimeParseException e) {
            return -1;
        }
    }
}
