package io.switchboard.routes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.core.model.Names;
import io.switchboard.core.route.Route;
import io.switchboard.core.route.RouteTable;
import io.switchboard.core.route.RouteValidator;
import io.switchboard.gateway.ProviderRegistry;
import io.switchboard.store.StoreChoice;
import io.switchboard.store.StoreWatch;
import io.vertx.core.Vertx;

/**
 * The routes requests are served with: the configuration file's, then the runtime routes of the store. Lookups
 * read an in-process snapshot only; the snapshot is replaced after every write made here and, with a shared
 * store, whenever the store's version number changes (checked every {@code switchboard.store.refresh-interval}).
 * When the store cannot be reached, the last snapshot keeps being served. A stored route that is unreadable,
 * invalid or over a {@link RouteLimits limit} is skipped with one warning that names it, and the others are
 * served: whatever is in the store, a replica starts and stays ready.
 */
@ApplicationScoped
public class RuntimeRouteTable implements RouteTable {

    private static final Logger LOG = Logger.getLogger(RuntimeRouteTable.class);

    /**
     * An immutable view of the routes at one store version.
     *
     * @param tags the {@link RouteTag} of each runtime route's stored body
     * @param skipped the stored routes not served, each with why
     */
    private record Snapshot(long version, Map<String, Route> runtime, Map<String, String> tags, List<Route> all,
            Map<String, String> skipped) {
    }

    private final ProviderRegistry registry;
    private final RouteStore store;
    private final RouteValidator validator;
    private final RouteLimits limits;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final long refreshMillis;
    private final StoreWatch watch;
    private volatile Snapshot snapshot;
    private volatile boolean loaded;
    /** The skipped routes already warned about, so that each reload does not repeat the warning (guarded by this). */
    private Set<String> warned = Set.of();

    /** The store is the {@link RouteStore} bean whose {@link Identifier} is {@code switchboard.store.type}. */
    @Inject
    public RuntimeRouteTable(ProviderRegistry registry, SwitchboardConfig config, @Any Instance<RouteStore> stores,
            ObjectMapper json, Vertx vertx) {
        this(registry, StoreChoice.of(stores, config.store().type()), RouteLimits.of(config.store()), json, vertx,
                config.store().refreshInterval().toMillis());
    }

    RuntimeRouteTable(ProviderRegistry registry, RouteStore store, RouteLimits limits, ObjectMapper json, Vertx vertx,
            long refreshMillis) {
        this.registry = registry;
        this.store = store;
        this.validator = new RouteValidator(name -> registry.provider(name) != null, false);
        this.limits = limits;
        this.json = json;
        this.vertx = vertx;
        this.refreshMillis = refreshMillis;
        this.watch = new StoreWatch(LOG, "route store (" + store.kind() + ")", "the routes known so far",
                "runtime routes", this::runtimeRouteCount);
        this.snapshot = build(new RouteStore.Contents(-1, 0, Map.of(), Map.of()));
        this.loaded = !store.shared();
    }

