package io.switchboard.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.Startup;
import io.switchboard.config.SwitchboardConfig.ProviderConfig;
import io.switchboard.config.SwitchboardConfig.RouteConfig;
import io.switchboard.core.spi.Provider;
import io.switchboard.core.spi.ProviderFactory;
import io.switchboard.core.spi.ProviderSetup;
import io.vertx.core.Vertx;

/**
 * Builds every configured provider at start-up and checks the routes, so that a bad configuration
 * stops the application with a message naming the key instead of failing on the first request.
 */
@Startup
@ApplicationScoped
public class ProviderRegistry {

    private final Map<String, Provider> providers = new LinkedHashMap<>();
    private final Map<String, ProviderConfig> configs = new LinkedHashMap<>();
    private final Map<String, RouteConfig> routes = new LinkedHashMap<>();
    private final String defaultName;

    @Inject
    public ProviderRegistry(SwitchboardConfig config, @Any Instance<ProviderFactory> factoryBeans, Vertx vertx,
            ObjectMapper json) {
        this(config, (Iterable<ProviderFactory>) factoryBeans, vertx, json);
    }

    ProviderRegistry(SwitchboardConfig config, Iterable<ProviderFactory> factoryBeans, Vertx vertx, ObjectMapper json) {
        Map<String, ProviderFactory> factories = new LinkedHashMap<>();
        for (ProviderFactory factory : factoryBeans) {
            factories.put(factory.type(), factory);
        }
        config.providers().forEach((name, providerConfig) -> {
            providers.put(name, build(name, providerConfig, factories, vertx, json));
            configs.put(name, providerConfig);
        });
        config.routes().forEach((name, route) -> routes.put(name, checkRoute(name, route, json)));
        this.defaultName = config.defaultProvider();
        if (!providers.containsKey(defaultName) && !routes.containsKey(defaultName)) {
            throw new IllegalStateException("switchboard.default-provider: \"" + defaultName
                    + "\" is neither a configured provider nor a route (providers: " + providers.keySet()
                    + ", routes: " + routes.keySet() + ")");
        }
    }

    private static Provider build(String name, ProviderConfig config, Map<String, ProviderFactory> factories,
            Vertx vertx, ObjectMapper json) {
        ProviderFactory factory = factories.get(config.type());
        if (factory == null) {
            throw new IllegalStateException("switchboard.providers." + name + ".type: unknown type \"" + config.type()
                    + "\" (known: " + new TreeSet<>(factories.keySet()) + ")");
        }
        try {
            return factory.create(new ProviderSetup(name, config, vertx, json));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private RouteConfig checkRoute(String name, RouteConfig route, ObjectMapper json) {
        if (providers.containsKey(name)) {
            throw new IllegalStateException("switchboard.routes." + name
                    + ": a provider has the same name (providers and routes share one namespace)");
        }
        if (route.targets().isEmpty()) {
            throw new IllegalStateException("switchboard.routes." + name + ".targets: at least one provider required");
        }
        for (String target : route.targets()) {
            if (!providers.containsKey(target)) {
                throw new IllegalStateException("switchboard.routes." + name + ".targets: unknown provider \"" + target
                        + "\"");
            }
        }
        route.tools().ifPresent(tools -> {
            try {
                json.readValue(tools, io.switchboard.core.model.AITool[].class);
            } catch (Exception e) {
                throw new IllegalStateException("switchboard.routes." + name + ".tools: not a JSON list of tools");
            }
        });
        return route;
    }

    public Provider provider(String name) {
        return providers.get(name);
    }

    public ProviderConfig config(String name) {
        return configs.get(name);
    }

    public RouteConfig route(String name) {
        return routes.get(name);
    }

    public String defaultName() {
        return defaultName;
    }

    public Collection<Provider> providers() {
        return providers.values();
    }

    public Map<String, List<String>> routeTargets() {
        Map<String, List<String>> result = new LinkedHashMap<>();
        routes.forEach((name, route) -> result.put(name, List.copyOf(route.targets())));
        return result;
    }
}
