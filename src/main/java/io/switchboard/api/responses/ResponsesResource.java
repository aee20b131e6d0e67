package io.switchboard.api.responses;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.switchboard.api.DialectCalls;
import io.switchboard.api.ErrorAnswers;
import io.switchboard.api.GatewayFilter;
import io.switchboard.errors.GatewayException;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * The OpenAI Responses API, stateless: {@code POST /v1/responses} (whole or streamed, as the body's
 * {@code stream} asks), errors answered in OpenAI's error shape. Nothing is stored yet, so reading or deleting
 * a response by its id is answered 404.
 */
@Path("/v1/responses")
public class ResponsesResource {

    static final String RESPONSES = "/v1/responses";
    private static final String NOT_STORED = "stored responses are not supported yet: nothing is stored, "
            + "so no response can be read or deleted by its id";

    private final DialectCalls calls;
    private final ResponsesRequestReader reader;
    private final ResponsesErrorFormat errors;

    ResponsesResource(DialectCalls calls, ResponsesRequestReader reader, ResponsesErrorFormat errors) {
        this.calls = calls;
        this.reader = reader;
        this.errors = errors;
    }

    @POST
    public Uni<RestResponse<Object>> create(byte[] body, RoutingContext rc) {
        return calls.answer(body, reader::read, GatewayFilter.inbound(rc));
    }

    @GET
    @Path("/{id}")
    @NonBlocking
    public RestResponse<Buffer> retrieve() {
        throw GatewayException.notFound(NOT_STORED);
    }

    @DELETE
    @Path("/{id}")
    @NonBlocking
    public RestResponse<Buffer> delete() {
        throw GatewayException.notFound(NOT_STORED);
    }

    @ServerExceptionMapper
    public RestResponse<Buffer> refused(GatewayException error, RoutingContext rc) {
        return ErrorAnswers.response(errors, error, rc);
    }
}
