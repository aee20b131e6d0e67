package io.switchboard.routes;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.smallrye.mutiny.Uni;

/** The default store: this process only, and gone when it stops. */
public final class MemoryRouteStore implements RouteStore {

    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public Uni<Long> version() {
        return Uni.createFrom().item(version.get());
    }

    @Override
    public Uni<Map<String, String>> all() {
        return Uni.createFrom().item(() -> new TreeMap<>(bodies));
    }

    @Override
    public Uni<String> get(String name) {
        return Uni.createFrom().item(() -> bodies.get(name));
    }

    @Override
    public Uni<Void> put(String name, String body) {
        return Uni.createFrom().item(() -> {
            bodies.put(name, body);
            version.incrementAndGet();
            return null;
        });
    }

    @Override
    public Uni<Boolean> delete(String name) {
        return Uni.createFrom().item(() -> {
            boolean existed = bodies.remove(name) != null;
            if (existed) {
                version.incrementAndGet();
            }
            return existed;
        });
    }
}
