package io.switchboard.governance;

/**
 * Amounts in USD are counted as whole millionths (micros): sums of integers do not drift, and Redis adds them
 * atomically.
 */
final class Money {

    private Money() {
    }

    /** {@code usd} in micros, rounded up: a reservation or a charge is never rounded down to nothing. */
    static long micros(double usd) {
        return (long) Math.ceil(usd * 1_000_000);
    }

    static double usd(long micros) {
        return micros / 1_000_000.0;
    }
}
