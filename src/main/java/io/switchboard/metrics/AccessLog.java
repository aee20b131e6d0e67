package io.switchboard.metrics;

import java.io.IOException;
import java.io.StringWriter;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.switchboard.config.SwitchboardConfig;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * Follows every {@code /v1} request: starts its {@link Exchange}, puts the gateway overhead on the
 * response ({@value #OVERHEAD_HEADER}) and the headers asked for with {@link Exchange#answerHeader} when the
 * headers go out, and writes one JSON line per request
 * to the {@value #CATEGORY} log category when it ends ({@link AccessLogBatch}: several lines to a
 * record), which {@link AccessLogConsole} writes to stdout as they are. The line carries ids, names, numbers and the error type
 * only: never a key, a header value
 * or message content. With tracing on, the line carries the trace and span id of the request's server
 * span, so a line leads to its trace.
 * <p>
 * The line is one JSON object on one line whatever the request sent: every string is cut to
 * {@value #MAX_TEXT} characters and written with {@link LineEscapes}, so no character of a path or a
 * name can end the line or reorder it on screen. A request whose client went away before its answer
 * was complete is {@value GatewayMetrics#CANCELLED}, with status {@value #CLIENT_CLOSED} (nginx's
 * "client closed request") when nothing was answered yet.
 */
@ApplicationScoped
public class AccessLog {

    public static final String CATEGORY = "switchboard.access";
    public static final String OVERHEAD_HEADER = "X-Switchboard-Overhead-Ms";

    private static final Logger LOG = Logger.getLogger(CATEGORY);
    /** The status logged for a request whose client went away before any answer. */
    public static final int CLIENT_CLOSED = 499;
    /** Strings (path, method, names, ids) are cut to this many characters in the line. */
    public static final int MAX_TEXT = 200;

    private static final JsonFactory LINES = new JsonFactoryBuilder().characterEscapes(new LineEscapes()).build();

    private final GatewayMetrics metrics;
    private final boolean tracing;
    private final AccessLogBatch batch;
    private final AccessLogConsole console;

    public AccessLog(GatewayMetrics metrics, Vertx vertx, SwitchboardConfig config,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "true") boolean tracingDisabled) {
        this.metrics = metrics;
        this.tracing = !tracingDisabled;
        this.batch = new AccessLogBatch(LOG, vertx);
        this.console = AccessLogConsole.attach(CATEGORY, config.accessLog().console());
    }

    /** The lines of the last moments before the process ends. */
    @PreDestroy
    void close() {
        batch.flush();
        console.close();
    }

    void register(@Observes Filters filters) {
        // before the gateway's own filter, so requests it refuses (401, 413, 503) are followed too
        filters.register(this::follow, 110);
    }

    void follow(RoutingContext rc) {
        if (!rc.normalizedPath().startsWith("/v1")) {
            rc.next();
            return;
        }
        Exchange exchange = Exchange.begin(metrics, rc);
        if (tracing) {
            // the server span is current from the request's arrival on: the line names its trace
            SpanContext span = Span.current().getSpanContext();
            if (span.isValid()) {
                exchange.traced(span);
            }
        }
        rc.addHeadersEndHandler(v -> {
            exchange.headersWritten();
            rc.response().putHeader(OVERHEAD_HEADER, millis(exchange.overheadNanos()));
            if (exchange.answerHeaders() != null) {
                exchange.answerHeaders().forEach(rc.response()::putHeader);
            }
        });
        rc.addEndHandler(result -> {
            if (!LOG.isInfoEnabled()) {
                return;
            }
            if (result.succeeded()) {
                batch.add(line(rc, exchange, System.nanoTime(), false));
            } else {
                // The connection closed before the response was complete. The handlers that cancel the call
                // (and record the cancelled attempt) run after this one: the line waits for them.
                rc.vertx().runOnContext(v -> batch.add(line(rc, exchange, System.nanoTime(), true)));
            }
        });
        rc.next();
    }

    /** {@code abandoned}: the client went away before the response was complete. */
    private String line(RoutingContext rc, Exchange exchange, long now, boolean abandoned) {
        StringWriter out = new StringWriter(384);
        try (JsonGenerator line = LINES.createGenerator(out)) {
            line.writeStartObject();
            writeText(line, "request_id", rc.response().headers().get("X-Request-Id"));
            SpanContext span = exchange.span();
            writeText(line, "trace_id", span == null ? null : span.getTraceId());
            writeText(line, "span_id", span == null ? null : span.getSpanId());
            writeText(line, "method", rc.request().method().name());
            writeText(line, "endpoint", rc.normalizedPath());
            writeText(line, "key", exchange.keyName());
            writeText(line, "route", exchange.target());
            writeText(line, "provider", exchange.provider());
            writeText(line, "model", exchange.model());
            line.writeNumberField("status",
                    abandoned && !rc.response().headWritten() ? CLIENT_CLOSED : rc.response().getStatusCode());
            writeText(line, "error_type", abandoned ? GatewayMetrics.CANCELLED : exchange.errorType());
            line.writeNumberField("attempts", exchange.attempts());
            line.writeNumberField("duration_ms", toMillis(exchange.durationNanos(now)));
            writeMillis(line, "time_to_first_event_ms", exchange.firstEventAfterNanos());
            writeMillis(line, "overhead_ms", exchange.overheadNanos());
            line.writeNumberField("upstream_ms", toMillis(exchange.upstreamWaitNanos()));
            writeCount(line, "tokens_in", exchange.inputTokens());
            writeCount(line, "tokens_out", exchange.outputTokens());
            if (Double.isNaN(exchange.costUsd())) {
                line.writeNullField("cost_usd");
            } else {
                line.writeNumberField("cost_usd", exchange.costUsd());
            }
            line.writeEndObject();
        } catch (IOException e) {
            return "{\"error\":\"access log line not written\"}";
        }
        return out.toString();
    }

    private static void writeMillis(JsonGenerator line, String field, long nanos) throws IOException {
        if (nanos < 0) {
            line.writeNullField(field);
        } else {
            line.writeNumberField(field, toMillis(nanos));
        }
    }

    private static void writeCount(JsonGenerator line, String field, long count) throws IOException {
        if (count < 0) {
            line.writeNullField(field);
        } else {
            line.writeNumberField(field, count);
        }
    }

    /** Milliseconds to the microsecond, cut like the header's figure so both read the same. */
    private static double toMillis(long nanos) {
        return (nanos / 1_000) / 1_000.0;
    }

    /** Writes a string cut to {@value #MAX_TEXT} characters, never between the two halves of a surrogate pair. */
    private static void writeText(JsonGenerator line, String field, String text) throws IOException {
        if (text == null || text.length() <= MAX_TEXT) {
            line.writeStringField(field, text);
        } else {
            line.writeStringField(field,
                    text.substring(0, Character.isHighSurrogate(text.charAt(MAX_TEXT - 1)) ? MAX_TEXT - 1 : MAX_TEXT));
        }
    }

    /** Milliseconds with three decimals (microseconds), e.g. {@code 0.153}. */
    static String millis(long nanos) {
        long micros = Math.max(0, nanos) / 1_000;
        long fraction = micros % 1_000;
        return (micros / 1_000) + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".") + fraction;
    }
}
