package io.switchboard.cost;

/**
 * Prices as written in the catalog or the configuration: USD per million tokens, null where not given. A missing
 * cache-read or cache-write price is the input price (a backend that reports such tokens without a price of its own
 * charges them as input: the safe side for a budget), a missing one-hour cache-write price the cache-write price.
 */
record Rates(Double input, Double output, Double cacheRead, Double cacheWrite, Double cacheWrite1h) {

    static final Rates NONE = new Rates(null, null, null, null, null);

    /** These rates where given, {@code base}'s elsewhere. */
    Rates over(Rates base) {
        if (base == null) {
            return this;
        }
        return new Rates(or(input, base.input), or(output, base.output), or(cacheRead, base.cacheRead),
                or(cacheWrite, base.cacheWrite), or(cacheWrite1h, base.cacheWrite1h));
    }

    boolean isEmpty() {
        // not equals(NONE): a record's generated equals links its bootstrap on first use, about 10 ms of the start
        return input == null && output == null && cacheRead == null && cacheWrite == null && cacheWrite1h == null;
    }

    /** Whether the rates price a call: an input and an output price are the least. */
    boolean complete() {
        return input != null && output != null;
    }

    /** The price per token; only for {@link #complete()} rates. */
    Price toPrice() {
        double write = cacheWrite != null ? cacheWrite : input;
        return Price.perMillion(input, output, cacheRead != null ? cacheRead : input, write,
                cacheWrite1h != null ? cacheWrite1h : write);
    }

    private static Double or(Double value, Double fallback) {
        return value != null ? value : fallback;
    }
}
