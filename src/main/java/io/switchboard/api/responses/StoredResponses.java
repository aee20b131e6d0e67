package io.switchboard.api.responses;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.switchboard.api.GatewayAuth;
import io.switchboard.config.ConfigProblems;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.errors.ErrorType;
import io.switchboard.errors.GatewayException;
import io.switchboard.responses.ResponseStore;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * The stored responses of the Responses door, in the {@link ResponseStore} {@code switchboard.store.type}
 * names. A response belongs to the gateway key that created it: it is kept under that key's SHA-256 (never the
 * key) and its id, so another key finds nothing there, exactly as for an id never stored; when {@code /v1} is
 * open every caller is the same anonymous owner. Only a request that stores or continues a response comes
 * here: a {@code store: false} request without {@code previous_response_id} costs the store nothing.
 */
@Singleton
class StoredResponses {

    private static final Logger LOG = Logger.getLogger(StoredResponses.class);
    private static final String ANONYMOUS = "anonymous";
    private static final String API_KEY_HEADER = "x-api-key";

    private final ResponseStore store;
    private final ObjectMapper json;
    private final boolean open;
    private final String ttl;

    StoredResponses(@Any Instance<ResponseStore> stores, SwitchboardConfig config, GatewayAuth auth,
            ObjectMapper json) {
        this.store = storeOf(stores, config.store().type());
        this.json = json;
        this.open = auth.open();
        this.ttl = config.responses().ttl().toString().substring(2).toLowerCase(Locale.ROOT);
    }

    /** The store of the route store's type; only that one is created, so Redis is never touched otherwise. */
    private static ResponseStore storeOf(Instance<ResponseStore> stores, String type) {
        Instance<ResponseStore> chosen = stores.select(Identifier.Literal.of(type.strip().toLowerCase(Locale.ROOT)));
        if (!chosen.isResolvable()) {
            throw ConfigProblems.of("switchboard.store.type: unknown store \"" + type + "\" (known: memory, redis)");
        }
        return chosen.get();
    }

    /** Who the request's responses belong to: the SHA-256 of the gateway key it presented. */
    String owner(HttpServerRequest request) {
        if (open) {
            return ANONYMOUS;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String key = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7)
                : request.getHeader(API_KEY_HEADER);
        try {
            // the gateway filter let the request in, so it presented a key; "" only guards against a change there
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((key == null ? "" : key.strip()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The conversation the response {@code id} ends: its input items, then its output items. */
    Uni<ArrayNode> conversation(String owner, String id) {
        return record(owner, id, "previous_response_id").map(record -> {
            ArrayNode items = ((ArrayNode) record.get("input")).deepCopy();
            items.addAll((ArrayNode) record.at("/response/output"));
            return items;
        });
    }

    /** The stored Response object, as the request that made it was answered. */
    Uni<Buffer> response(String owner, String id) {
        return record(owner, id, "response_id").map(record -> Buffer.buffer(bytes(record.get("response"))));
    }

    /** A page of the stored response's input items, as OpenAI's list object. */
    Uni<Buffer> inputItems(String owner, String id, InputItems.Page page) {
        return record(owner, id, "response_id").map(
                record -> Buffer.buffer(bytes(InputItems.list((ArrayNode) record.get("input"), id, page))));
    }

    /** Deletes a stored response: OpenAI's deletion object, or a 404 when there was none. */
    Uni<Buffer> delete(String owner, String id) {
        return available(store.delete(key(owner, id))).map(deleted -> {
            if (!deleted) {
                throw notFound("response_id", id);
            }
            ObjectNode answer = json.createObjectNode();
            answer.put("id", id).put("object", "response").put("deleted", true);
            return Buffer.buffer(bytes(answer));
        });
    }

    /**
     * Stores an answered response, before the answer (its body, or the event that ends its stream) goes out: so a
     * client that continues it at once, on any replica, finds it. A store that fails then is logged and the answer
     * still goes out (unstored): the client has paid for it. A stream that ends otherwise (failed, or the client
     * gone) stores nothing.
     */
    Uni<Void> keep(String owner, String id, String record) {
        return store.put(key(owner, id), record).onFailure().recoverWithUni(failure -> {
            LOG.warnf("response %s answered but not stored: the response store (%s) failed: %s", id, store.kind(),
                    failure.getClass().getSimpleName());
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<ObjectNode> record(String owner, String id, String param) {
        return available(store.get(key(owner, id))).map(stored -> {
            ObjectNode record = stored == null ? null : read(stored, id);
            if (record == null) {
                throw notFound(param, id);
            }
            return record;
        });
    }

    /** A stored record, or null (logged) when it is not one this version reads. */
    private ObjectNode read(String stored, String id) {
        try {
            JsonNode record = json.readTree(stored);
            if (record.path("version").asInt() == KeptResponse.VERSION && record.path("input").isArray()
                    && record.at("/response/output").isArray()) {
                return (ObjectNode) record;
            }
        } catch (JsonProcessingException e) {
            // falls through to the warning
        }
        LOG.warnf("stored response %s is not a version %d record; treated as absent", id, KeptResponse.VERSION);
        return null;
    }

    private <T> Uni<T> available(Uni<T> call) {
        return call.onFailure(failure -> !(failure instanceof GatewayException)).transform(failure -> {
            LOG.warnf("response store (%s) unavailable: %s", store.kind(), failure.getClass().getSimpleName());
            return GatewayException.builder(ErrorType.STORE_UNAVAILABLE, "the response store (" + store.kind()
                    + ") is unavailable: stored responses cannot be read until it is back").retryable()
                    .retryAfter("1").build();
        });
    }

    private GatewayException notFound(String param, String id) {
        return GatewayException.notFound(param + ": no stored response \"" + id + "\" for this key (never stored, "
                + "stored with store: false, deleted, or expired after " + ttl + ")");
    }

    private static String key(String owner, String id) {
        return owner + ":" + id;
    }

    private byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored response not serializable", e);
        }
    }
}
