package io.switchboard.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.switchboard.core.ProviderRegistry;
import io.switchboard.core.route.RouteTable;
import io.switchboard.core.spi.Capabilities;

/** {@code GET /v1/providers}: the configured providers and routes. */
@Path("/v1/providers")
public class ProvidersResource {

    private final String defaultName;
    private final List<ProviderList.ProviderInfo> providers;
    private final RouteTable routeTable;

    public ProvidersResource(ProviderRegistry registry, RouteTable routeTable) {
        // Providers are fixed at start-up, so their part is built once; routes change at run time.
        this.defaultName = registry.defaultName();
        this.providers = registry.providers().stream().map(provider -> {
            Capabilities capabilities = provider.capabilities();
            return new ProviderList.ProviderInfo(provider.name(), provider.type(), provider.defaultModel(),
                    capabilities.streaming(), capabilities.structuredStreaming(), capabilities.vision());
        }).toList();
        this.routeTable = routeTable;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ProviderList list() {
        List<ProviderList.RouteInfo> routes = routeTable.routes().stream()
                .map(route -> new ProviderList.RouteInfo(route.name(), route.targetNames())).toList();
        return new ProviderList(defaultName, providers, routes);
    }
}
