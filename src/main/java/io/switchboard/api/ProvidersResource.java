package io.switchboard.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.common.annotation.NonBlocking;
import io.switchboard.core.route.RouteTable;
import io.switchboard.gateway.ProviderRegistry;
import io.switchboard.gateway.spi.Capabilities;
import io.switchboard.traffic.CircuitBreaker;
import io.switchboard.traffic.Traffic;

/** {@code GET /v1/providers}: the configured providers (with their circuit breaker's state) and routes. */
@Path("/v1/providers")
public class ProvidersResource {

    private final ProviderRegistry registry;
    private final RouteTable routeTable;
    private final Traffic traffic;

    public ProvidersResource(ProviderRegistry registry, RouteTable routeTable, Traffic traffic) {
        this.registry = registry;
        this.routeTable = routeTable;
        this.traffic = traffic;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking
    public ProviderList list() {
        // built per call: breaker states change (an operator endpoint, not the hot path)
        long now = System.nanoTime();
        List<ProviderList.ProviderInfo> providers = registry.providers().stream().map(provider -> {
            Capabilities capabilities = provider.capabilities();
            CircuitBreaker breaker = traffic.of(provider.name()).breaker();
            return new ProviderList.ProviderInfo(provider.name(), provider.type(), provider.defaultModel(),
                    capabilities.streaming(), capabilities.structuredStreaming(), capabilities.vision(),
                    breaker.state(now).wireName());
        }).toList();
        List<ProviderList.RouteInfo> routes = routeTable.routes().stream()
                .map(route -> new ProviderList.RouteInfo(route.name(), route.targetNames())).toList();
        return new ProviderList(registry.defaultName(), providers, routes);
    }
}
