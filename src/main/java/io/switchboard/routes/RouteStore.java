package io.switchboard.routes;

import java.util.Map;

import io.smallrye.mutiny.Uni;

/**
 * Where runtime routes are kept, each as its {@link RouteBody} JSON under its name. Every write bumps a
 * version number, so a replica learns that something changed by reading one number. Writes are atomic and may
 * be conditional on a route's {@link RouteTag tag}, so that a read-modify-write loses no concurrent change.
 */
public interface RouteStore {

    /**
     * The routes of a store read at one version.
     *
     * @param count how many routes the store holds, read or not
     * @param bodies the routes read: of the first {@code maxRoutes} by name, those not oversized
     * @param oversized the routes among those first whose body is longer than asked for: their size in bytes
     */
    record Contents(long version, int count, Map<String, String> bodies, Map<String, Long> oversized) {
    }

    /** What a write did, or why it did nothing. */
    enum Outcome {
        CREATED,
        REPLACED,
        DELETED,
        /** No route of that name. */
        MISSING,
        /** The route's tag is not the one expected: it changed since it was read. */
        CHANGED,
        /** A new route refused: the store holds {@code maxRoutes} already. */
        FULL
    }

    /** The store's kind, for logs and health: {@code memory} or {@code redis}. */
    String kind();

    /** Whether other processes write to it too, so changes must be looked for. */
    boolean shared();

    /** The current version: it changes on every write, by any replica. */
    Uni<Long> version();

    /** The stored routes, the first {@code maxRoutes} by name; a body over {@code maxBytes} is left unread. */
    Uni<Contents> all(int maxRoutes, long maxBytes);

    /** The stored body of one route, or null. */
    Uni<String> get(String name);

    /**
     * Creates or replaces a route, in one atomic step. With an {@code expectedTag}, only a route that exists and
     * has that tag is replaced ({@code *}: any tag), else the answer is {@link Outcome#MISSING} or
     * {@link Outcome#CHANGED}; without one (null), any. A new route is refused ({@link Outcome#FULL}) when the
     * store holds {@code maxRoutes} already.
     */
    Uni<Outcome> put(String name, String body, String expectedTag, int maxRoutes);

    /** Removes a route, in one atomic step, on the same condition as {@link #put}. */
    Uni<Outcome> delete(String name, String expectedTag);
}
