package io.switchboard.api.admin;

import java.io.IOException;
import java.util.List;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

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
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.core.route.Route;
import io.switchboard.errors.ErrorType;
import io.switchboard.errors.GatewayException;
import io.switchboard.routes.RouteAdmin;
import io.switchboard.routes.RouteBody;

/**
 * The admin API: {@code /v1/routes}, runtime routes ("rooms") created, changed, muted and deleted while the
 * gateway runs. Every call needs an admin key ({@code switchboard.auth.admin-keys}), checked here on the
 * resource itself, whatever spelling of the path reached it.
 */
@Path("/v1/routes")
@Produces(MediaType.APPLICATION_JSON)
public class RoutesResource {

    private final RouteAdmin admin;
    private final BearerKeys adminKeys;
    private final ObjectMapper json;
    private final ObjectReader bodyReader;

    public RoutesResource(RouteAdmin admin, SwitchboardConfig config, ObjectMapper json) {
        this.admin = admin;
        this.adminKeys = BearerKeys.configured("switchboard.auth.admin-keys");
        this.json = json;
        // unlike a request body, a route is stored: a misspelt field must not be dropped silently
        this.bodyReader = ContextReader.strict(json).readerFor(RouteBody.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The body of {@code GET /v1/routes}. */
    public record RouteList(List<ObjectNode> routes) {
    }

    @GET
    public RouteList list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        authorize(authorization);
        return new RouteList(admin.list().stream().map(this::view).toList());
    }

    @GET
    @Path("{name}")
    public ObjectNode get(@PathParam("name") String name,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        authorize(authorization);
        return view(admin.get(name));
    }

    @PUT
    @Path("{name}")
    public Uni<RestResponse<ObjectNode>> put(@PathParam("name") String name, byte[] body,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String who = authorize(authorization);
        return admin.put(name, read(body), who)
                .map(saved -> RestResponse.status(saved.created() ? RestResponse.Status.CREATED : RestResponse.Status.OK,
                        view(saved.route())));
    }

    @PATCH
    @Path("{name}")
    public Uni<ObjectNode> patch(@PathParam("name") String name, byte[] body,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String who = authorize(authorization);
        JsonNode patch = object(body);
        return admin.stored(name)
                .chain(current -> admin.put(name, bind(MergePatch.apply(json.valueToTree(current), patch)), who))
                .map(saved -> view(saved.route()));
    }

    @DELETE
    @Path("{name}")
    public Uni<RestResponse<Void>> delete(@PathParam("name") String name,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String who = authorize(authorization);
        return admin.delete(name, who).map(ignored -> RestResponse.noContent());
    }

    /** Checks the admin key; returns who presented it, for the log. */
    private String authorize(String authorization) {
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
