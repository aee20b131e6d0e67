package io.switchboard.api.anthropic;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.smallrye.mutiny.Uni;
import io.switchboard.api.DialectCalls;
import io.switchboard.api.ErrorAnswers;
import io.switchboard.api.GatewayFilter;
import io.switchboard.errors.GatewayException;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * The Anthropic-compatible API: {@code POST /v1/messages} (whole or streamed, as the body's {@code stream} asks),
 * errors answered in Anthropic's error shape; and {@code POST /v1/messages/count_tokens}, the same body without
 * {@code max_tokens}, answered {@code {"input_tokens": N}} as counted where the call would go
 * ({@link DialectCalls#countTokens}).
 */
@Path("/v1/messages")
public class MessagesResource {

    static final String MESSAGES = "/v1/messages";

    private final DialectCalls calls;
    private final MessagesRequestReader reader;
    private final AnthropicErrorFormat errors;

    MessagesResource(DialectCalls calls, MessagesRequestReader reader, AnthropicErrorFormat errors) {
        this.calls = calls;
        this.reader = reader;
        this.errors = errors;
    }

    @POST
    public Uni<RestResponse<Object>> create(byte[] body, RoutingContext rc) {
        return calls.answer(body, reader::read, GatewayFilter.inbound(rc));
    }

    @POST
    @Path("/count_tokens")
    public Uni<RestResponse<Buffer>> countTokens(byte[] body, RoutingContext rc) {
        return calls.countTokens(body, reader::readCount, GatewayFilter.inbound(rc),
                count -> Buffer.buffer("{\"input_tokens\":" + count.inputTokens() + "}"));
    }

    @ServerExceptionMapper
    public RestResponse<Buffer> refused(GatewayException error, RoutingContext rc) {
        return ErrorAnswers.response(errors, error, rc);
    }
}
