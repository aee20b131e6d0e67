package io.switchboard.console;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The console's security headers, on its pages and on its scripts and styles alike: scripts only from the
 * gateway's own files (no inline script, so no injected one runs), calls only to its own origin, no framing, no
 * referrer, no caching of a page an admin saw. A route of its own under {@code /console}, so that no other request
 * pays for it.
 */
@Singleton
public class ConsoleHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    void register(@Observes Router router) {
        // before the pages' and the static files' routes
        router.route("/console*").order(Integer.MIN_VALUE + 1).handler(ConsoleHeaders::add);
    }

    static void add(RoutingContext rc) {
        MultiMap headers = rc.response().headers();
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", "no-store");
        rc.next();
    }
}
