package io.switchboard.api;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.core.Gateway;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.model.AIContext;
import io.switchboard.errors.ErrorType;
import io.switchboard.errors.GatewayException;
import io.switchboard.metrics.GatewayMetrics;
import io.switchboard.stream.SseEncoder;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code POST /v1/stream}, served on the Vert.x router rather than by Quarkus REST: the SSE status
 * must be chosen when the first event is known (an error before it is a plain HTTP error with the
 * envelope, SPEC §4), while Quarkus REST's SSE support commits 200 before the first item.
 */
@ApplicationScoped
public class StreamRoute {

    private final Gateway gateway;
    private final ContextReader reader;
    private final StreamFormat format;
    private final ErrorFormat errors;
    private final GatewayMetrics metrics;
    private final Vertx vertx;
    private final long keepAliveMillis;
    private final long maxBodyBytes;
    private final int maxStreams;
    /** Streams open now; each holds a client connection, an upstream connection and a parser. */
    private final AtomicInteger openStreams = new AtomicInteger();

    public StreamRoute(Gateway gateway, ContextReader reader, ObjectMapper json, ErrorFormats errorFormats,
            GatewayMetrics metrics, Vertx vertx, SwitchboardConfig config) {
        this.gateway = gateway;
        this.reader = reader;
        this.format = new NativeStreamFormat(new SseEncoder(json));
        this.errors = errorFormats.envelope();
        this.metrics = metrics;
        this.vertx = vertx;
        this.keepAliveMillis = config.stream().keepAlive().toMillis();
        this.maxBodyBytes = config.maxBodySize().asLongValue();
        this.maxStreams = config.stream().maxConcurrent();
    }

    void register(@Observes Router router) {
        router.post("/v1/stream")
                .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
                .handler(this::handle)
                .failureHandler(rc -> HttpErrors.writeRouteFailure(rc, errors, maxBodyBytes));
    }

    private void handle(RoutingContext rc) {
        String requestId = GatewayFilter.requestId(rc);
        if (openStreams.incrementAndGet() > maxStreams) {
            openStreams.decrementAndGet();
            HttpErrors.write(rc.response(), errors, new GatewayException(ErrorType.PROVIDER_UNAVAILABLE, 503,
                    "this Switchboard instance has " + maxStreams + " streams open, its limit"
                            + " (switchboard.stream.max-concurrent); retry shortly",
                    null, null, true, false, "1"), requestId);
            return;
        }
        byte[] body = rc.body().buffer() == null ? null : rc.body().buffer().getBytes();
        AIContext context;
        try {
            context = reader.read(body);
        } catch (GatewayException e) {
            openStreams.decrementAndGet();
            HttpErrors.write(rc.response(), errors, e, requestId);
            return;
        }
        start(rc, context, requestId);
    }

    private void start(RoutingContext rc, AIContext context, String requestId) {
        Multi<StreamEvent> events;
        try {
            events = gateway.stream(context, rc.request().getParam("provider"), rc.request().getParam("model"),
                    requestId);
        } catch (GatewayException e) {
            openStreams.decrementAndGet();
            HttpErrors.write(rc.response(), errors, e, requestId);
            return;
        }
        events.subscribe().withSubscriber(new SseWriter(rc.response(), format, errors, vertx, keepAliveMillis,
                requestId, metrics, openStreams::decrementAndGet));
    }
}
