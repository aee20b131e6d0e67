package io.switchboard.api;

import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.switchboard.errors.ErrorEnvelope;
import io.switchboard.errors.GatewayException;
import io.vertx.ext.web.RoutingContext;

/** Every failure of a Quarkus REST endpoint answers with the error envelope of openapi.yaml. */
public class ErrorMappers {

    @ServerExceptionMapper(priority = 1)
    public RestResponse<ErrorEnvelope> map(Throwable failure, RoutingContext rc) {
        GatewayException error = ErrorResponses.toGateway(failure);
        String requestId = GatewayFilter.requestId(rc);
        RestResponse.ResponseBuilder<ErrorEnvelope> response = RestResponse.ResponseBuilder
                .<ErrorEnvelope> create(error.httpStatus())
                .entity(ErrorResponses.envelope(error, requestId))
                .type(MediaType.APPLICATION_JSON_TYPE);
        if (error.retryAfter() != null) {
            response.header("Retry-After", error.retryAfter());
        }
        return response.build();
    }
}
