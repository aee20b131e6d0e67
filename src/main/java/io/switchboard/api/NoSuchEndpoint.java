package io.switchboard.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.switchboard.errors.GatewayException;
import io.vertx.ext.web.Router;

/**
 * A request no route serves (an unknown path, or a method an API door does not take) is a 404 in the native
 * error envelope, like every other error the gateway writes, rather than the HTTP server's own page. The route
 * comes last, after every other route of the router.
 */
@ApplicationScoped
public class NoSuchEndpoint {

    private final ErrorFormat errors;

    public NoSuchEndpoint(ErrorFormats errorFormats) {
        this.errors = errorFormats.envelope();
    }

    void register(@Observes Router router) {
        router.route().last().handler(rc -> HttpErrors.write(rc.response(), errors,
                GatewayException.notFound("no such endpoint"), GatewayFilter.requestId(rc)));
    }
}
