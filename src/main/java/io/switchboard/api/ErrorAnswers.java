package io.switchboard.api;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

import io.switchboard.errors.GatewayException;
import io.switchboard.metrics.Exchange;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Error answers, in a dialect's {@link ErrorFormat}: as a {@link RestResponse} for the exception mappers of the
 * doors, or written on the raw response by what runs before them (the gateway filter, the body limit). Either way
 * the status, {@code Retry-After} and the error type the access log reports are the same. Unknown failures are
 * bugs: logged with their trace here, answered 500 without it.
 */
public final class ErrorAnswers {

    private static final Logger LOG = Logger.getLogger(ErrorAnswers.class);
    private static final String JSON = "application/json";

    private ErrorAnswers() {
    }

    public static GatewayException toGateway(Throwable failure) {
        if (failure instanceof GatewayException gateway) {
            return gateway;
        }
        LOG.error("unexpected failure", failure);
        return GatewayException.internal("internal error");
    }

    /** The answer of a door's exception mapper to the request {@code rc}. */
    public static RestResponse<Buffer> response(ErrorFormat format, GatewayException error, RoutingContext rc) {
        Exchange.of(rc).failedWith(error.type().wireName());
        String requestId = GatewayFilter.requestId(rc);
        RestResponse.ResponseBuilder<Buffer> answer = RestResponse.ResponseBuilder
                .ok(format.body(error, requestId)).status(error.httpStatus())
                .header(HttpHeaders.CONTENT_TYPE.toString(), JSON)
                .header(RequestIds.HEADER, requestId);
        if (error.retryAfter() != null) {
            answer.header("Retry-After", error.retryAfter());
        }
        return answer.build();
    }

    /** Writes an error on the raw response of {@code rc}, for what answers before a door is reached. */
    public static void write(RoutingContext rc, ErrorFormat format, GatewayException error, String requestId) {
        HttpServerResponse response = rc.response();
        if (response.ended() || response.closed()) {
            return;
        }
        Exchange.of(rc).failedWith(error.type().wireName());
        response.setStatusCode(error.httpStatus())
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .putHeader(RequestIds.HEADER, requestId);
        if (error.retryAfter() != null) {
            response.putHeader("Retry-After", error.retryAfter());
        }
        response.end(format.body(error, requestId));
    }

    /**
     * The failure handler of a Vert.x route that runs before the doors. A client that has gone (mid-body, say) is
     * answered nothing and is no failure of ours; a body over the limit is a 413; another client-error status the
     * framework failed the request with (a missing {@code Host} header, say) is answered as such, without a
     * trace; anything else is a mapped error.
     */
    public static void writeRouteFailure(RoutingContext rc, ErrorFormat format, long maxBodyBytes) {
        if (rc.response().closed()) {
            return;
        }
        Throwable failure = rc.failure();
        int status = rc.statusCode();
        GatewayException error;
        if (failure instanceof GatewayException gateway) {
            error = gateway;
        } else if (status == 413) {
            error = GatewayException.payloadTooLarge("body: larger than the limit of " + maxBodyBytes + " bytes");
        } else if (status >= 400 && status < 500) {
            error = refusedByFramework(rc, status);
        } else {
            error = toGateway(failure != null ? failure : new IllegalStateException("status " + status));
        }
        write(rc, format, error, GatewayFilter.requestId(rc));
    }

    private static GatewayException refusedByFramework(RoutingContext rc, int status) {
        if (status == 404) {
            return GatewayException.notFound("path: no such endpoint");
        }
        if (lacksHost(rc)) {
            return GatewayException.invalidRequest(status, "Host: required");
        }
        return GatewayException.invalidRequest(status, "request: refused by the HTTP server (" + status + ")");
    }

    /**
     * An HTTP/1.1 request without a {@code Host} header, or an HTTP/2 one without {@code :authority}: the router
     * refuses it before any route.
     */
    static boolean lacksHost(RoutingContext rc) {
        return rc.request().authority() == null && rc.request().version() != HttpVersion.HTTP_1_0;
    }
}
