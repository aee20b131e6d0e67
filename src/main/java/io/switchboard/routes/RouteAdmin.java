package io.switchboard.routes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
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
 * Creates, replaces and deletes runtime routes: checks them like configured routes and against the
 * {@link RouteLimits}, keeps them away from the configuration file's names, writes them to the store in one
 * atomic step each (conditional on the route's {@link RouteTag tag} when the client sends one, and always for a
 * merge patch), and logs who changed which fields (never values: prompts and tools are the operator's content).
 */
@ApplicationScoped
public class RouteAdmin {

    private static final Logger LOG = Logger.getLogger(RouteAdmin.class);
    /** Route names end up in {@code ?provider=}, in {@code model} of the compatible APIs and in logs. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** How often a merge patch is tried again when another write changed the route between its read and write. */
    static final int PATCH_ATTEMPTS = 16;

    /** A stored route, its {@link RouteTag tag}, and whether it is new. */
    public record Saved(Route route, String tag, boolean created) {
    }

    /** A write whose condition failed, carried to the retry of a merge patch. */
    private static final class Changed extends RuntimeException {
        Changed() {
            super(null, null, false, false);
        }
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

    /** The {@link RouteTag tag} of a runtime route as this instance serves it; null for a configuration route. */
    public String tag(String name) {
        return table.tag(name);
    }

    /**
     * Creates or replaces a runtime route; {@code ifMatch} (null: none) is the tag the route must have now,
     * {@code *} for any; {@code who} identifies the admin key in the log.
     */
    public Uni<Saved> put(String name, RouteBody body, String ifMatch, String who) {
        checkWritable(name);
        return store(table.store().get(name)).chain(previous -> write(name, body, previous, ifMatch, who))
                .onFailure(Changed.class).transform(changed -> preconditionFailed(name));
    }

    /**
     * Changes a runtime route by {@code change} (a merge patch) as one atomic write: when another write comes
     * between the read and the write, the change is applied again to the route it left, so neither is lost.
     * With {@code ifMatch}, the route must have that tag (412 otherwise), and nothing is tried again.
     */
    public Uni<Saved> patch(String name, UnaryOperator<RouteBody> change, String ifMatch, String who) {
        checkWritable(name);
        Uni<Saved> attempt = Uni.createFrom().deferred(() -> store(table.store().get(name)).chain(previous -> {
            if (previous == null) {
                throw GatewayException.notFound("name: no runtime route \"" + name + "\"");
            }
            if (ifMatch != null && !RouteTag.matches(ifMatch, previous)) {
                throw preconditionFailed(name);
            }
            return write(name, change.apply(read(name, previous)), previous, RouteTag.of(previous), who);
        }));
        if (ifMatch != null) {
            return attempt.onFailure(Changed.class).transform(changed -> preconditionFailed(name));
        }
        return attempt.onFailure(Changed.class).retry().atMost(PATCH_ATTEMPTS - 1)
                .onFailure(Changed.class).transform(changed -> GatewayException.of(ErrorType.CONFLICT, "route \""
                        + name + "\" changed " + PATCH_ATTEMPTS + " times while this patch was applied; send it again"));
    }

    /** Deletes a runtime route; with {@code ifMatch}, only when it has that tag. */
    public Uni<Void> delete(String name, String ifMatch, String who) {
        checkWritable(name);
        return store(table.store().delete(name, ifMatch)).chain(outcome -> switch (outcome) {
            case MISSING -> throw GatewayException.notFound("name: no runtime route \"" + name + "\"");
            case CHANGED -> throw preconditionFailed(name);
            default -> {
                LOG.infof("admin %s: route \"%s\" deleted", who, name);
                yield reloaded(null);
            }
        }).replaceWithVoid();
    }

    /**
     * Checks and writes {@code body} when the stored route still is as expected ({@code expectedTag}, null:
     * whatever it is); {@code previous} is the body read before, for the log. Fails with {@link Changed} when
     * the condition does not hold.
     */
    private Uni<Saved> write(String name, RouteBody body, String previous, String expectedTag, String who) {
        RouteLimits limits = table.limits();
        Route route;
        String stored;
        try {
            route = table.validated(name, body);
            stored = serialize(RouteBody.of(route));
            limits.checkSize(stored.getBytes(StandardCharsets.UTF_8).length);
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalidRequest(e.getMessage());
        }
        return store(table.store().put(name, stored, expectedTag, limits.maxRoutes())).chain(outcome -> {
            switch (outcome) {
                case MISSING, CHANGED -> throw new Changed();
                case FULL -> throw GatewayException.of(ErrorType.CONFLICT, "route \"" + name + "\" not created: the "
                        + "store holds " + RouteLimits.PREFIX + "max-routes (" + limits.maxRoutes() + ") runtime "
                        + "routes already");
                default -> {
                }
            }
            boolean created = outcome == RouteStore.Outcome.CREATED;
            List<String> changed = changedFields(name, created ? null : previous, RouteBody.of(route));
            LOG.infof("admin %s: route \"%s\" %s (fields: %s)", who, name, created ? "created" : "updated",
                    changed.isEmpty() ? "none" : String.join(", ", changed));
            return reloaded(new Saved(route, RouteTag.of(stored), created));
        });
    }

    /** 412: the route is not in the state the client saw (its {@code If-Match}). */
    private static GatewayException preconditionFailed(String name) {
        return GatewayException.builder(ErrorType.CONFLICT, "route \"" + name + "\" does not match If-Match: it "
                + "changed (or was deleted) since its ETag was read; read it again").status(412).build();
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
            return GatewayException.builder(ErrorType.STORE_UNAVAILABLE, "the route store ("
                    + table.store().kind() + ") is unavailable: route changes are refused until it is back; "
                    + "requests are still served with the routes this instance knows").retryable().retryAfter("1")
                    .build();
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

    /** A stored body; one written around the admin API may be unreadable, which only a PUT or DELETE mends. */
    private RouteBody read(String name, String stored) {
        try {
            return json.readValue(stored, RouteBody.class);
        } catch (JsonProcessingException e) {
            throw GatewayException.of(ErrorType.CONFLICT, "route \"" + name + "\" as stored is not a readable "
                    + "route: replace it (PUT) or delete it");
        }
    }

    /** The fields that differ, all of them when the route is new or was unreadable. */
    private List<String> changedFields(String name, String before, RouteBody after) {
        RouteBody old = null;
        try {
            old = before == null ? null : read(name, before);
        } catch (GatewayException unreadable) {
            // replaced by a readable route: every field counts as changed
        }
        return changedFields(old, after);
    }

    private String serialize(RouteBody body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw GatewayException.internal("route not serializable");
        }
    }
}
