package io.switchboard.core.route;

import java.util.Collection;

/**
 * Where the gateway looks routes up by name. Lookups happen on every request, so an implementation
 * answers from memory.
 */
public interface RouteTable {

    /** The route of that name, or null. */
    Route route(String name);

    /** Every route, in a stable order. */
    Collection<Route> routes();
}
