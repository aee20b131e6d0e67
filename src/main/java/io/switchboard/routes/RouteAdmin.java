package io.switchboard.routes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.switchboard.core.route.Route;
import io.switchboard.errors.ErrorType;
import io.switchboard.errors.GatewayException;
import io.switchboard.gateway.ProviderRegistry;

/**
 * Creates, replaces and deletes runtime routes: checks them like configured routes, keeps them away from
 * the configuration file's names, writes them to the store, and logs who changed which fields (never values:
 * prompts and tools are the operator's content).
 */
@ApplicationScoped
public class RouteAdmin {

    private static final Logger LOG = Logger.getLogger(RouteAdmin.class);
    /** Route names end up in {@code ?provider=}, in {@code model} of the compatible APIs and in logs. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** A stored route, and whether it is new. */
    public record Saved(Route route, boolean created) {
    }

    private final ProviderRegistry registry;
    private final RuntimeRouteTable table;
    private final ObjectMapper json;

    public RouteAdmin(ProviderRegistry registry, RuntimeRouteTable table, ObjectMapper json) {
        this.registry = registry;
        this.table = table;
        this.json = json;
    }

    /** Every route served: the configuration file's, then the runtime ones. */
    public Collection<Route> list() {
        return table.routes();
    }

    /** The route of that name as served, from the configuration file or the store. */
    public Route get(String name) {
        Route route = table.route(name);
        if (route == null) {
            throw GatewayException.notFound("name: no route \"" + name + "\"");
        }
        return route;
    }

    /** The body of a runtime route as stored now (read from the store, so a patch starts from the latest). */
    public Uni<RouteBody> stored(String name) {
        checkWritable(name);
        return store(table.store().get(name)).map(body -> {
            if (body == null) {
                throw GatewayException.notFound("name: no runtime route \"" + name + "\"");
            }
            return read(body);
        });
    }

    /** Creates or replaces a runtime route; {@code who} identifies the admin key in the log. */
    public Uni<Saved> put(String name, RouteBody body, String who) {
        checkWritable(name);
        Route route;
        try {
            route = table.validated(name, body);
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalidRequest(e.getMessage());
        }
        RouteBody normalized = RouteBody.of(route);
        String stored = write(normalized);
        return store(table.store().get(name)).chain(previous -> store(table.store().put(name, stored)).chain(() -> {
            List<String> changed = changedFields(previous == null ? null : read(previous), normalized);
            LOG.infof("admin %s: route \"%s\" %s (fields: %s)", who, name, previous == null ? "created" : "updated",
                    changed.isEmpty() ? "none" : String.join(", ", changed));
            return reloaded(new Saved(route, previous == null));
        }));
    }

    /** Deletes a runtime route. */
    public Uni<Void> delete(String name, String who) {
        checkWritable(name);
        return store(table.store().delete(name)).chain(existed -> {
            if (!existed) {
                throw GatewayException.notFound("name: no runtime route \"" + name + "\"");
            }
            LOG.infof("admin %s: route \"%s\" deleted", who, name);
            return reloaded(null);
        }).replaceWithVoid();
    }

    private void checkWritable(String name) {
        if (!NAME.matcher(name).matches()) {
            throw GatewayException.invalidRequest("name: must be 1 to 64 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit");
        }
        if (registry.configRoutes().containsKey(name)) {
            throw GatewayException.of(ErrorType.CONFLICT, "route \"" + name + "\" is defined in the configuration "
                    + "file (switchboard.routes." + name + ") and is read-only through the admin API");
        }
        if (registry.provider(name) != null) {
            throw GatewayException.of(ErrorType.CONFLICT, "\"" + name + "\" is a provider (switchboard.providers."
                    + name + "); providers and routes share one namespace");
        }
    }

    /** The answer, once this instance serves the change (a failed reload is left to the periodic refresh). */
    private <T> Uni<T> reloaded(T result) {
        return table.reload().onFailure().recoverWithNull().replaceWith(result);
    }

    /** A store call whose failure becomes a 503 that says what still works. */
    private <T> Uni<T> store(Uni<T> call) {
        return call.onFailure(failure -> !(failure instanceof GatewayException)).transform(failure -> {
            LOG.warnf("admin write refused: route store (%s) unavailable: %s", table.store().kind(),
                    failure.getClass().getSimpleName());
            return new GatewayException(ErrorType.STORE_UNAVAILABLE, 503, "the route store ("
                    + table.store().kind() + ") is unavailable: route changes are refused until it is back; "
                    + "requests are still served with the routes this instance knows", null, null, true, false, "1");
        });
    }

    private List<String> changedFields(RouteBody before, RouteBody after) {
        JsonNode old = before == null ? json.createObjectNode() : json.valueToTree(before);
        JsonNode now = json.valueToTree(after);
        List<String> changed = new ArrayList<>();
        for (String field : RouteBody.FIELDS) {
            if (!Objects.equals(old.get(field), now.get(field))) {
                changed.add(field);
            }
        }
        return changed;
    }

    private RouteBody read(String stored) {
        try {
            return json.readValue(stored, RouteBody.class);
        } catch (JsonProcessingException e) {
            throw GatewayException.internal("stored route unreadable");
        }
    }

    private String write(RouteBody body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw GatewayException.internal("route not serializable");
        }
    }
}
