package io.switchboard.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.switchboard.errors.GatewayException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves the operator endpoints ({@code /v1/providers}, the admin API's {@code /v1/routes}) on the Vert.x router,
 * as the API doors are served: the body read whole up to the limit ({@link DialectEndpoint#withBody}), the answer
 * written as JSON, and every failure answered in the native error envelope ({@link HttpErrors}). The HTTP rules
 * such a resource keeps are here too: {@code HEAD} answers as {@code GET} without the body, {@code OPTIONS} lists
 * the methods in {@code Allow}, another method is a 405 and a client that accepts no JSON a 406, both in the
 * envelope.
 */
@ApplicationScoped
public class JsonEndpoint {

    /** What a call answers: its status and the body written as JSON ({@code null}: no body). */
    public record Answer(int status, Object body) {

        public static Answer ok(Object body) {
            return new Answer(200, body);
        }
    }

    /** One method of an endpoint; throws or fails with a {@link GatewayException} for a refused request. */
    @FunctionalInterface
    public interface Call {
        Uni<Answer> answer(RoutingContext rc);
    }

    private static final String JSON = "application/json";
    private static final String JSON_UTF8 = "application/json;charset=UTF-8";

    private final ErrorFormat errors;
    private final ObjectMapper json;
    private final DialectEndpoint bodies;

    public JsonEndpoint(ErrorFormats errorFormats, ObjectMapper json, DialectEndpoint bodies) {
        this.errors = errorFormats.envelope();
        this.json = json;
        this.bodies = bodies;
    }

    /** Serves {@code path} (a Vert.x path: {@code :name} for a parameter) with one call per method. */
    public void serve(Router router, String path, Map<HttpMethod, Call> calls) {
        List<HttpMethod> allowed = new ArrayList<>(calls.keySet());
        calls.forEach((method, call) -> {
            Route route = router.route(path).method(method).produces(JSON);
            if (method == HttpMethod.GET) {
                route.method(HttpMethod.HEAD);
                allowed.add(HttpMethod.HEAD);
            }
            bodies.withBody(route, errors).handler(rc -> handle(rc, call));
        });
        allowed.add(HttpMethod.OPTIONS);
        String allow = String.join(", ", allowed.stream().map(HttpMethod::name).sorted().toList());
        // reached when no route above took the request: another method, OPTIONS, or an Accept without JSON
        router.route(path).handler(rc -> refuse(rc, allowed, allow));
    }

    private void handle(RoutingContext rc, Call call) {
        Uni<Answer> answer;
        try {
            answer = call.answer(rc);
        } catch (RuntimeException e) {
            fail(rc, e);
            return;
        }
        answer.subscribe().with(done -> write(rc, done), failure -> fail(rc, failure));
    }

    private void write(RoutingContext rc, Answer answer) {
        HttpServerResponse response = rc.response();
        if (response.ended() || response.closed()) {
            return;
        }
        if (answer.body() == null) {
            response.setStatusCode(answer.status()).end();
            return;
        }
        Buffer body;
        try {
            body = Buffer.buffer(json.writeValueAsBytes(answer.body()));
        } catch (JsonProcessingException e) {
            fail(rc, e);
            return;
        }
        response.setStatusCode(answer.status()).putHeader(HttpHeaders.CONTENT_TYPE, JSON_UTF8).end(body);
    }

    private void fail(RoutingContext rc, Throwable failure) {
        HttpErrors.write(rc.response(), errors, ErrorResponses.toGateway(failure), GatewayFilter.requestId(rc));
    }

    private void refuse(RoutingContext rc, List<HttpMethod> allowed, String allow) {
        HttpMethod method = rc.request().method();
        if (method == HttpMethod.OPTIONS) {
            rc.response().putHeader(HttpHeaders.ALLOW, allow).end();
        } else if (allowed.contains(method)) {
            fail(rc, GatewayException.invalidRequest(406, "not acceptable"));
        } else {
            fail(rc, GatewayException.invalidRequest(405, "method not allowed"));
        }
    }
}
