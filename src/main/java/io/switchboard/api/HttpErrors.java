package io.switchboard.api;

import io.switchboard.errors.GatewayException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
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

    /** The failure handler of a Vert.x route: a body over the limit is a 413, anything else a mapped error. */
    public static void writeRouteFailure(RoutingContext rc, ErrorFormat format, long maxBodyBytes) {
        GatewayException error = rc.statusCode() == 413
                ? GatewayException.payloadTooLarge("body: larger than the limit of " + maxBodyBytes + " bytes")
                : ErrorResponses.toGateway(rc.failure() != null ? rc.failure()
                        : new IllegalStateException("status " + rc.statusCode()));
        write(rc.response(), format, error, GatewayFilter.requestId(rc));
    }
}
