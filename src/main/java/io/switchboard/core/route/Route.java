package io.switchboard.core.route;

import java.util.List;

/**
 * A named route (a "room"): the targets a request is sent to, how they are ordered, where a request
 * that overflows a target's context window goes next, the request defaults, and whether the route is
 * muted. Built and validated once, when it is configured or stored; requests only read it.
 *
 * @param weights one per target for {@link RouteStrategy#WEIGHTED}, empty otherwise
 * @param origin where the route was defined: {@code config} (read-only) or {@code runtime}
 */
public record Route(String name, List<RouteTarget> targets, RouteStrategy strategy, List<Integer> weights,
        List<RouteTarget> contextOverflowTargets, RouteDefaults defaults, boolean muted, String origin) {

    public static final String CONFIG = "config";
    public static final String RUNTIME = "runtime";

    public Route {
        targets = List.copyOf(targets);
        strategy = strategy == null ? RouteStrategy.FALLBACK : strategy;
        weights = weights == null ? List.of() : List.copyOf(weights);
        contextOverflowTargets = contextOverflowTargets == null ? List.of() : List.copyOf(contextOverflowTargets);
        defaults = defaults == null ? RouteDefaults.NONE : defaults;
    }

    public List<String> targetNames() {
        return targets.stream().map(RouteTarget::toString).toList();
    }
}
