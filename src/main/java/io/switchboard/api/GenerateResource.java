package io.switchboard.api;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.switchboard.core.Gateway;
import io.switchboard.core.model.AIResponse;
import io.switchboard.errors.GatewayException;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /v1/generate}: one whole answer, from the backend's non-streaming call. */
@Path("/v1/generate")
public class GenerateResource {

    private final Gateway gateway;
    private final ContextReader reader;

    public GenerateResource(Gateway gateway, ContextReader reader) {
        this.gateway = gateway;
        this.reader = reader;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<AIResponse>> generate(byte[] body, @QueryParam("provider") String provider,
            @QueryParam("model") String model, @Context RoutingContext rc) {
        String requestId = GatewayFilter.requestId(rc);
        try {
            return gateway.generate(reader.read(body), provider, model, requestId)
                    .map(RestResponse::ok)
                    .onFailure().transform(failure -> new RequestFailure(failure, requestId));
        } catch (GatewayException e) {
            return Uni.createFrom().failure(new RequestFailure(e, requestId));
        }
    }
}
