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

    private final ProviderList list;

    public ProvidersResource(ProviderRegistry registry, RouteTable routeTable) {
        // The configuration is fixed at start-up, so the answer is built once.
        List<ProviderList.ProviderInfo> providers = registry.providers().stream().map(provider -> {
            Capabilities capabilities = provider.capabilities();
            return new ProviderList.ProviderInfo(provider.name(), provider.type(), provider.defaultModel(),
                    capabilities.streaming(), capabilities.structuredStreaming(), capabilities.vision());
        }).toList();
        List<ProviderList.RouteInfo> routes = routeTable.routes().stream()
                .map(route -> new ProviderList.RouteInfo(route.name(), route.targetNames())).toList();
        this.list = new ProviderList(registry.defaultName(), providers, routes);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ProviderList list() {
        return list;
    }
}
