package io.switchboard.api;

import java.io.UncheckedIOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AIResponse;
import io.switchboard.errors.GatewayException;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The native API's two calls, {@code POST /v1/generate} and {@code POST /v1/stream}, served on the Vert.x
 * router with the compatible APIs' route set-up ({@link DialectEndpoint}): one body limit answered in the
 * envelope however the body came (with a Content-Length or chunked), and for a stream a status chosen when the
 * first event is known (an error before it is a plain HTTP error with the envelope, not a 200 already sent).
 */
@ApplicationScoped
public class NativeRoutes {

    private final ContextReader reader;
    private final ObjectMapper json;
    private final CallAnswers answers;
    private final StreamFormat format;
    private final ErrorFormat errors;

    public NativeRoutes(ContextReader reader, ObjectMapper json, CallAnswers answers, ErrorFormats errorFormats) {
        this.reader = reader;
        this.json = json;
        this.answers = answers;
        this.format = new NativeStreamFormat(new SseEncoder(json));
        this.errors = errorFormats.envelope();
    }

    void register(@Observes Router router, DialectEndpoint endpoint) {
        endpoint.post(router, "/v1/generate", errors, rc -> handle(rc, false));
        endpoint.post(router, "/v1/stream", errors, rc -> handle(rc, true));
    }

    private void handle(RoutingContext rc, boolean stream) {
        String requestId = GatewayFilter.requestId(rc);
        try {
            AIContext context = reader.read(rc.body().buffer() == null ? null : rc.body().buffer().getBytes());
            String provider = rc.request().getParam("provider");
            String model = rc.request().getParam("model");
            if (stream) {
                answers.stream(rc.response(), context, provider, model, requestId, format, errors);
            } else {
                answers.whole(rc.response(), context, provider, model, requestId, this::body, errors);
            }
        } catch (GatewayException e) {
            HttpErrors.write(rc.response(), errors, e, requestId);
        }
    }

    private Buffer body(AIResponse answer) {
        try {
            return Buffer.buffer(json.writeValueAsBytes(answer));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
