package io.switchboard.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.errors.ErrorType;
import io.switchboard.errors.GatewayException;
import io.switchboard.lifecycle.ShutdownGate;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Runs before every {@code /v1/*} route, whether Quarkus REST or Vert.x serves it: assigns the
 * request id, refuses new requests while the instance shuts down, checks the gateway key, and refuses a
 * declared body over the limit before reading it. Health, metrics and OpenAPI stay open.
 * <p>
 * An admin key passes the gateway-key check too, on every path: the admin API then checks for an admin key
 * itself, on its own resource, so no spelling of a path can open it with a client key, and no spelling can
 * skip the client-key check here.
 */
@ApplicationScoped
public class GatewayFilter {

    /** Routing-context key holding the request id. */
    public static final String REQUEST_ID = "switchboard.request-id";

    private final BearerKeys clientKeys;
    private final BearerKeys adminKeys;
    private final long maxBodyBytes;
    private final ObjectMapper json;
    private final ShutdownGate shutdown;

    public GatewayFilter(SwitchboardConfig config, ObjectMapper json, ShutdownGate shutdown) {
        this.clientKeys = BearerKeys.of(config.auth().apiKeys());
        this.adminKeys = BearerKeys.of(config.auth().adminKeys());
        this.maxBodyBytes = config.maxBodySize().asLongValue();
        this.json = json;
        this.shutdown = shutdown;
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, 100);
    }

    void filter(RoutingContext rc) {
        if (!rc.normalizedPath().startsWith("/v1/")) {
            rc.next();
            return;
        }
        String requestId = RequestIds.fromHeader(rc.request().getHeader(RequestIds.HEADER));
        rc.put(REQUEST_ID, requestId);
        rc.response().putHeader(RequestIds.HEADER, requestId);
        if (shutdown.refusing()) {
            // Draining before exit: 503 and retryable, so the client retries on another instance; the
            // connection is closed so a keep-alive client does not come back to this one.
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
            HttpErrors.write(rc.response(), json, new GatewayException(ErrorType.PROVIDER_UNAVAILABLE, 503,
                    "this Switchboard instance is shutting down; retry the request", null, null, true, false, "1"),
                    requestId);
            return;
        }
        if (!clientKeys.isEmpty() && !authorized(rc.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            HttpErrors.write(rc.response(), json, GatewayException.unauthorized(
                    "a valid gateway key is required: Authorization: Bearer <key>"), requestId);
            return;
        }
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && tooLarge(length)) {
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
            HttpErrors.write(rc.response(), json, GatewayException.payloadTooLarge(
                    "body: larger than the limit of " + maxBodyBytes + " bytes"), requestId);
            return;
        }
        rc.next();
    }

    public static String requestId(RoutingContext rc) {
        String id = rc.get(REQUEST_ID);
        return id != null ? id : RequestIds.generate();
    }

    private boolean tooLarge(String contentLength) {
        try {
            return Long.parseLong(contentLength.strip()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private boolean authorized(String header) {
        return clientKeys.accepts(header) || adminKeys.accepts(header);
    }
}
