package io.switchboard.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

import io.opentelemetry.api.trace.SpanContext;
import io.vertx.ext.web.RoutingContext;

/**
 * What one {@code /v1/*} request did, gathered while it runs and read once when its response headers
 * go out (the overhead) and when it ends (the access log line). {@link AccessLog} starts it and puts
 * it on the request's routing context ({@link #of}); from the door on it is passed down explicitly,
 * through the gateway to the upstream call. Everything touching it runs on the request's event loop,
 * so it needs no locking. A call no request follows gets {@link #NONE}, which records nothing.
 * <p>
 * The gateway overhead is the time from the request reaching Switchboard to its response headers
 * going out, minus the time spent waiting for upstreams: from sending the first upstream request to
 * the last upstream bytes received before the headers (retries and the pauses between them
 * included). For a non-streaming answer the headers go out with the whole body; for a stream they go
 * out with the first event, so a stream's overhead covers the work up to its first event.
 */
public final class Exchange {

    /** The routing-context key of the request's exchange. */
    private static final String KEY = Exchange.class.getName();

    /**
     * The exchange of a call that no access log follows (a path outside {@code /v1}, a test calling the
     * gateway directly): it records nothing, so its callers need no null check.
     */
    public static final Exchange NONE = new Exchange(null);

    private final GatewayMetrics metrics;
    private final long startNanos = System.nanoTime();
    private long upstreamFirstSent = -1;
    private long upstreamLastReceived = -1;
    private long firstEventNanos = -1;
    private long headersNanos = -1;
    private long overheadNanos = -1;
    private String target;
    private String provider;
    private String model;
    private String outcome;
    private String errorType;
    private Endpoint endpoint = Endpoint.OTHER;
    private int attempts;
    private long inputTokens = -1;
    private long outputTokens = -1;
    private String keyName;
    private double costUsd = Double.NaN;
    private SpanContext span;
    /** Headers a layer below the door asked the answer to carry; null until one does. */
    private Map<String, String> answerHeaders;

    Exchange(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    /** Starts the exchange of a request and puts it on the request's routing context. */
    static Exchange begin(GatewayMetrics metrics, RoutingContext rc) {
        Exchange exchange = new Exchange(metrics);
        rc.put(KEY, exchange);
        return exchange;
    }

    /** The exchange the request started, or {@link #NONE} for a request the access log does not follow. */
    public static Exchange of(RoutingContext rc) {
        Exchange exchange = rc.get(KEY);
        return exchange != null ? exchange : NONE;
    }

    /**
     * A header the answer carries, set by a layer below the door that learns something the caller should see while
     * it builds the backend call (a provider that had to change the request): written with the response headers,
     * if they have not gone out yet.
     */
    public void answerHeader(String name, String value) {
        if (this == NONE) {
            return;
        }
        if (answerHeaders == null) {
            answerHeaders = new LinkedHashMap<>(2);
        }
        answerHeaders.put(name, value);
    }

    /** The headers asked for with {@link #answerHeader}, or null when none was. */
    Map<String, String> answerHeaders() {
        return answerHeaders;
    }

    /** The error type of an error answer the gateway wrote without calling a provider. */
    public void failedWith(String type) {
        if (this != NONE && errorType == null) {
            errorType = type;
        }
    }

    /** The provider or route a request named (or the default one), once it is known to exist. */
    public void targeted(String name) {
        if (this != NONE) {
            target = name;
        }
    }

    /** The name of the virtual key the request was made with, for its line. */
    public void keyName(String name) {
        if (this != NONE) {
            keyName = name;
        }
    }

    /** What the request's answer cost in USD; NaN (the default) when unpriced or not answered. */
    public void cost(double usd) {
        if (this != NONE) {
            costUsd = usd;
        }
    }

    String keyName() {
        return keyName;
    }

    double costUsd() {
        return costUsd;
    }

    /** The request's server span, when tracing is on, so its line names the trace to look up. */
    void traced(SpanContext span) {
        this.span = span;
    }

    GatewayMetrics metrics() {
        return metrics;
    }

    long upstreamSent() {
        long now = System.nanoTime();
        if (upstreamFirstSent < 0) {
            upstreamFirstSent = now;
        }
        return now;
    }

    void upstreamReceived(long now) {
        if (headersNanos < 0) {
            upstreamLastReceived = now;
        }
    }

    void attemptFinished(String provider, String model, String endpoint, String outcome) {
        if (this == NONE) {
            return;
        }
        attempts++;
        this.provider = provider;
        this.model = model;
        this.endpoint = Endpoint.of(endpoint);
        this.outcome = outcome;
    }

    void firstEvent() {
        if (this != NONE && firstEventNanos < 0) {
            firstEventNanos = System.nanoTime();
        }
    }

    void tokens(Integer input, Integer output) {
        if (this == NONE) {
            return;
        }
        if (input != null) {
            inputTokens = input;
        }
        if (output != null) {
            outputTokens = output;
        }
    }

    /** The response headers are going out: fixes the overhead and records it. */
    void headersWritten() {
        if (headersNanos >= 0) {
            return;
        }
        headersNanos = System.nanoTime();
        overheadNanos = Math.max(0, headersNanos - startNanos - upstreamWaitNanos());
        metrics.overhead(firstEventNanos >= 0 ? Endpoint.STREAM : endpoint, overheadNanos);
    }

    long upstreamWaitNanos() {
        return upstreamFirstSent < 0 || upstreamLastReceived < 0 ? 0 : upstreamLastReceived - upstreamFirstSent;
    }

    long overheadNanos() {
        return overheadNanos;
    }

    long durationNanos(long now) {
        return now - startNanos;
    }

    /** Time to the first stream event, or -1 when none was sent. */
    long firstEventAfterNanos() {
        return firstEventNanos < 0 ? -1 : firstEventNanos - startNanos;
    }

    String target() {
        return target;
    }

    /** The request's server span, or null when tracing is off. */
    SpanContext span() {
        return span;
    }

    String provider() {
        return provider;
    }

    String model() {
        return model;
    }

    int attempts() {
        return attempts;
    }

    long inputTokens() {
        return inputTokens;
    }

    long outputTokens() {
        return outputTokens;
    }

    /** The error type of the answer: the last attempt's failure, or the gateway's own refusal; null when ok. */
    String errorType() {
        if (outcome != null && !"ok".equals(outcome)) {
            return outcome;
        }
        return outcome == null ? errorType : null;
    }
}
