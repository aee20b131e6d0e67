package io.switchboard.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.core.Gateway;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.model.AIContext;
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
 * envelope), while Quarkus REST's SSE support commits 200 before the first item.
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
    private final RequestLimits limits;

    public StreamRoute(Gateway gateway, ContextReader reader, ObjectMapper json, ErrorFormats errorFormats,
            GatewayMetrics metrics, Vertx vertx, SwitchboardConfig config, RequestLimits limits) {
        this.gateway = gateway;
        this.reader = reader;
        this.format = new NativeStreamFormat(new SseEncoder(json));
        this.errors = errorFormats.envelope();
        this.metrics = metrics;
        this.vertx = vertx;
        this.keepAliveMillis = config.stream().keepAlive().toMillis();
        this.maxBodyBytes = config.maxBodySize().asLongValue();
        this.limits = limits;
    }

    void register(@Observes Router router) {
        router.post("/v1/stream")
                .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
                .handler(this::handle)
                .failureHandler(rc -> HttpErrors.writeRouteFailure(rc, errors, maxBodyBytes));
    }

    private void handle(RoutingContext rc) {
        String requestId = GatewayFilter.requestId(rc);
        Multi<StreamEvent> events;
        try {
            byte[] body = rc.body().buffer() == null ? null : rc.body().buffer().getBytes();
            AIContext context = reader.read(body);
            limits.openStream();
            try {
                events = gateway.stream(context, rc.request().getParam("provider"), rc.request().getParam("model"),
                        requestId);
            } catch (RuntimeException e) {
                limits.streamClosed();
                throw e;
            }
        } catch (GatewayException e) {
            HttpErrors.write(rc.response(), errors, e, requestId);
            return;
        }
        events.subscribe().withSubscriber(new SseWriter(rc.response(), format, errors, vertx, keepAliveMillis,
                requestId, metrics, limits::streamClosed));
    }
}
