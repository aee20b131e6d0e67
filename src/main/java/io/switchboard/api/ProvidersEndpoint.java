package io.switchboard.api;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.smallrye.mutiny.Uni;
import io.switchboard.core.route.RouteTable;
import io.switchboard.gateway.ProviderRegistry;
import io.switchboard.gateway.spi.Capabilities;
import io.switchboard.traffic.CircuitBreaker;
import io.switchboard.traffic.Traffic;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

/** {@code GET /v1/providers}: the configured providers (with their circuit breaker's state) and routes. */
@ApplicationScoped
public class ProvidersEndpoint {

    private final ProviderRegistry registry;
    private final RouteTable routeTable;
    private final Traffic traffic;

    public ProvidersEndpoint(ProviderRegistry registry, RouteTable routeTable, Traffic traffic) {
        this.registry = registry;
        this.routeTable = routeTable;
        this.traffic = traffic;
    }

    void register(@Observes Router router, JsonEndpoint endpoint) {
        endpoint.serve(router, "/v1/providers",
                Map.of(HttpMethod.GET, rc -> Uni.createFrom().item(JsonEndpoint.Answer.ok(list()))));
    }

    ProviderList list() {
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
