package io.switchboard.console;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;

/**
 * The gateway's meters added up at one moment (every tag combination together), as the overview needs them: two
 * of these, a sampling interval apart, make one {@link OverviewSample}. The counts only grow, so a difference is
 * what happened in between.
 *
 * @param requests requests answered on the API's generation doors ({@code http.server.requests} under {@code /v1}
 *        and {@code /v1beta}, the admin API and the listings left out, so the console's own calls are not counted)
 * @param errors failed attempts by provider, then error type ({@code switchboard.requests}, outcome not {@code ok})
 * @param latency attempts' durations ({@code switchboard.request.duration})
 * @param firstToken times to the first stream event ({@code switchboard.stream.time_to_first_event})
 * @param costUsd the cost of every answer ({@code switchboard_cost_usd_total}; 0 while nothing counts it)
 */
record MeterTotals(double requests, Map<String, Map<String, Double>> errors, Histogram latency, Histogram firstToken,
        double costUsd) {

    static final String HTTP_REQUESTS = "http.server.requests";
    /** Paths under {@code /v1} that are not traffic: the admin API (the console polls it) and the listings. */
    static final List<String> NOT_TRAFFIC = List.of("/v1/routes", "/v1/admin", "/v1/keys", "/v1/providers",
            "/v1/models");
    static final String REQUESTS = "switchboard.requests";
    static final String REQUEST_DURATION = "switchboard.request.duration";
    static final String FIRST_EVENT = "switchboard.stream.time_to_first_event";
    /** {@code switchboard_cost_usd_total} in Prometheus (GatewayMetrics#cost). */
    static final String COST = "switchboard.cost.usd";

    /**
     * A timer's histogram, every tag combination together.
     *
     * @param count observations
     * @param buckets observations at or under each bucket's upper bound (seconds), cumulative as Micrometer keeps them
     */
    record Histogram(double count, TreeMap<Double, Double> buckets) {

        static Histogram of(Iterable<Timer> timers) {
            double count = 0;
            TreeMap<Double, Double> buckets = new TreeMap<>();
            for (Timer timer : timers) {
                var snapshot = timer.takeSnapshot();
                count += snapshot.count();
                for (CountAtBucket bucket : snapshot.histogramCounts()) {
                    buckets.merge(bucket.bucket(TimeUnit.SECONDS), bucket.count(), Double::sum);
                }
            }
            return new Histogram(count, buckets);
        }

        /**
         * The {@code q} quantile in milliseconds of what was observed since {@code earlier}, interpolated within
         * its bucket as Prometheus's {@code histogram_quantile} does; null when nothing was observed. Above the
         * highest bucket it is that bucket's bound.
         */
        Double quantileMillisSince(Histogram earlier, double q) {
            double observed = count - earlier.count;
            if (observed <= 0) {
                return null;
            }
            double rank = q * observed;
            double lowerBound = 0;
            double lowerCount = 0;
            for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
                double cumulative = Math.max(0, bucket.getValue() - earlier.buckets.getOrDefault(bucket.getKey(), 0.0));
                if (cumulative >= rank) {
                    double within = cumulative - lowerCount;
                    double fraction = within <= 0 ? 1 : (rank - lowerCount) / within;
                    return (lowerBound + (bucket.getKey() - lowerBound) * fraction) * 1000;
                }
                lowerBound = bucket.getKey();
                lowerCount = cumulative;
            }
            return lowerBound * 1000;
        }
    }

    static MeterTotals read(MeterRegistry registry) {
        double requests = 0;
        for (Timer timer : registry.find(HTTP_REQUESTS).timers()) {
            if (traffic(timer.getId().getTag("uri"))) {
                requests += timer.count();
            }
        }
        Map<String, Map<String, Double>> errors = new HashMap<>();
        for (Counter counter : registry.find(REQUESTS).counters()) {
            String outcome = counter.getId().getTag("outcome");
            if (outcome != null && !"ok".equals(outcome)) {
                String provider = String.valueOf(counter.getId().getTag("provider"));
                errors.computeIfAbsent(provider, p -> new HashMap<>()).merge(outcome, counter.count(), Double::sum);
            }
        }
        double cost = 0;
        for (Counter counter : registry.find(COST).counters()) {
            cost += counter.count();
        }
        return new MeterTotals(requests, errors, Histogram.of(registry.find(REQUEST_DURATION).timers()),
                Histogram.of(registry.find(FIRST_EVENT).timers()), cost);
    }

    private static boolean traffic(String uri) {
        if (uri == null || !uri.startsWith("/v1")) {
            return false;
        }
        for (String path : NOT_TRAFFIC) {
            if (uri.startsWith(path)) {
                return false;
            }
        }
        return true;
    }

    /** Failed attempts by error type since {@code earlier}, every provider together. */
    Map<String, Double> errorsSince(MeterTotals earlier) {
        Map<String, Double> byType = new TreeMap<>();
        errors.forEach((provider, types) -> types.forEach((type, count) -> {
            double before = earlier.errors.getOrDefault(provider, Map.of()).getOrDefault(type, 0.0);
            if (count > before) {
                byType.merge(type, count - before, Double::sum);
            }
        }));
        return byType;
    }
}
