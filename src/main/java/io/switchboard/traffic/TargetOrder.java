package io.switchboard.traffic;

import java.util.List;

import io.switchboard.core.route.RouteStrategy;

/**
 * The order in which one request tries a route's targets, per strategy. Whatever the order, the request
 * moves on through the remaining targets after a retryable failure.
 * <ul>
 * <li>{@code fallback}: as configured.
 * <li>{@code weighted}: one target drawn with probability proportional to its weight first, the others after in
 * configured order.
 * <li>{@code least-busy}: fewest requests in flight first; ties in a random rotation, so idle targets share the load.
 * <li>{@code latency}: power of two choices: of two targets drawn at random, the one with the lower
 * {@link PeakEwma#cost load-weighted latency} first, the others after by that cost. Two random candidates
 * instead of the global best keep many gateways from stampeding onto the same target.
 * </ul>
 */
public final class TargetOrder {

    private static final int[][] IDENTITY = new int[17][];

    static {
        for (int n = 0; n < IDENTITY.length; n++) {
            IDENTITY[n] = new int[n];
            for (int i = 0; i < n; i++) {
                IDENTITY[n][i] = i;
            }
        }
    }

    private TargetOrder() {
    }

    /** Indexes into {@code targets}, in the order to try them. The result may be shared: do not modify it. */
    public static int[] order(RouteStrategy strategy, List<Integer> weights, List<? extends TrafficTarget> targets,
            RandomSource random) {
        int n = targets.size();
        if (n <= 1 || strategy == RouteStrategy.FALLBACK) {
            return identity(n);
        }
        return switch (strategy) {
            case WEIGHTED -> weighted(weights, n, random);
            case LEAST_BUSY -> leastBusy(targets, random);
            case LATENCY -> latency(targets, random);
            default -> identity(n);
        };
    }

    static int[] weighted(List<Integer> weights, int n, RandomSource random) {
        // a long, as many weights may add up past an int whatever bound each one has
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += weights.get(i);
        }
        long draw = total <= Integer.MAX_VALUE ? random.nextInt((int) total) : (long) (random.nextDouble() * total);
        int first = 0;
        for (int i = 0; i < n; i++) {
            draw -= weights.get(i);
            if (draw < 0) {
                first = i;
                break;
            }
        }
        return firstThenRest(first, n);
    }

    static int[] leastBusy(List<? extends TrafficTarget> targets, RandomSource random) {
        int n = targets.size();
        int[] order = new int[n];
        double[] load = new double[n];
        int offset = random.nextInt(n);
        for (int i = 0; i < n; i++) {
            order[i] = (i + offset) % n;
            load[order[i]] = targets.get(order[i]).traffic().limiter().inFlight();
        }
        sortFrom(order, 0, load);
        return order;
    }

    static int[] latency(List<? extends TrafficTarget> targets, RandomSource random) {
        int n = targets.size();
        double[] cost = new double[n];
        for (int i = 0; i < n; i++) {
            ProviderTraffic target = targets.get(i).traffic();
            cost[i] = target.latency().cost(target.limiter().inFlight());
        }
        int a = random.nextInt(n);
        int b = random.nextInt(n - 1);
        if (b >= a) {
            b++;
        }
        int first = cost[b] < cost[a] ? b : a;
        int[] order = new int[n];
        order[0] = first;
        for (int i = 0, k = 1; i < n; i++) {
            if (i != first) {
                order[k++] = i;
            }
        }
        sortFrom(order, 1, cost);
        return order;
    }

    /**
     * Sorts {@code order[from..]} by {@code key} of each index; an insertion sort, as routes have a handful of
     * targets, and stable (ties keep their order).
     */
    private static void sortFrom(int[] order, int from, double[] key) {
        for (int i = from + 1; i < order.length; i++) {
            int current = order[i];
            int j = i - 1;
            while (j >= from && key[order[j]] > key[current]) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = current;
        }
    }

    private static int[] firstThenRest(int first, int n) {
        if (first == 0) {
            return identity(n);
        }
        int[] order = new int[n];
        order[0] = first;
        int k = 1;
        for (int i = 0; i < n; i++) {
            if (i != first) {
                order[k++] = i;
            }
        }
        return order;
    }

    private static int[] identity(int n) {
        if (n < IDENTITY.length) {
            return IDENTITY[n];
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }
}
