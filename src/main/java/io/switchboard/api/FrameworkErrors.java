package io.switchboard.api;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.switchboard.errors.GatewayException;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * What Quarkus REST refuses before a door is reached — a path no door serves, a method or an {@code Accept} a
 * door does not take — answered in the error format of the path's dialect, like every other error; and any
 * failure no door's own mapper answered. {@code OPTIONS} and {@code HEAD} are the framework's.
 */
public class FrameworkErrors {

    /** The doors, named in the answer to a path none serves, so a client can tell a typo from a missing API. */
    static final String DOORS = "POST /v1/generate, POST /v1/stream, POST /v1/chat/completions, GET /v1/models,"
            + " POST /v1/responses, POST /v1/messages, POST /v1beta/models/{model}:generateContent (also"
            + " :streamGenerateContent, :countTokens), GET /v1/providers, /v1/routes (admin)";

    private final ErrorFormats errors;

    public FrameworkErrors(ErrorFormats errors) {
        this.errors = errors;
    }

    @ServerExceptionMapper
    public RestResponse<Buffer> notFound(NotFoundException e, RoutingContext rc) {
        return answer(rc, GatewayException.notFound("no such endpoint; Switchboard serves " + DOORS));
    }

    @ServerExceptionMapper
    public RestResponse<Buffer> notAllowed(NotAllowedException e, RoutingContext rc) {
        RestResponse<Buffer> answer = answer(rc, GatewayException.invalidRequest(405, "method not allowed"));
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        return allow == null ? answer
                : RestResponse.ResponseBuilder.fromResponse(answer).header(HttpHeaders.ALLOW, allow).build();
    }

    @ServerExceptionMapper
    public RestResponse<Buffer> notAcceptable(NotAcceptableException e, RoutingContext rc) {
        return answer(rc, GatewayException.invalidRequest(406, "not acceptable"));
    }

    @ServerExceptionMapper
    public RestResponse<Buffer> refused(WebApplicationException e, RoutingContext rc) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return answer(rc, ErrorAnswers.toGateway(e));
        }
        return answer(rc, GatewayException.invalidRequest(status, "request: refused (" + status + ")"));
    }

    @ServerExceptionMapper
    public RestResponse<Buffer> gateway(GatewayException e, RoutingContext rc) {
        return answer(rc, e);
    }

    @ServerExceptionMapper
    public RestResponse<Buffer> unexpected(Throwable e, RoutingContext rc) {
        return answer(rc, ErrorAnswers.toGateway(e));
    }

    private RestResponse<Buffer> answer(RoutingContext rc, GatewayException error) {
        return ErrorAnswers.response(errors.forPath(rc.normalizedPath()), error, rc);
    }
}
