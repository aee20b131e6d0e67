package io.switchboard.api;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import jakarta.inject.Singleton;

import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AIResponse;
import io.switchboard.gateway.Gateway;
import io.switchboard.gateway.spi.InboundRequest;
import io.switchboard.metrics.GatewayMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * Answers one call, whichever door it came through: whole, as one JSON body, or as a stream of the door's
 * frames ({@link SseFrames}). What differs per door is only the shape (the body function, the stream's frames);
 * a failure before the answer starts fails the returned {@code Uni}, and the door's
 * exception mapper answers it in the door's error format. A client that hangs up cancels the backend call
 * either way; a stream holds one of the instance's stream slots ({@link RequestLimits}) until it ends.
 */
@Singleton
public class CallAnswers {

    private static final Map<String, String> STREAM_HEADERS = Map.of(
            "Content-Type", "text/event-stream; charset=utf-8",
            "Cache-Control", "no-cache",
            "X-Accel-Buffering", "no");
    private static final Map<String, String> MUTED_STREAM_HEADERS = withMuted(STREAM_HEADERS);
    private static final Map<String, String> JSON_STREAM_HEADERS = Map.of(
            "Content-Type", "application/json",
            "Cache-Control", "no-cache",
            "X-Accel-Buffering", "no");
    private static final Map<String, String> MUTED_JSON_STREAM_HEADERS = withMuted(JSON_STREAM_HEADERS);
    private static final String JSON = "application/json";

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

    /**
     * The whole answer as one JSON body. {@code target} and {@code model} as the gateway takes them: a provider
     * or route name, and a model or null.
     */
    public Uni<RestResponse<Buffer>> whole(AIContext context, String target, String model, InboundRequest inbound,
            Function<AIResponse, Buffer> body) {
        return gateway.generate(context, target, model, inbound).map(answer -> {
            RestResponse.ResponseBuilder<Buffer> response = RestResponse.ResponseBuilder.ok(body.apply(answer))
                    .header("Content-Type", JSON);
            if (MutedAnswers.isMuted(answer.metadata())) {
                response.header(MutedAnswers.HEADER, "true");
            }
            return response.build();
        });
    }

    /**
     * The answer as a stream in {@code format}'s frames, its status and headers chosen at its first event: the
     * returned {@code Uni} resolves then, or fails with what failed the stream before it.
     */
    public Uni<RestResponse<Object>> stream(AIContext context, String target, String model, InboundRequest inbound,
            StreamFormat format) {
        limits.openStream();
        Multi<StreamEvent> events;
        try {
            events = gateway.stream(context, target, model, inbound);
        } catch (RuntimeException e) {
            limits.streamClosed();
            throw e;
        }
        metrics.streamOpened();
        SseFrames frames = new SseFrames(events, format, vertx, keepAliveMillis, inbound.id(), () -> {
            metrics.streamClosed();
            limits.streamClosed();
        });
        boolean eventStream = format.eventStream();
        return frames.started().map(start -> {
            RestResponse.ResponseBuilder<Object> response = RestResponse.ResponseBuilder.ok(frames);
            (eventStream ? start.muted() ? MUTED_STREAM_HEADERS : STREAM_HEADERS
                    : start.muted() ? MUTED_JSON_STREAM_HEADERS : JSON_STREAM_HEADERS).forEach(response::header);
            return response.build();
        });
    }

    /** A door's answer, whole or streamed, as the one type its resource method returns. */
    @SuppressWarnings("unchecked")
    public static Uni<RestResponse<Object>> either(Uni<? extends RestResponse<?>> answer) {
        return (Uni<RestResponse<Object>>) answer;
    }

    private static Map<String, String> withMuted(Map<String, String> headers) {
        Map<String, String> muted = new HashMap<>(headers);
        muted.put(MutedAnswers.HEADER, "true");
        return Map.copyOf(muted);
    }
}
