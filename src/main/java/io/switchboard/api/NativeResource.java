package io.switchboard.api;

import java.io.UncheckedIOException;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AIResponse;
import io.switchboard.errors.GatewayException;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * The native API's two calls: {@code POST /v1/generate}, answered whole, and {@code POST /v1/stream}, answered
 * as server-sent events whose status is chosen at the first event (an error before it is a plain HTTP error in
 * the envelope). The body is read whole before either runs ({@link BodyLimit}), whatever its content type.
 */
@Path("/v1")
public class NativeResource {

    private final ContextReader reader;
    private final ObjectMapper json;
    private final CallAnswers answers;
    private final StreamFormat format;
    private final ErrorFormat errors;

    public NativeResource(ContextReader reader, ObjectMapper json, CallAnswers answers, ErrorFormats errorFormats) {
        this.reader = reader;
        this.json = json;
        this.answers = answers;
        this.format = new NativeStreamFormat(new SseEncoder(json));
        this.errors = errorFormats.envelope();
    }

    @POST
    @Path("/generate")
    public Uni<RestResponse<Buffer>> generate(byte[] body, @RestQuery String provider, @RestQuery String model,
            RoutingContext rc) {
        return answers.whole(reader.read(body), provider, model, GatewayFilter.inbound(rc), this::body);
    }

    @POST
    @Path("/stream")
    public Uni<RestResponse<Object>> stream(byte[] body, @RestQuery String provider, @RestQuery String model,
            RoutingContext rc) {
        AIContext context = reader.read(body);
        return answers.stream(context, provider, model, GatewayFilter.inbound(rc), format);
    }

    @ServerExceptionMapper
    public RestResponse<Buffer> refused(GatewayException error, RoutingContext rc) {
        return ErrorAnswers.response(errors, error, rc);
    }

    private Buffer body(AIResponse answer) {
        try {
            return Buffer.buffer(json.writeValueAsBytes(answer));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
