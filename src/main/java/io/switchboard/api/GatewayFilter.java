package io.switchboard.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.micrometer.runtime.binder.vertx.HttpRequestMetric;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.errors.ErrorType;
import io.switchboard.errors.GatewayException;
import io.switchboard.gateway.spi.InboundRequest;
import io.switchboard.governance.KeyRegistry;
import io.switchboard.governance.KeyUse;
import io.switchboard.lifecycle.ShutdownGate;
import io.switchboard.metrics.Exchange;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Runs before every route of the Vert.x router. A path spelled so that two
 * readers could disagree on where it goes is refused ({@link RequestPaths}); every {@code /v1} request
 * then gets its request id, is refused while the instance shuts down, has its gateway key checked, and
 * a declared body over the limit is refused before it is read. Health, metrics and OpenAPI stay open.
 * <p>
 * An admin key passes the gateway-key check too, on every path: the admin API then checks for an admin key
 * itself, on its own endpoint, so no spelling of a path can open it with a client key, and no spelling can
 * skip the client-key check here.
 * <p>
 * A virtual key ({@link KeyRegistry}) passes in each of the places a gateway key does, looked up by its hash in a
 * map of this process; its use rides with the request ({@link #inbound}) to the gateway, which checks what it calls
 * and its limits. On an open {@code /v1} a virtual key is applied when presented; an expired one is a 401 there
 * too.
 */
@ApplicationScoped
public class GatewayFilter {

    /** Routing-context key holding the request id. */
    public static final String REQUEST_ID = "switchboard.request-id";
    /** Routing-context key holding the request's {@link KeyUse}, when it was made with a virtual key. */
    private static final String KEY_USE = "switchboard.key-use";

    private static final String API_KEY_HEADER = "x-api-key";
    private static final String GOOGLE_API_KEY_HEADER = "x-goog-api-key";
    private static final String KEY_PARAMETER = "key";
    private static final String GEMINI_PATHS = "/v1beta/";
    private static final String GEMINI_V1_PATHS = "/v1/models/";
    private static final String REFUSED_SPELLING = "path: not accepted in this spelling (a path starts with '/' and"
            + " has no ';' parameters, backslashes, empty or dot segments, or percent-encoded letters, digits and"
            + " separators)";

    private final BearerKeys clientKeys;
    private final BearerKeys adminKeys;
    private final boolean open;
    private final long maxBodyBytes;
    private final ErrorFormats errors;
    private final ShutdownGate shutdown;
    private final KeyRegistry keys;

    public GatewayFilter(GatewayAuth auth, SwitchboardConfig config, ErrorFormats errors, ShutdownGate shutdown,
            KeyRegistry keys) {
        this.keys = keys;
        this.clientKeys = auth.clientKeys();
        this.adminKeys = auth.adminKeys();
        this.open = auth.open();
        this.maxBodyBytes = config.maxBodySize().asLongValue();
        this.errors = errors;
        this.shutdown = shutdown;
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, 100);
    }

    /**
     * The router fails a request whose target is not a path ({@code GET v1/providers}) before any filter runs,
     * and hands the failure to the first failure handler whose route matches the path it reads, a route that
     * could not tell it from a bug. This failure handler comes first and refuses such a spelling as the filter
     * would, and a request without the {@code Host} it needs; every other failure goes on to the route's own
     * handler.
     */
    void registerFailureHandler(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::refuseUnroutable);
    }

    private void refuseUnroutable(RoutingContext rc) {
        String invalid = RequestTargets.refusal(rc.request().uri());
        if (invalid == null && RequestPaths.classify(rc.request().path()) == RequestPaths.Verdict.REFUSED) {
            invalid = REFUSED_SPELLING;
        }
        if (invalid != null) {
            refuse(rc, invalid, RequestIds.fromHeader(rc.request().getHeader(RequestIds.HEADER)));
        } else if (ErrorAnswers.lacksHost(rc)) {
            ErrorAnswers.writeRouteFailure(rc, errors.envelope(), maxBodyBytes);
        } else {
            rc.next();
        }
    }

    void filter(RoutingContext rc) {
        String invalid = RequestTargets.refusal(rc.request().uri());
        if (invalid != null) {
            String requestId = RequestIds.fromHeader(rc.request().getHeader(RequestIds.HEADER));
            rc.put(REQUEST_ID, requestId);
            refuse(rc, invalid, requestId);
            return;
        }
        RequestPaths.Verdict path = RequestPaths.classify(rc.request().path());
        if (path == RequestPaths.Verdict.OTHER) {
            rc.next();
            return;
        }
        String requestId = RequestIds.fromHeader(rc.request().getHeader(RequestIds.HEADER));
        rc.put(REQUEST_ID, requestId);
        rc.response().putHeader(RequestIds.HEADER, requestId);
        if (path != RequestPaths.Verdict.API) {
            refuse(rc, REFUSED_SPELLING, requestId);
            return;
        }
        if (shutdown.refusing()) {
            // Draining before exit: 503 and retryable, so the client retries on another instance; the
            // connection is closed so a keep-alive client does not come back to this one.
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
            reject(rc, GatewayException
                    .builder(ErrorType.PROVIDER_UNAVAILABLE, "this Switchboard instance is shutting down; retry the request")
                    .status(503).retryable().retryAfter("1").build(), requestId);
            return;
        }
        KeyUse key = null;
        if (keys.any()) {
            try {
                key = keys.use(presentedKey(rc));
            } catch (GatewayException expired) {
                reject(rc, expired, requestId);
                return;
            }
        }
        if (key != null) {
            rc.put(KEY_USE, key);
            Exchange.of(rc).keyName(key.name());
        } else if (!open && !authorized(rc)) {
            reject(rc, GatewayException.unauthorized("a valid gateway key is required: Authorization: Bearer <key>, "
                    + "x-api-key: <key> or x-goog-api-key: <key>"), requestId);
            return;
        }
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && tooLarge(length)) {
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
            reject(rc, GatewayException.payloadTooLarge(
                    "body: larger than the limit of " + maxBodyBytes + " bytes"), requestId);
            return;
        }
        rc.next();
    }

    private void refuse(RoutingContext rc, String message, String requestId) {
        // The HTTP metrics' uri tag says "/refused-path", not the spelling: without a status (a client
        // that hangs up before its body was read) the spelling itself would become a new series.
        HttpRequestMetric metric = HttpRequestMetric.getRequestMetric(rc);
        if (metric != null) {
            metric.setTemplatePath("/refused-path");
        }
        // a target spelled this way names no dialect for sure: the native envelope answers
        ErrorAnswers.write(rc, errors.envelope(), GatewayException.invalidRequest(message), requestId);
    }

    /** Answers in the error format of the path's API dialect (the native envelope, or a compatible API's). */
    private void reject(RoutingContext rc, GatewayException error, String requestId) {
        ErrorAnswers.write(rc, errors.forPath(rc.normalizedPath()), error, requestId);
    }

    public static String requestId(RoutingContext rc) {
        String id = rc.get(REQUEST_ID);
        return id != null ? id : RequestIds.generate();
    }

    /**
     * The request as the gateway is handed it: its id, the exchange its access-log line is made from, and its
     * headers.
     */
    public static InboundRequest inbound(RoutingContext rc) {
        return new InboundRequest(requestId(rc), Exchange.of(rc), rc.request().headers(), rc.get(KEY_USE));
    }

    /** A path of the Gemini API: under {@code /v1beta/}, or a model's method under {@code /v1/models/}. */
    private static boolean geminiPath(String path) {
        return path.startsWith(GEMINI_PATHS) || path.startsWith(GEMINI_V1_PATHS) && path.indexOf(':') > 0;
    }

    private boolean tooLarge(String contentLength) {
        try {
            return Long.parseLong(contentLength.strip()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The key the request presents, wherever a gateway key may be: a Bearer token, or {@link #apiKey}. */
    private static String presentedKey(RoutingContext rc) {
        String authorization = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        String apiKey = apiKey(rc);
        return apiKey == null ? null : apiKey.strip();
    }

    private static String apiKey(RoutingContext rc) {
        String apiKey = rc.request().getHeader(API_KEY_HEADER);
        if (apiKey == null) {
            apiKey = rc.request().getHeader(GOOGLE_API_KEY_HEADER);
        }
        if (apiKey == null && rc.request().query() != null && geminiPath(rc.normalizedPath())) {
            apiKey = rc.request().getParam(KEY_PARAMETER);
        }
        return apiKey;
    }

    /**
     * A gateway key as a Bearer token, or in {@code x-api-key} (the header Anthropic's clients send) or
     * {@code x-goog-api-key} (Google's); on the Gemini API's paths also as the {@code key} query parameter, as
     * Google's API takes it (the access log and the metrics name the path without its query). An admin key as a
     * Bearer token passes too (the admin API checks for an admin key itself).
     */
    private boolean authorized(RoutingContext rc) {
        String authorization = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return clientKeys.accepts(authorization) || adminKeys.accepts(authorization);
        }
        String apiKey = apiKey(rc);
        return apiKey != null && clientKeys.acceptsKey(apiKey.strip());
    }
}
