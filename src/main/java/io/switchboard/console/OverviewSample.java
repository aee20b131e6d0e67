package io.switchboard.console;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What the gateway did during one sampling interval, as the overview's charts plot it.
 *
 * @param time the end of the interval, in milliseconds since the epoch
 * @param latencyP50Ms null when no attempt finished in the interval (a gap in the chart, not a zero)
 * @param errorsPerSecond failed attempts per second by error type; only the types that occurred
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record OverviewSample(long time, double requestsPerSecond, Double latencyP50Ms, Double latencyP99Ms,
        Double timeToFirstTokenP50Ms, Double timeToFirstTokenP99Ms, Map<String, Double> errorsPerSecond,
        double costUsdPerMinute) {

    static OverviewSample between(MeterTotals earlier, MeterTotals later, long time, double seconds) {
        Map<String, Double> errors = later.errorsSince(earlier);
        errors.replaceAll((type, count) -> count / seconds);
        return new OverviewSample(time, Math.max(0, later.requests() - earlier.requests()) / seconds,
                later.latency().quantileMillisSince(earlier.latency(), 0.5),
                later.latency().quantileMillisSince(earlier.latency(), 0.99),
                later.firstToken().quantileMillisSince(earlier.firstToken(), 0.5),
                later.firstToken().quantileMillisSince(earlier.firstToken(), 0.99), errors,
                Math.max(0, later.costUsd() - earlier.costUsd()) * 60 / seconds);
    }
}
