package io.switchboard.api;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.config.SwitchboardConfig;
import io.switchboard.core.route.RouteTable;
import io.switchboard.errors.GatewayException;
import io.switchboard.gateway.ProviderRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Serves the API doors' POST endpoints on the Vert.x router, with one body limit for all of them (the
 * native calls of {@link NativeRoutes} included). For a compatible API it serves the whole call: the body
 * is read into a {@link DialectRequest} by the dialect, the {@code model} it names is resolved here (the
 * same way for every dialect), then the gateway answers it whole or as a stream written by the shared
 * {@link SseWriter} in the dialect's frames. Every error, before or after the gateway, is written in the
 * dialect's {@link ErrorFormat}. A client that hangs up on a whole answer cancels the upstream call, as a
 * stream does.
 */
@ApplicationScoped
public class DialectEndpoint {

    /** Turns a JSON object body into a dialect request; throws a {@link GatewayException} for bad input. */
    @FunctionalInterface
    public interface Reader {
        DialectRequest read(ObjectNode body, String requestId);
    }

    private final ProviderRegistry registry;
    private final RouteTable routes;
    private final ObjectMapper json;
    private final CallAnswers answers;
    private final long maxBodyBytes;
    private final RequestLimits limits;

    public DialectEndpoint(ProviderRegistry registry, RouteTable routes, ObjectMapper json, CallAnswers answers,
            SwitchboardConfig config, RequestLimits limits) {
        this.registry = registry;
        this.routes = routes;
        this.json = json;
        this.answers = answers;
        this.maxBodyBytes = config.maxBodySize().asLongValue();
        this.limits = limits;
    }

    /** Registers {@code POST path}, read by {@code reader}, answering errors in {@code errors}. */
    public void post(Router router, String path, Reader reader, ErrorFormat errors) {
        post(router, path, errors, rc -> handle(rc, reader, errors));
    }

    /** Registers {@code POST path} for any door, the native API's included, its body read by {@link #withBody}. */
    public void post(Router router, String path, ErrorFormat errors, Handler<RoutingContext> handler) {
        withBody(router.post(path), errors).handler(handler);
    }

    /**
     * Reads the body of {@code route}'s requests whole, up to {@code switchboard.max-body-size}, before its
     * handlers; a body over it (declared or chunked) or any other failure of the route is answered in
     * {@code errors}. The operator endpoints ({@link JsonEndpoint}) share it with the API doors.
     */
    public Route withBody(Route route, ErrorFormat errors) {
        return route.handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
                .failureHandler(rc -> HttpErrors.writeRouteFailure(rc, errors, maxBodyBytes));
    }

    private void handle(RoutingContext rc, Reader reader, ErrorFormat errors) {
        String requestId = GatewayFilter.requestId(rc);
        HttpServerResponse response = rc.response();
        try {
            DialectRequest request = reader.read(body(rc), requestId);
            ModelTarget target = ModelTarget.resolve(request.model(), registry, routes);
            limits.checkSize(request.context());
            if (request.stream()) {
                answers.stream(response, request.context(), target.name(), target.model(), requestId,
                        request.streamFormat(), errors);
            } else {
                answers.whole(response, request.context(), target.name(), target.model(), requestId, request::answer,
                        errors);
            }
        } catch (RuntimeException e) {
            HttpErrors.write(response, errors, ErrorResponses.toGateway(e), requestId);
        }
    }

    private ObjectNode body(RoutingContext rc) {
        if (rc.body().buffer() == null || rc.body().length() == 0) {
            throw GatewayException.invalidRequest("body: required (a JSON object)");
        }
        JsonNode node;
        try {
            node = json.readTree(rc.body().buffer().getBytes());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw GatewayException.invalidRequest("body: not valid JSON" + where);
        } catch (IOException e) {
            throw GatewayException.invalidRequest("body: unreadable");
        }
        if (node == null || !node.isObject()) {
            throw GatewayException.invalidRequest("body: must be a JSON object");
        }
        return (ObjectNode) node;
    }
}
