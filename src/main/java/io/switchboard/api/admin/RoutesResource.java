package io.switchboard.api.admin;

import java.io.IOException;
import java.util.List;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.switchboard.api.ContextReader;
import io.switchboard.api.ErrorAnswers;
import io.switchboard.api.ErrorFormat;
import io.switchboard.api.ErrorFormats;
import io.switchboard.api.JsonBodies;
import io.switchboard.core.route.Route;
import io.switchboard.errors.GatewayException;
import io.switchboard.routes.RouteAdmin;
import io.switchboard.routes.RouteBody;
import io.switchboard.routes.RouteTag;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The admin API: {@code /v1/routes}, runtime routes ("rooms") created, changed, muted and deleted while the
 * gateway runs. Every call needs an admin key ({@code switchboard.auth.admin-keys}), checked here on the
 * endpoint itself, whatever spelling of the path reached it.
 */
@Path("/v1/routes")
public class RoutesResource {

    /** What an If-Match that no route can match compares as: not of a tag's form, so never equal to one. */
    private static final String NO_TAG = "none";

    private static final String AUTHORIZATION = "Authorization";
    private static final String IF_MATCH = "If-Match";

    private final RouteAdmin admin;
    private final ErrorFormat errors;
    private final AdminAccess access;
    private final ObjectMapper json;
    private final ObjectReader bodyReader;

    public RoutesResource(RouteAdmin admin, AdminAccess access, ObjectMapper json, ErrorFormats errorFormats) {
        this.admin = admin;
        this.errors = errorFormats.envelope();
        this.access = access;
        this.json = json;
        // unlike a request body, a route is stored: a misspelt field must not be dropped silently
        this.bodyReader = ContextReader.strict(json).readerFor(RouteBody.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The body of {@code GET /v1/routes}. */
    public record RouteList(List<ObjectNode> routes) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking
    public RouteList list(@RestHeader(AUTHORIZATION) String authorization) {
        authorize(authorization);
        return new RouteList(admin.list().stream().map(this::view).toList());
    }

    /** A runtime route's answer carries its tag as {@code ETag}, for a later write's {@code If-Match}. */
    @GET
    @Path("/{name}")
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking
    public RestResponse<ObjectNode> get(@RestPath String name, @RestHeader(AUTHORIZATION) String authorization) {
        authorize(authorization);
        Route route = admin.get(name);
        return tagged(RestResponse.ResponseBuilder.ok(view(route)), admin.tag(name));
    }

    /** 201 when the route is new, 200 when it replaced one. */
    @PUT
    @Path("/{name}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<ObjectNode>> put(@RestPath String name, byte[] body,
            @RestHeader(AUTHORIZATION) String authorization, @RestHeader(IF_MATCH) String ifMatch) {
        String who = authorize(authorization);
        return admin.put(name, read(body), ifMatch(ifMatch), who)
                .map(saved -> answer(saved.created() ? 201 : 200, saved));
    }

    /** A JSON merge patch of the stored route, applied to the route as it is when it is written. */
    @PATCH
    @Path("/{name}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<ObjectNode>> patch(@RestPath String name, byte[] body,
            @RestHeader(AUTHORIZATION) String authorization, @RestHeader(IF_MATCH) String ifMatch) {
        String who = authorize(authorization);
        JsonNode patch = JsonBodies.object(json, body, "a JSON route object");
        return admin.patch(name, current -> bind(MergePatch.apply(json.valueToTree(current), patch)),
                ifMatch(ifMatch), who).map(saved -> answer(200, saved));
    }

    @DELETE
    @Path("/{name}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Void>> delete(@RestPath String name, @RestHeader(AUTHORIZATION) String authorization,
            @RestHeader(IF_MATCH) String ifMatch) {
        String who = authorize(authorization);
        return admin.delete(name, ifMatch(ifMatch), who).map(ignored -> RestResponse.noContent());
    }

    @ServerExceptionMapper
    public RestResponse<Buffer> refused(GatewayException error, RoutingContext rc) {
        return ErrorAnswers.response(errors, error, rc);
    }

    private RestResponse<ObjectNode> answer(int status, RouteAdmin.Saved saved) {
        return tagged(RestResponse.ResponseBuilder.ok(view(saved.route())).status(status), saved.tag());
    }

    private static RestResponse<ObjectNode> tagged(RestResponse.ResponseBuilder<ObjectNode> answer, String tag) {
        if (tag != null) {
            answer.header(HttpHeaders.ETAG.toString(), "\"" + tag + "\"");
        }
        return answer.build();
    }

    /**
     * The tag {@code If-Match} asks for: null without the header, {@code *} for any. A weak or unknown entity tag
     * can match no route (If-Match compares strongly), so it becomes a value no tag equals.
     */
    private static String ifMatch(String header) {
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

    /** Checks the admin key; returns who presented it, for the log. */
    private String authorize(String authorization) {
        return access.authorize(authorization);
    }

    private ObjectNode view(Route route) {
        ObjectNode view = json.createObjectNode();
        view.put("name", route.name());
        view.put("origin", route.origin());
        view.setAll((ObjectNode) json.valueToTree(RouteBody.of(route)));
        return view;
    }

    private RouteBody read(byte[] body) {
        return bind(JsonBodies.object(json, body, "a JSON route object"));
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
