package io.switchboard.routes;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Singleton;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;

/**
 * The default store ({@code switchboard.store.type=memory}): this process only, and gone when it stops. Every operation holds
 * the store's lock for a
 * few map operations, which makes each write atomic (the tag check and the count limit included) without
 * blocking; only the admin API and reloads come here, requests read the route table's snapshot.
 */
@Singleton
@Identifier("memory")
public final class MemoryRouteStore implements RouteStore {

    private final TreeMap<String, String> bodies = new TreeMap<>();
    private long version;

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
        return Uni.createFrom().item(this::currentVersion);
    }

    @Override
    public Uni<Contents> all(int maxRoutes, long maxBytes) {
        return Uni.createFrom().item(() -> contents(maxRoutes, maxBytes));
    }

    @Override
    public Uni<String> get(String name) {
        return Uni.createFrom().item(() -> body(name));
    }

    @Override
    public Uni<Outcome> put(String name, String body, String expectedTag, int maxRoutes) {
        return Uni.createFrom().item(() -> write(name, body, expectedTag, maxRoutes));
    }

    @Override
    public Uni<Outcome> delete(String name, String expectedTag) {
        return Uni.createFrom().item(() -> remove(name, expectedTag));
    }

    private synchronized long currentVersion() {
        return version;
    }

    private synchronized String body(String name) {
        return bodies.get(name);
    }

    private synchronized Contents contents(int maxRoutes, long maxBytes) {
        Map<String, String> read = new TreeMap<>();
        Map<String, Long> oversized = new HashMap<>();
        for (Map.Entry<String, String> entry : bodies.entrySet()) {
            if (read.size() + oversized.size() == maxRoutes) {
                break;
            }
            long size = entry.getValue().getBytes(StandardCharsets.UTF_8).length;
            if (size > maxBytes) {
                oversized.put(entry.getKey(), size);
            } else {
                read.put(entry.getKey(), entry.getValue());
            }
        }
        return new Contents(version, bodies.size(), read, oversized);
    }

    private synchronized Outcome write(String name, String body, String expectedTag, int maxRoutes) {
        String current = bodies.get(name);
        if (current == null && expectedTag != null) {
            return Outcome.MISSING;
        }
        if (current != null && !RouteTag.matches(expectedTag, current)) {
            return Outcome.CHANGED;
        }
        if (current == null && bodies.size() >= maxRoutes) {
            return Outcome.FULL;
        }
        bodies.put(name, body);
        version++;
        return current == null ? Outcome.CREATED : Outcome.REPLACED;
    }

    private synchronized Outcome remove(String name, String expectedTag) {
        String current = bodies.get(name);
        if (current == null) {
            return Outcome.MISSING;
        }
        if (!RouteTag.matches(expectedTag, current)) {
            return Outcome.CHANGED;
        }
        bodies.remove(name);
        version++;
        return Outcome.DELETED;
    }
}
