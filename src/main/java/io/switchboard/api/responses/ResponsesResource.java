package io.switchboard.api.responses;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.switchboard.api.DialectCalls;
import io.switchboard.api.ErrorAnswers;
import io.switchboard.api.GatewayFilter;
import io.switchboard.api.JsonBodies;
import io.switchboard.errors.GatewayException;
import io.switchboard.gateway.spi.InboundRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * The OpenAI Responses API: {@code POST /v1/responses} (whole or streamed, as the body's {@code stream} asks),
 * with stored responses ({@link StoredResponses}): {@code store} (the default) keeps the answer, which
 * {@code previous_response_id} continues, {@code GET}/{@code DELETE /v1/responses/{id}} read and delete, and
 * {@code GET /v1/responses/{id}/input_items} lists the conversation it was answered from.
 * Errors are answered in OpenAI's error shape.
 */
@Path("/v1/responses")
public class ResponsesResource {

    static final String RESPONSES = "/v1/responses";

    private final DialectCalls calls;
    private final ResponsesRequestReader reader;
    private final StoredResponses stored;
    private final ResponsesErrorFormat errors;
    private final ObjectMapper json;

    ResponsesResource(DialectCalls calls, ResponsesRequestReader reader, StoredResponses stored,
            ResponsesErrorFormat errors, ObjectMapper json) {
        this.calls = calls;
        this.reader = reader;
        this.stored = stored;
        this.errors = errors;
        this.json = json;
    }

    @POST
    public Uni<RestResponse<Object>> create(byte[] body, RoutingContext rc) {
        InboundRequest inbound = GatewayFilter.inbound(rc);
        ObjectNode request = JsonBodies.object(json, body, "a JSON object");
        String previous = ResponsesRequestReader.previousResponseId(request);
        if (previous == null) {
            return answer(reader.read(request, inbound.id(), null), inbound, rc);
        }
        return stored.conversation(stored.owner(rc.request()), previous)
                .flatMap(conversation -> answer(reader.read(request, inbound.id(), conversation), inbound, rc));
    }

    /**
     * The answer; one to be stored goes out once it is: a whole answer when it resolves, a stream before its last
     * event ({@link ResponsesStreamFormat#before}).
     */
    private Uni<RestResponse<Object>> answer(ResponsesRequest read, InboundRequest inbound, RoutingContext rc) {
        KeptResponse kept = read.kept();
        if (kept == null) {
            return calls.answer(read, inbound);
        }
        String owner = stored.owner(rc.request());
        kept.keepWith(record -> stored.keep(owner, read.id(), record));
        return calls.answer(read, inbound).call(answer -> {
            Uni<Void> storing = kept.store();
            return storing == null ? Uni.createFrom().voidItem() : storing;
        });
    }

    @GET
    @Path("/{id}")
    public Uni<RestResponse<Buffer>> retrieve(@RestPath String id, RoutingContext rc) {
        return stored.response(stored.owner(rc.request()), id).map(ResponsesResource::json);
    }

    /**
     * The input items of a stored response, a page at a time; {@code include} is accepted and changes nothing (the
     * items are kept whole).
     */
    @GET
    @Path("/{id}/input_items")
    public Uni<RestResponse<Buffer>> inputItems(@RestPath String id, @RestQuery String limit, @RestQuery String order,
            @RestQuery String after, RoutingContext rc) {
        InputItems.Page page = InputItems.Page.of(limit, order, after);
        return stored.inputItems(stored.owner(rc.request()), id, page).map(ResponsesResource::json);
    }

    @DELETE
    @Path("/{id}")
    public Uni<RestResponse<Buffer>> delete(@RestPath String id, RoutingContext rc) {
        return stored.delete(stored.owner(rc.request()), id).map(ResponsesResource::json);
    }

    private static RestResponse<Buffer> json(Buffer body) {
        return RestResponse.ResponseBuilder.ok(body).header("Content-Type", "application/json").build();
    }

    @ServerExceptionMapper
    public RestResponse<Buffer> refused(GatewayException error, RoutingContext rc) {
        return ErrorAnswers.response(errors, error, rc);
    }
}
