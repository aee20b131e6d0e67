package io.switchboard.api.admin;

import java.io.IOException;
import java.util.List;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
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
import io.switchboard.errors.GatewayException;
import io.switchboard.governance.KeyAdmin;
import io.switchboard.governance.KeyBody;
import io.switchboard.governance.VirtualKey;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * The admin API of virtual keys, {@code /v1/keys}: created (the secret answered once), listed, read with their
 * usage, merge-patched and deleted (revoked). Every call needs an admin key, checked here as for {@code /v1/routes}.
 */
@Path("/v1/keys")
public class KeysResource {

    private static final String AUTHORIZATION = "Authorization";

    private final KeyAdmin admin;
    private final ErrorFormat errors;
    private final AdminAccess access;
    private final ObjectMapper json;
    private final ObjectReader bodyReader;

    public KeysResource(KeyAdmin admin, AdminAccess access, ObjectMapper json, ErrorFormats errorFormats) {
        this.admin = admin;
        this.errors = errorFormats.envelope();
        this.access = access;
        this.json = json;
        // a key is stored: a misspelt field must not be dropped silently
        this.bodyReader = ContextReader.strict(json).readerFor(KeyBody.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The body of {@code GET /v1/keys}. */
    public record KeyList(List<ObjectNode> keys) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking
    public KeyList list(@RestHeader(AUTHORIZATION) String authorization) {
        authorize(authorization);
        return new KeyList(admin.list().stream().map(this::view).toList());
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<ObjectNode> get(@RestPath String id, @RestHeader(AUTHORIZATION) String authorization) {
        authorize(authorization);
        VirtualKey key = admin.get(id);
        return admin.usage(key).map(usage -> {
            ObjectNode view = view(key);
            view.set("usage", json.valueToTree(usage));
            return view;
        });
    }

    /** 201 with the key's secret in {@code key}: the only answer that ever carries it. */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<ObjectNode>> create(byte[] body, @RestHeader(AUTHORIZATION) String authorization) {
        String who = authorize(authorization);
        return admin.create(bind(JsonBodies.object(json, body, "a JSON key object")), who).map(created -> {
            ObjectNode view = view(created.key());
            view.put("key", created.secret());
            return RestResponse.ResponseBuilder.ok(view).status(201).build();
        });
    }

    /** A JSON merge patch of the key's fields, applied to the key as it is when it is written. */
    @PATCH
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<ObjectNode> patch(@RestPath String id, byte[] body, @RestHeader(AUTHORIZATION) String authorization) {
        String who = authorize(authorization);
        JsonNode patch = JsonBodies.object(json, body, "a JSON key object");
        return admin.patch(id, current -> bind(MergePatch.apply(json.valueToTree(current), patch)), who)
                .map(this::view);
    }

    @DELETE
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Void>> delete(@RestPath String id, @RestHeader(AUTHORIZATION) String authorization) {
        String who = authorize(authorization);
        return admin.delete(id, who).map(ignored -> RestResponse.noContent());
    }

    @ServerExceptionMapper
    public RestResponse<Buffer> refused(GatewayException error, RoutingContext rc) {
        return ErrorAnswers.response(errors, error, rc);
    }

    private String authorize(String authorization) {
        return access.authorize(authorization);
    }

    /** A key as the API shows it: id, its fields, created_at; never its secret or its hash. */
    private ObjectNode view(VirtualKey key) {
        ObjectNode view = json.createObjectNode();
        view.put("id", key.id());
        view.setAll((ObjectNode) json.valueToTree(key.body()));
        view.put("created_at", key.createdAt());
        return view;
    }

    private KeyBody bind(JsonNode node) {
        try {
            return bodyReader.readValue(node);
        } catch (UnrecognizedPropertyException e) {
            throw GatewayException.invalidRequest(e.getPropertyName() + ": unknown field (known: "
                    + String.join(", ", KeyBody.FIELDS) + ")");
        } catch (JsonMappingException e) {
            throw GatewayException.invalidRequest(ContextReader.describe(e));
        } catch (JsonProcessingException e) {
            throw GatewayException.invalidRequest("body: not valid JSON");
        } catch (IOException e) {
            throw GatewayException.invalidRequest("body: unreadable");
        }
    }
}
