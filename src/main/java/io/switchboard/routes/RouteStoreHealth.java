package io.switchboard.routes;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The route store's state on {@code /q/health/ready}. An instance that has read its routes at least once
 * stays ready when the store goes away, since it keeps serving the routes it knows (taking every replica
 * out of the load balancer because Redis is down would stop all traffic); the entry's {@code state} then says
 * {@code unavailable}. An instance that never read them is not ready: it would not know the runtime routes.
 * Stored routes it cannot serve (unreadable, invalid, over a limit) are counted in {@code skipped_routes}, and
 * not held against readiness.
 * <p>
 * The probe answers without a key, so it says only whether the store is available: why it is not (the Redis
 * host, port and the client's error) is logged once when the store goes away ({@link RuntimeRouteTable}).
 */
@Readiness
@ApplicationScoped
public class RouteStoreHealth implements HealthCheck {

    private final RuntimeRouteTable table;

    public RouteStoreHealth(RuntimeRouteTable table) {
        this.table = table;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("route-store")
                .status(table.loaded())
                .withData("type", table.store().kind())
                .withData("state", table.available() ? "available" : "unavailable")
                .withData("runtime_routes", table.runtimeRouteCount())
                .withData("skipped_routes", table.skippedRouteCount())
                .build();
    }
}
