package io.switchboard.core.route;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a route orders its targets for one request. */
public enum RouteStrategy {
    /** The targets in the order given. */
    FALLBACK,
    /** A random target drawn by weight first, the others after. */
    WEIGHTED,
    /** The target with the fewest requests in flight first. */
    LEAST_BUSY,
    /** The target with the lowest recent latency first (power of two choices). */
    LATENCY;

    /** The name used in configuration and JSON: {@code fallback}, {@code weighted}, {@code least-busy}, {@code latency}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The strategy of a wire name; {@code least_busy} is accepted too. */
    public static RouteStrategy fromWireName(String value) {
        String normalized = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (RouteStrategy strategy : values()) {
            if (strategy.name().equals(normalized)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("unknown strategy \"" + value + "\" (known: " + known() + ")");
    }

    public static String known() {
        return Arrays.stream(values()).map(RouteStrategy::wireName).collect(Collectors.joining(", "));
    }
}
