package io.switchboard.routes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.config.SwitchboardConfig.StoreType;
import io.switchboard.core.model.Names;
import io.switchboard.core.route.Route;
import io.switchboard.core.route.RouteTable;
import io.switchboard.core.route.RouteValidator;
import io.switchboard.gateway.ProviderRegistry;
import io.vertx.core.Vertx;

/**
 * The routes requests are served with: the configuration file's, then the runtime routes of the store. Lookups
 * read an in-process snapshot only; the snapshot is replaced after every write made here and, with a shared
 * store, whenever the store's version number changes (checked every {@code switchboard.store.refresh-interval}).
 * When the store cannot be reached, the last snapshot keeps being served.
 */
@ApplicationScoped
public class RuntimeRouteTable implements RouteTable {

    private static final Logger LOG = Logger.getLogger(RuntimeRouteTable.class);

    /** An immutable view of the routes at one store version. */
    private record Snapshot(long version, Map<String, Route> runtime, List<Route> all) {
    }

    private final ProviderRegistry registry;
    private final RouteStore store;
    private final RouteValidator validator;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final long refreshMillis;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    /** Whether the store answered the last time it was asked; flipped once per change, which is logged. */
    private final AtomicBoolean available = new AtomicBoolean(true);
    private volatile Snapshot snapshot;
    private volatile boolean loaded;
    private long timer = -1;

    @Inject
    public RuntimeRouteTable(ProviderRegistry registry, SwitchboardConfig config, Instance<RedisRouteStore> redis,
            @ConfigProperty(name = "quarkus.redis.hosts") Optional<String> redisHosts, ObjectMapper json, Vertx vertx) {
        this(registry, storeOf(config.store().type(), redis, redisHosts), json, vertx,
                config.store().refreshInterval().toMillis());
    }

    RuntimeRouteTable(ProviderRegistry registry, RouteStore store, ObjectMapper json, Vertx vertx, long refreshMillis) {
        this.registry = registry;
        this.store = store;
        this.validator = new RouteValidator(name -> registry.provider(name) != null, false);
        this.json = json;
        this.vertx = vertx;
        this.refreshMillis = refreshMillis;
        this.snapshot = build(-1, Map.of());
        this.loaded = !store.shared();
    }

    private static RouteStore storeOf(StoreType type, Instance<RedisRouteStore> redis, Optional<String> redisHosts) {
        if (type != StoreType.REDIS) {
            return new MemoryRouteStore();
        }
        if (redisHosts.isEmpty()) {
            throw new IllegalStateException("switchboard.store.type=redis needs quarkus.redis.hosts "
                    + "(e.g. redis://redis:6379)");
        }
        return redis.get();
    }

    void start(@Observes StartupEvent event) {
        if (store.shared()) {
            refresh();
            timer = vertx.setPeriodic(refreshMillis, id -> refresh());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
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

    public int runtimeRouteCount() {
        return snapshot.runtime().size();
    }

    public RouteStore store() {
        return store;
    }

    /** Whether the routes were read from the store at least once (always true for the memory store). */
    public boolean loaded() {
        return loaded;
    }

    /** Whether the store answered the last time it was asked (why it did not is in the log). */
    public boolean available() {
        return available.get();
    }

    /**
     * The runtime route {@code body} describes, checked as a configuration-file route is (its targets must be
     * configured providers); an {@link IllegalArgumentException} names the field that is wrong.
     */
    public Route validated(String name, RouteBody body) {
        return validator.validate(body.toRoute(name, Route.RUNTIME), "");
    }

    /** Re-reads every route from the store and serves them from now on. */
    public Uni<Void> reload() {
        return store.version().chain(version -> store.all().invoke(bodies -> install(version, bodies)))
                .invoke(() -> {
                    loaded = true;
                    reachable();
                })
                .onFailure().invoke(this::unavailable)
                .replaceWithVoid();
    }

    /** One periodic check: reloads when another replica changed something, or after the store came back. */
    private void refresh() {
        if (!refreshing.compareAndSet(false, true)) {
            return;
        }
        store.version()
                .chain(version -> version == snapshot.version() && available.get() ? Uni.createFrom().voidItem()
                        : reload())
                .onTermination().invoke(() -> refreshing.set(false))
                .subscribe().with(ignored -> {
                }, this::unavailable);
    }

    /**
     * The store failed: logged with its detail when it was available until now, not on every failed refresh. The
     * detail (host, port, the client's error) stays in the log; readiness, which answers without a key, only says
     * that the store is unavailable.
     */
    private void unavailable(Throwable error) {
        if (available.compareAndSet(true, false)) {
            // a connection error may quote the Redis URI, and with it a password: user info is cut out
            String message = (error.getClass().getSimpleName()
                    + (error.getMessage() == null ? "" : ": " + error.getMessage())).replaceAll("//[^/@\\s]*@", "//");
            LOG.warnf("route store (%s) unavailable, serving the routes known so far: %s", store.kind(), message);
        }
    }

    private void reachable() {
        if (available.compareAndSet(false, true)) {
            LOG.infof("route store (%s) reachable again: %d runtime routes", store.kind(), runtimeRouteCount());
        }
    }

    private void install(long version, Map<String, String> bodies) {
        // No ordering by version: a Redis restarted without its data starts counting again. A reload that
        // finishes after a newer one installs older routes for one refresh interval at most, until the
        // version differs again.
        snapshot = build(version, bodies);
    }

    private Snapshot build(long version, Map<String, String> bodies) {
        Map<String, Route> runtime = new LinkedHashMap<>();
        bodies.forEach((name, body) -> {
            if (registry.provider(name) != null || registry.configRoutes().containsKey(name)) {
                LOG.warnf("runtime route \"%s\" ignored: the configuration defines a provider or route of that name",
                        Names.printable(name, Names.MAX_NAME_LENGTH));
                return;
            }
            try {
                runtime.put(name, validated(name, json.readValue(body, RouteBody.class)));
            } catch (Exception e) {
                // e.g. a provider it names was removed from the configuration since it was stored, or another
                // writer put a name in the store that the admin API refuses: nothing stored is logged raw
                LOG.warnf("runtime route \"%s\" ignored: %s", Names.printable(name, Names.MAX_NAME_LENGTH),
                        Names.printable(String.valueOf(e.getMessage()), 500));
            }
        });
        List<Route> all = new ArrayList<>(registry.configRoutes().values());
        all.addAll(runtime.values());
        return new Snapshot(version, Map.copyOf(runtime), List.copyOf(all));
    }
}
