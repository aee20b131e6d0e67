package io.switchboard.governance;

/**
 * Amounts in USD are counted as whole millionths (micros): sums of integers do not drift, and Redis adds them
 * atomically.
 */
final class Money {

    private Money() {
    }

    /**
     * {@code usd} in micros, to the nearest: a price times a count carries binary noise (0.006 is
     * 6000.000000000001 micros) that must not add a micro per answer.
     */
    static long micros(double usd) {
        return Math.round(usd * 1_000_000);
    }

    static double usd(long micros) {
        return micros / 1_000_000.0;
    }
}
