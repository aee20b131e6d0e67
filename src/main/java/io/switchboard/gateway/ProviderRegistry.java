package io.switchboard.gateway;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.Startup;
import io.smallrye.config.SmallRyeConfig;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.config.SwitchboardConfig.ProviderConfig;
import io.switchboard.config.SwitchboardConfig.RouteConfig;
import io.switchboard.core.model.AITool;
import io.switchboard.core.model.Names;
import io.switchboard.core.route.Route;
import io.switchboard.core.route.RouteDefaults;
import io.switchboard.core.route.RouteStrategy;
import io.switchboard.core.route.RouteTarget;
import io.switchboard.core.route.RouteValidator;
import io.switchboard.gateway.spi.Provider;
import io.switchboard.gateway.spi.ProviderDecorator;
import io.switchboard.gateway.spi.ProviderFactory;
import io.switchboard.gateway.spi.ProviderSetup;
import io.vertx.core.Vertx;

/**
 * Builds every configured provider and route at start-up, so that a bad configuration
 * stops the application with a message naming the key instead of failing on the first request.
 * <p>
 * {@code @Singleton}: called on every request, and a normal-scoped bean is reached through a client proxy
 * that looks its instance up in the context on every call.
 */
@Startup
@Singleton
public class ProviderRegistry {

    private final Map<String, Provider> providers = new LinkedHashMap<>();
    private final Map<String, ProviderConfig> configs = new LinkedHashMap<>();
    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final String defaultName;

    @Inject
    public ProviderRegistry(Config config, @Any Instance<ProviderFactory> factoryBeans, Vertx vertx,
            ObjectMapper json, @Any Instance<ProviderDecorator> decorators) {
        this(config.unwrap(SmallRyeConfig.class), factoryBeans, vertx, json, provider -> {
            Provider decorated = provider;
            for (ProviderDecorator decorator : decorators) {
                decorated = decorator.decorate(decorated);
            }
            return decorated;
        });
    }

    /** Providers as the factories build them, untraced. */
    public ProviderRegistry(SmallRyeConfig source, Iterable<ProviderFactory> factoryBeans, Vertx vertx,
            ObjectMapper json) {
        this(source, factoryBeans, vertx, json, UnaryOperator.identity());
    }

    /**
     * @param source the configuration: {@link SwitchboardConfig} and the provider types' own key groups
     */
    private ProviderRegistry(SmallRyeConfig source, Iterable<ProviderFactory> factoryBeans, Vertx vertx,
            ObjectMapper json, UnaryOperator<Provider> tracing) {
        SwitchboardConfig config = source.getConfigMapping(SwitchboardConfig.class);
        Map<String, ProviderFactory> factories = new LinkedHashMap<>();
        for (ProviderFactory factory : factoryBeans) {
            factories.put(factory.type(), factory);
        }
        Set<String> foreign = ForeignKeys.find(source, config.providers(), factories.values());
        if (!foreign.isEmpty()) {
            throw new IllegalStateException(foreign.iterator().next());
        }
        config.providers().forEach((name, providerConfig) -> {
            checkNames(name, providerConfig);
            providers.put(name, tracing.apply(build(name, providerConfig, source, factories, vertx, json)));
            configs.put(name, providerConfig);
        });
        RouteValidator validator = new RouteValidator(providers::containsKey, true);
        config.routes().forEach((name, route) -> routes.put(name, buildRoute(name, route, validator, json)));
        this.defaultName = config.defaultProvider();
        if (!providers.containsKey(defaultName) && !routes.containsKey(defaultName)) {
            throw new IllegalStateException("switchboard.default-provider: \"" + defaultName
                    + "\" is neither a configured provider nor a route (providers: " + providers.keySet()
                    + ", routes: " + routes.keySet() + ")");
        }
    }

    /** A provider name or model that no request could name stops the start-up, naming the key. */
    private static void checkNames(String name, ProviderConfig config) {
        String key = "switchboard.providers." + Names.printable(name, Names.MAX_NAME_LENGTH);
        String problem = Names.nameProblem(name);
        if (problem != null) {
            throw new IllegalStateException(key + ": " + problem);
        }
        problem = config.model().map(Names::modelProblem).orElse(null);
        if (problem != null) {
            throw new IllegalStateException(key + ".model: " + problem);
        }
    }

    private static Provider build(String name, ProviderConfig config, SmallRyeConfig source,
            Map<String, ProviderFactory> factories, Vertx vertx, ObjectMapper json) {
        ProviderFactory factory = factories.get(config.type());
        if (factory == null) {
            throw new IllegalStateException("switchboard.providers." + name + ".type: unknown type \"" + config.type()
                    + "\" (known: " + new TreeSet<>(factories.keySet()) + ")");
        }
        try {
            return factory.create(new ProviderSetup(name, config, source, vertx, json));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private Route buildRoute(String name, RouteConfig config, RouteValidator validator, ObjectMapper json) {
        String prefix = "switchboard.routes." + Names.printable(name, Names.MAX_NAME_LENGTH) + ".";
        if (providers.containsKey(name)) {
            throw new IllegalStateException("switchboard.routes." + name
                    + ": a provider has the same name (providers and routes share one namespace)");
        }
        try {
            RouteDefaults defaults = new RouteDefaults(config.systemPrompt().orElse(null),
                    config.temperature().orElse(null), config.maxTokens().orElse(null),
                    config.thinkingBudget().orElse(null), config.enableThinking().orElse(null),
                    config.reasoningEffort().orElse(null), config.tools().map(tools -> tools(prefix, tools, json))
                            .orElse(List.of()));
            Route route = new Route(name, targets(config.targets()), strategy(prefix, config.strategy()),
                    config.weights().orElse(List.of()), targets(config.contextOverflowTargets().orElse(List.of())),
                    defaults, config.muted(), Route.CONFIG);
            return validator.validate(route, prefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static List<RouteTarget> targets(List<String> names) {
        return names.stream().map(RouteTarget::parse).toList();
    }

    private static RouteStrategy strategy(String prefix, String value) {
        try {
            return RouteStrategy.fromWireName(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + "strategy: " + e.getMessage());
        }
    }

    private static List<AITool> tools(String prefix, String value, ObjectMapper json) {
        try {
            return List.of(json.readValue(value, AITool[].class));
        } catch (Exception e) {
            throw new IllegalArgumentException(prefix + "tools: not a JSON list of tools");
        }
    }

    public Provider provider(String name) {
        return providers.get(name);
    }

    public ProviderConfig config(String name) {
        return configs.get(name);
    }

    /** The routes of the configuration file, checked and built at start-up. */
    public Map<String, Route> configRoutes() {
        return routes;
    }

    public String defaultName() {
        return defaultName;
    }

    public Collection<Provider> providers() {
        return providers.values();
    }
}
