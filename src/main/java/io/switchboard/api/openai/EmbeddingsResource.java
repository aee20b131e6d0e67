package io.switchboard.api.openai;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.switchboard.api.CallAnswers;
import io.switchboard.api.ErrorAnswers;
import io.switchboard.api.GatewayFilter;
import io.switchboard.api.JsonBodies;
import io.switchboard.api.ModelTarget;
import io.switchboard.api.openai.EmbeddingsRequestReader.EmbeddingsCall;
import io.switchboard.core.route.RouteTable;
import io.switchboard.errors.GatewayException;
import io.switchboard.gateway.Gateway;
import io.switchboard.gateway.ProviderRegistry;
import io.switchboard.gateway.spi.InboundRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * OpenAI's {@code POST /v1/embeddings}: the {@code model} names a provider, a route or {@code provider/model}
 * as on the chat door, and the gateway embeds the inputs there ({@link Gateway#embed}). Never streamed. Errors
 * are answered in OpenAI's error shape.
 */
@Path("/v1")
public class EmbeddingsResource {

    static final String EMBEDDINGS = "/v1/embeddings";

    private final Gateway gateway;
    private final ObjectMapper json;
    private final OpenAiErrorFormat errors;
    private final ProviderRegistry registry;
    private final RouteTable routes;

    EmbeddingsResource(Gateway gateway, ObjectMapper json, OpenAiErrorFormat errors, ProviderRegistry registry,
            RouteTable routes) {
        this.gateway = gateway;
        this.json = json;
        this.errors = errors;
        this.registry = registry;
        this.routes = routes;
    }

    @POST
    @Path("/embeddings")
    public Uni<RestResponse<Object>> embed(byte[] body, RoutingContext rc) {
        EmbeddingsCall call = EmbeddingsRequestReader.read(JsonBodies.object(json, body, "a JSON object"));
        ModelTarget target = ModelTarget.resolve(call.model(), registry, routes);
        InboundRequest inbound = GatewayFilter.inbound(rc);
        return CallAnswers.either(gateway.embed(call.request(), target.name(), target.model(), inbound)
                .map(answer -> RestResponse.ResponseBuilder.ok(
                        EmbeddingsAnswer.write(answer, call.model(), call.base64()))
                        .header("Content-Type", "application/json").build()));
    }

    @ServerExceptionMapper
    public RestResponse<Buffer> refused(GatewayException error, RoutingContext rc) {
        return ErrorAnswers.response(errors, error, rc);
    }
}
