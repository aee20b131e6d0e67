package io.switchboard.metrics;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Bounds the {@code method} label of Quarkus's HTTP server meters ({@code http.server.*}). It is the request
 * line's method as sent, and the HTTP codec accepts any token there: each new one would be three more series of
 * {@code http_server_requests_seconds}, kept for the life of the process, for any caller without a key. A method
 * outside the standard ones counts as {@value #OTHER}.
 * <p>
 * The other labels of these meters are bounded by Quarkus: {@code uri} is a route template, {@code NOT_FOUND} for
 * a path no route serves, left out for any other 4xx without a template
 * ({@code quarkus.micrometer.binder.http-server.suppress4xx-errors}), and capped at
 * {@code quarkus.micrometer.binder.http-server.max-uri-tags} values; {@code status} and {@code outcome} are the
 * server's own.
 * <p>
 * The registry looks a meter up by its unfiltered id first and keeps only the ids that created a meter, so an
 * invented method costs a filter call per request and no memory.
 */
@Singleton
public class HttpServerLabels {

    /** The {@code method} label of every method that is not a standard one. */
    public static final String OTHER = "OTHER";

    /** RFC 9110's methods and PATCH, as Vert.x names them (upper case; a method name is case-sensitive). */
    private static final String[] METHODS = { "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE",
            "PATCH" };

    @Produces
    @Singleton
    MeterFilter boundedHttpMethods() {
        MeterFilter methods = MeterFilter.replaceTagValues("method", method -> OTHER, METHODS);
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().startsWith("http.server.") ? methods.map(id) : id;
            }
        };
    }
}
