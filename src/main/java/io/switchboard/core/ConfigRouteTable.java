package io.switchboard.core;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;
import io.switchboard.core.route.Route;
import io.switchboard.core.route.RouteTable;

/** The routes of the configuration file only; a runtime route store, when present, replaces this bean. */
@DefaultBean
@ApplicationScoped
public class ConfigRouteTable implements RouteTable {

    private final ProviderRegistry registry;

    public ConfigRouteTable(ProviderRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Route route(String name) {
        return registry.configRoutes().get(name);
    }

    @Override
    public Collection<Route> routes() {
        return registry.configRoutes().values();
    }
}