    void start(@Observes StartupEvent event) {
        if (store.shared()) {
            watch.start(vertx, refreshMillis, store::version, () -> snapshot.version(), this::load);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        watch.stop(vertx);
    }

    @Override
    public Route route(String name) {
        Route route = registry.configRoutes().get(name);
        return route != null ? route : snapshot.runtime().get(name);
    }

    @Override
    public Collection<Route> routes() {
        return snapshot.all();
    }

    /** The runtime route of that name as this instance serves it, or null. */
    public Route runtimeRoute(String name) {
        return snapshot.runtime().get(name);
    }

    /** The {@link RouteTag} of a runtime route as this instance serves it, or null. */
    public String tag(String name) {
        return snapshot.tags().get(name);
    }

    public int runtimeRouteCount() {
        return snapshot.runtime().size();
    }

    /** How many routes of the store this instance does not serve (unreadable, invalid or over a limit). */
    public int skippedRouteCount() {
        return snapshot.skipped().size();
    }

    public RouteStore store() {
        return store;
    }

    public RouteLimits limits() {
        return limits;
    }

    /** Whether the routes were read from the store at least once (always true for the memory store). */
    public boolean loaded() {
        return loaded;
    }

    /** Whether the store answered the last time it was asked (why it did not is in the log). */
    public boolean available() {
        return watch.available();
    }

    /**
     * The runtime route {@code body} describes, checked as a configuration-file route is (its targets must be
     * configured providers) and against the {@link RouteLimits}; an {@link IllegalArgumentException} names the
     * field that is wrong.
     */
    public Route validated(String name, RouteBody body) {
        Route route = validator.validate(body.toRoute(name, Route.RUNTIME), "");
        limits.check(route);
        return route;
    }

    /** Re-reads every route from the store and serves them from now on, unless a newer read is served already. */
    public Uni<Void> reload() {
        return load(false);
    }

    /** @param reset the store counts lower than the version served: take what it holds, whatever its version */
    private Uni<Void> load(boolean reset) {
        return store.all(limits.maxRoutes(), limits.maxRouteBytes()).invoke(contents -> install(contents, reset))
                .invoke(() -> {
                    loaded = true;
                    watch.reachable();
                })
                .onFailure().invoke(watch::unavailable)
                .replaceWithVoid();
    }

    private void install(RouteStore.Contents contents, boolean reset) {
        Snapshot next = build(contents);
        synchronized (this) {
            // Reads finish in any order (two writes here, each followed by a reload): one that finishes after a
            // newer one must not bring back what the newer one changed. Versions only grow, except in a Redis that
            // restarted without its data; the periodic check sees that and installs what it reads.
            if (!reset && contents.version() < snapshot.version()) {
                return;
            }
            warnOnce(contents, next.skipped());
            snapshot = next;
        }
    }

    private Snapshot build(RouteStore.Contents contents) {
        Map<String, Route> runtime = new LinkedHashMap<>();
        Map<String, String> tags = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        contents.oversized().forEach((name, size) -> skipped.put(name, limits.overSize(size)));
        contents.bodies().forEach((name, body) -> {
            if (registry.provider(name) != null || registry.configRoutes().containsKey(name)) {
                skipped.put(name, "the configuration defines a provider or route of that name");
                return;
            }
            try {
                runtime.put(name, validated(name, json.readValue(body, RouteBody.class)));
                tags.put(name, RouteTag.of(body));
            } catch (JsonProcessingException e) {
                // Jackson's own message may quote the stored text: only where it went wrong is said
                // Jackson wraps a syntax error inside a field with the field's path too: only a mismatch is a type's
                skipped.put(name, e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()
                        ? path(mismatch) + ": wrong type"
                        : "not valid JSON");
            } catch (IllegalArgumentException e) {
                // e.g. a provider it names was removed from the configuration since it was stored
                skipped.put(name, e.getMessage());
            }
        });
        List<Route> all = new ArrayList<>(registry.configRoutes().values());
        all.addAll(runtime.values());
        return new Snapshot(contents.version(), Map.copyOf(runtime), Map.copyOf(tags), List.copyOf(all),
                Map.copyOf(skipped));
    }

    /** One warning per skipped route and reason, and per number of routes over the limit, not one per reload. */
    private void warnOnce(RouteStore.Contents contents, Map<String, String> skipped) {
        Set<String> now = new HashSet<>();
        skipped.forEach((name, reason) -> {
            now.add(name + '\n' + reason);
            if (!warned.contains(name + '\n' + reason)) {
                // nothing stored is logged raw: another writer may have put a line break in a name
                LOG.warnf("runtime route \"%s\" ignored: %s", Names.printable(name, Names.MAX_NAME_LENGTH),
                        Names.printable(reason, 500));
            }
        });
        if (contents.count() > limits.maxRoutes() && now.add("count " + contents.count())
                && !warned.contains("count " + contents.count())) {
            LOG.warnf("the route store holds %d runtime routes, more than %smax-routes (%d): the first %d by name "
                    + "are read", contents.count(), RouteLimits.PREFIX, limits.maxRoutes(), limits.maxRoutes());
        }
        warned = Set.copyOf(now);
    }

    /** The JSON path of a binding failure, {@code tools[0].name}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
