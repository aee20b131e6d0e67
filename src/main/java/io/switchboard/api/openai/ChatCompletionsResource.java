package io.switchboard.api.openai;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.switchboard.api.DialectCalls;
import io.switchboard.api.ErrorAnswers;
import io.switchboard.api.GatewayFilter;
import io.switchboard.core.route.Route;
import io.switchboard.core.route.RouteTable;
import io.switchboard.errors.GatewayException;
import io.switchboard.gateway.ProviderRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * The OpenAI-compatible API: {@code POST /v1/chat/completions} (whole or streamed, as the body's {@code stream}
 * asks) and {@code GET /v1/models}, which lists every provider and route as a model id. Errors are answered in
 * OpenAI's error shape.
 */
@Path("/v1")
public class ChatCompletionsResource {

    static final String CHAT_COMPLETIONS = "/v1/chat/completions";
    static final String MODELS = "/v1/models";

    private final DialectCalls calls;
    private final ChatRequestReader reader;
    private final OpenAiErrorFormat errors;
    private final RouteTable routes;
    private final List<ObjectNode> providers;

    ChatCompletionsResource(DialectCalls calls, ChatRequestReader reader, OpenAiErrorFormat errors,
            ProviderRegistry registry, RouteTable routes) {
        this.calls = calls;
        this.reader = reader;
        this.errors = errors;
        this.routes = routes;
        // Providers are fixed at start-up; routes may change at run time, so they are listed per request.
        this.providers = registry.providers().stream().map(p -> model(p.name(), p.type())).toList();
    }

    @POST
    @Path("/chat/completions")
    public Uni<RestResponse<Object>> complete(byte[] body, RoutingContext rc) {
        return calls.answer(body, reader::read, GatewayFilter.inbound(rc));
    }

    @GET
    @Path("/models")
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking
    public ObjectNode models() {
        ObjectNode list = JsonNodeFactory.instance.objectNode();
        list.put("object", "list");
        ArrayNode data = list.putArray("data");
        data.addAll(providers);
        for (Route route : routes.routes()) {
            data.add(model(route.name(), "route"));
        }
        return list;
    }

    @ServerExceptionMapper
    public RestResponse<Buffer> refused(GatewayException error, RoutingContext rc) {
        return ErrorAnswers.response(errors, error, rc);
    }

    private static ObjectNode model(String id, String ownedBy) {
        ObjectNode model = JsonNodeFactory.instance.objectNode();
        model.put("id", id);
        model.put("object", "model");
        model.put("created", 0);
        model.put("owned_by", ownedBy);
        return model;
    }
}
