package io.switchboard.routes;

import java.util.Map;

import io.smallrye.mutiny.Uni;

/**
 * Where runtime routes are kept, each as its {@link RouteBody} JSON under its name. Every write bumps a
 * version number, so a replica learns that something changed by reading one number.
 */
public interface RouteStore {

    /** The store's kind, for logs and health: {@code memory} or {@code redis}. */
    String kind();

    /** Whether other processes write to it too, so changes must be looked for. */
    boolean shared();

    /** The current version: it changes on every write, by any replica. */
    Uni<Long> version();

    /** Every stored route body, by name. */
    Uni<Map<String, String>> all();

    /** The stored body of one route, or null. */
    Uni<String> get(String name);

    /** Stores (creates or replaces) a route body. */
    Uni<Void> put(String name, String body);

    /** Removes a route; true when it existed. */
    Uni<Boolean> delete(String name);
}
