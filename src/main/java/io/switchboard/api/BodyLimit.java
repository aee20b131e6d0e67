package io.switchboard.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.switchboard.config.SwitchboardConfig;
import io.switchboard.errors.GatewayException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Holds every {@code /v1} request body to {@code switchboard.max-body-size}, so that a body over the limit is
 * refused with a 413 in the door's error format however it comes. A body that declares its length is refused
 * before it is read, by {@link GatewayFilter}, and otherwise read by Quarkus REST. A body without a declared length
 * (chunked, or an HTTP/2 stream) is read here, whole, and refused once the limit is passed: Quarkus REST would read
 * it without a bound. Quarkus's own {@code quarkus.http.limits.max-body-size}, set to the same value, checks only a
 * declared length. Quarkus REST takes a body read here as it is, and reads the others on the event loop
 * ({@code quarkus.rest.input-buffer-size} is set to the same limit, so no body is handed to a worker thread).
 */
@ApplicationScoped
public class BodyLimit {

    private final long maxBodyBytes;
    private final ErrorFormats errors;

    public BodyLimit(SwitchboardConfig config, ErrorFormats errors) {
        this.maxBodyBytes = config.maxBodySize().asLongValue();
        this.errors = errors;
    }

    void register(@Observes Router router) {
        BodyHandler bodies = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
        for (HttpMethod method : new HttpMethod[] { HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH }) {
            router.route("/v1/*").method(method).handler(rc -> {
                if (declared(rc)) {
                    // held to the limit by the gateway filter before it is read, and read by Quarkus REST
                    rc.next();
                } else {
                    bodies.handle(rc);
                }
            }).handler(rc -> {
                if (!declared(rc) && rc.body().length() <= 0) {
                    // Quarkus REST waits forever for an empty body read here; every door needs one
                    ErrorAnswers.write(rc, errors.forPath(rc.normalizedPath()),
                            GatewayException.invalidRequest("body: required"), GatewayFilter.requestId(rc));
                } else {
                    rc.next();
                }
            }).failureHandler(this::refuse);
        }
    }

    private static boolean declared(RoutingContext rc) {
        return rc.request().headers().contains(HttpHeaders.CONTENT_LENGTH);
    }

    private void refuse(RoutingContext rc) {
        ErrorAnswers.writeRouteFailure(rc, errors.forPath(rc.normalizedPath()), maxBodyBytes);
    }
}
