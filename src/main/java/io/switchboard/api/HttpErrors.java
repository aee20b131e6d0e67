package io.switchboard.api;

import io.switchboard.errors.GatewayException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/** Writes an error answer on a raw Vert.x response (the filter and the Vert.x routes), in a dialect's format. */
public final class HttpErrors {

    private HttpErrors() {
    }

    public static void write(HttpServerResponse response, ErrorFormat format, GatewayException error,
            String requestId) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(error.httpStatus())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(RequestIds.HEADER, requestId);
        if (error.retryAfter() != null) {
            response.putHeader("Retry-After", error.retryAfter());
        }
        response.end(format.body(error, requestId));
    }

    /**
     * The failure handler of a Vert.x route. A client that has gone (mid-body, say) is answered nothing and is
     * no failure of ours; a body over the limit is a 413; another client-error status the framework failed the
     * request with (a missing {@code Host} header, say) is answered as such, without a trace; anything else is
     * a mapped error.
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
            error = ErrorResponses.toGateway(failure != null ? failure : new IllegalStateException("status " + status));
        }
        write(rc.response(), format, error, GatewayFilter.requestId(rc));
    }

    private static GatewayException refusedByFramework(RoutingContext rc, int status) {
        if (status == 404) {
            return GatewayException.notFound("path: no such endpoint");
        }
        if (rc.request().authority() == null && rc.request().version() != HttpVersion.HTTP_1_0) {
            // the router refuses an HTTP/1.1 request without a Host header, an HTTP/2 one without :authority
            return GatewayException.invalidRequest(status, "Host: required");
        }
        return GatewayException.invalidRequest(status, "request: refused by the HTTP server (" + status + ")");
    }
}
