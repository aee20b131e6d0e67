package io.switchboard.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.core.Gateway;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AIResponse;
import io.switchboard.errors.GatewayException;
import io.switchboard.metrics.GatewayMetrics;
import io.switchboard.stream.SseEncoder;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The native API's two calls, {@code POST /v1/generate} and {@code POST /v1/stream}, served on the Vert.x
 * router as the compatible APIs are: one body limit answered in the envelope however the body came (with a
 * Content-Length or chunked), and for a stream a status chosen when the first event is known (an error before
 * it is a plain HTTP error with the envelope; Quarkus REST's SSE support would commit 200 before the first item).
 */
@ApplicationScoped
public class NativeRoutes {

    private final Gateway gateway;
    private final ContextReader reader;
    private final ObjectMapper json;
    private final StreamFormat format;
    private final ErrorFormat errors;
    private final GatewayMetrics metrics;
    private final Vertx vertx;
    private final long keepAliveMillis;
    private final long maxBodyBytes;
    private final RequestLimits limits;

    public NativeRoutes(Gateway gateway, ContextReader reader, ObjectMapper json, ErrorFormats errorFormats,
            GatewayMetrics metrics, Vertx vertx, SwitchboardConfig config, RequestLimits limits) {
        this.gateway = gateway;
        this.reader = reader;
        this.json = json;
        this.format = new NativeStreamFormat(new SseEncoder(json));
        this.errors = errorFormats.envelope();
        this.metrics = metrics;
        this.vertx = vertx;
        this.keepAliveMillis = config.stream().keepAlive().toMillis();
        this.maxBodyBytes = config.maxBodySize().asLongValue();
        this.limits = limits;
    }

    void register(@Observes Router router) {
        post(router, "/v1/generate", this::generate);
        post(router, "/v1/stream", this::stream);
    }

    private void post(Router router, String path, Handler<RoutingContext> handler) {
        router.post(path)
                .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
                .handler(handler)
                .failureHandler(rc -> HttpErrors.writeRouteFailure(rc, errors, maxBodyBytes));
    }

    private void generate(RoutingContext rc) {
        String requestId = GatewayFilter.requestId(rc);
        HttpServerResponse response = rc.response();
        Cancellable call;
        try {
            call = gateway.generate(reader.read(body(rc)), rc.request().getParam("provider"),
                    rc.request().getParam("model"), requestId).subscribe().with(
                            answer -> respond(response, answer, requestId),
                            failure -> HttpErrors.write(response, errors, ErrorResponses.toGateway(failure), requestId));
        } catch (GatewayException e) {
            HttpErrors.write(response, errors, e, requestId);
            return;
        }
        // a client that hangs up cancels the backend call, as for a stream
        response.closeHandler(v -> call.cancel());
    }

    private void respond(HttpServerResponse response, AIResponse answer, String requestId) {
        Buffer body;
        try {
            body = Buffer.buffer(json.writeValueAsBytes(answer));
        } catch (JsonProcessingException e) {
            HttpErrors.write(response, errors, ErrorResponses.toGateway(e), requestId);
            return;
        }
        response.setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
    }

    private void stream(RoutingContext rc) {
        String requestId = GatewayFilter.requestId(rc);
        Multi<StreamEvent> events;
        try {
            AIContext context = reader.read(body(rc));
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

    private static byte[] body(RoutingContext rc) {
        return rc.body().buffer() == null ? null : rc.body().buffer().getBytes();
    }
}
