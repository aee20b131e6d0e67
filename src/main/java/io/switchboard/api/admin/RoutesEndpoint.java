package io.switchboard.api.admin;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.switchboard.api.BearerKeys;
import io.switchboard.api.ContextReader;
import io.switchboard.api.GatewayAuth;
import io.switchboard.api.JsonEndpoint;
import io.switchboard.api.JsonEndpoint.Answer;
import io.switchboard.core.route.Route;
import io.switchboard.errors.ErrorType;
import io.switchboard.errors.GatewayException;
import io.switchboard.routes.RouteAdmin;
import io.switchboard.routes.RouteBody;
import io.switchboard.routes.RouteTag;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The admin API: {@code /v1/routes}, runtime routes ("rooms") created, changed, muted and deleted while the
 * gateway runs. Every call needs an admin key ({@code switchboard.auth.admin-keys}), checked here on the
 * endpoint itself, whatever spelling of the path reached it.
 */
@ApplicationScoped
public class RoutesEndpoint {

    /** What an If-Match that no route can match compares as: not of a tag's form, so never equal to one. */
    private static final String NO_TAG = "none";

    private final RouteAdmin admin;
    private final BearerKeys adminKeys;
    private final ObjectMapper json;
    private final ObjectReader bodyReader;

    public RoutesEndpoint(RouteAdmin admin, GatewayAuth auth, ObjectMapper json) {
        this.admin = admin;
        this.adminKeys = auth.adminKeys();
        this.json = json;
        // unlike a request body, a route is stored: a misspelt field must not be dropped silently
        this.bodyReader = ContextReader.strict(json).readerFor(RouteBody.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The body of {@code GET /v1/routes}. */
    public record RouteList(List<ObjectNode> routes) {
    }

    void register(@Observes Router router, JsonEndpoint endpoint) {
        endpoint.serve(router, "/v1/routes", Map.of(HttpMethod.GET, this::list));
        endpoint.serve(router, "/v1/routes/:name", Map.of(HttpMethod.GET, this::get, HttpMethod.PUT, this::put,
                HttpMethod.PATCH, this::patch, HttpMethod.DELETE, this::delete));
    }

    private Uni<Answer> list(RoutingContext rc) {
        authorize(rc);
        return Uni.createFrom().item(Answer.ok(new RouteList(admin.list().stream().map(this::view).toList())));
    }

    /** A runtime route's answer carries its tag as {@code ETag}, for a later write's {@code If-Match}. */
    private Uni<Answer> get(RoutingContext rc) {
        authorize(rc);
        String name = rc.pathParam("name");
        Route route = admin.get(name);
        entityTag(rc, admin.tag(name));
        return Uni.createFrom().item(Answer.ok(view(route)));
    }

    /** 201 when the route is new, 200 when it replaced one. */
    private Uni<Answer> put(RoutingContext rc) {
        String who = authorize(rc);
        return admin.put(rc.pathParam("name"), read(body(rc)), ifMatch(rc), who)
                .map(saved -> answer(rc, saved.created() ? 201 : 200, saved));
    }

    /** A JSON merge patch of the stored route, applied to the route as it is when it is written. */
    private Uni<Answer> patch(RoutingContext rc) {
        String who = authorize(rc);
        JsonNode patch = object(body(rc));
        return admin.patch(rc.pathParam("name"), current -> bind(MergePatch.apply(json.valueToTree(current), patch)),
                ifMatch(rc), who).map(saved -> answer(rc, 200, saved));
    }

    private Uni<Answer> delete(RoutingContext rc) {
        String who = authorize(rc);
        return admin.delete(rc.pathParam("name"), ifMatch(rc), who).map(ignored -> new Answer(204, null));
    }

    private Answer answer(RoutingContext rc, int status, RouteAdmin.Saved saved) {
        entityTag(rc, saved.tag());
        return new Answer(status, view(saved.route()));
    }

    private static void entityTag(RoutingContext rc, String tag) {
        if (tag != null) {
            rc.response().putHeader(HttpHeaders.ETAG, "\"" + tag + "\"");
        }
    }

    /**
     * The tag {@code If-Match} asks for: null without the header, {@code *} for any. A weak or unknown entity tag
     * can match no route (If-Match compares strongly), so it becomes a value no tag equals.
     */
    private static String ifMatch(RoutingContext rc) {
        String header = rc.request().getHeader(HttpHeaders.IF_MATCH);
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (value.contains(",")) {
            throw GatewayException.invalidRequest("If-Match: one entity tag (as the ETag of the route) or *");
        }
        if (value.equals("*")) {
            return value;
        }
        String tag = value.length() > 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : "";
        return RouteTag.isTag(tag) ? tag : NO_TAG;
    }

    private static byte[] body(RoutingContext rc) {
        Buffer body = rc.body().buffer();
        return body == null ? null : body.getBytes();
    }

    /** Checks the admin key; returns who presented it, for the log. */
    private String authorize(RoutingContext rc) {
        String authorization = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (adminKeys.isEmpty()) {
            throw GatewayException.of(ErrorType.FORBIDDEN,
                    "the admin API is off: set switchboard.auth.admin-keys to turn it on");
        }
        if (!adminKeys.accepts(authorization)) {
            throw GatewayException.unauthorized("a valid admin key is required: Authorization: Bearer <admin key>");
        }
        return "key " + BearerKeys.fingerprint(authorization);
    }

    private ObjectNode view(Route route) {
        ObjectNode view = json.createObjectNode();
        view.put("name", route.name());
        view.put("origin", route.origin());
        view.setAll((ObjectNode) json.valueToTree(RouteBody.of(route)));
        return view;
    }

    private RouteBody read(byte[] body) {
        return bind(object(body));
    }

    private JsonNode object(byte[] body) {
        if (body == null || body.length == 0) {
            throw GatewayException.invalidRequest("body: required (a JSON route object)");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (IOException e) {
            throw GatewayException.invalidRequest("body: not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw GatewayException.invalidRequest("body: must be a JSON object");
        }
        return node;
    }

    private RouteBody bind(JsonNode node) {
        try {
            return bodyReader.readValue(node);
        } catch (UnrecognizedPropertyException e) {
            throw GatewayException.invalidRequest(e.getPropertyName() + ": unknown field (known: "
                    + String.join(", ", RouteBody.FIELDS) + ")");
        } catch (JsonMappingException e) {
            throw GatewayException.invalidRequest(ContextReader.describe(e));
        } catch (JsonProcessingException e) {
            throw GatewayException.invalidRequest("body: not valid JSON");
        } catch (IOException e) {
            throw GatewayException.invalidRequest("body: unreadable");
        }
    }
}
