package io.switchboard.api;

import java.util.function.Function;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AIResponse;
import io.switchboard.gateway.Gateway;
import io.switchboard.metrics.GatewayMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * Answers one call, whichever door it came through: whole, as one JSON body, or as a stream written by
 * {@link SseWriter}. What differs per door is only the shape (the body function, the stream's frames, the
 * error format). A client that hangs up cancels the backend call either way; a stream holds one of the
 * instance's stream slots ({@link RequestLimits}) until it ends. A failure to start the call is thrown to the
 * door, which answers it in its own error format.
 */
@Singleton
public class CallAnswers {

    private final Gateway gateway;
    private final GatewayMetrics metrics;
    private final Vertx vertx;
    private final long keepAliveMillis;
    private final RequestLimits limits;

    public CallAnswers(Gateway gateway, GatewayMetrics metrics, Vertx vertx, SwitchboardConfig config,
            RequestLimits limits) {
        this.gateway = gateway;
        this.metrics = metrics;
        this.vertx = vertx;
        this.keepAliveMillis = config.stream().keepAlive().toMillis();
        this.limits = limits;
    }

    /** {@code target} and {@code model} as the gateway takes them: a provider or route name, and a model or null. */
    public void whole(HttpServerResponse response, AIContext context, String target, String model, String requestId,
            Function<AIResponse, Buffer> body, ErrorFormat errors) {
        Cancellable call = gateway.generate(context, target, model, requestId).subscribe().with(
                answer -> respond(response, answer, body, errors, requestId),
                failure -> HttpErrors.write(response, errors, ErrorResponses.toGateway(failure), requestId));
        response.closeHandler(v -> call.cancel());
    }

    private static void respond(HttpServerResponse response, AIResponse answer, Function<AIResponse, Buffer> body,
            ErrorFormat errors, String requestId) {
        Buffer written;
        try {
            written = body.apply(answer);
        } catch (RuntimeException e) {
            HttpErrors.write(response, errors, ErrorResponses.toGateway(e), requestId);
            return;
        }
        if (MutedAnswers.isMuted(answer.metadata())) {
            MutedAnswers.mark(response);
        }
        response.setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(written);
    }

    public void stream(HttpServerResponse response, AIContext context, String target, String model, String requestId,
            StreamFormat format, ErrorFormat errors) {
        limits.openStream();
        Multi<StreamEvent> events;
        try {
            events = gateway.stream(context, target, model, requestId);
        } catch (RuntimeException e) {
            limits.streamClosed();
            throw e;
        }
        events.subscribe().withSubscriber(new SseWriter(response, format, errors, vertx, keepAliveMillis, requestId,
                metrics, limits::streamClosed));
    }
}
