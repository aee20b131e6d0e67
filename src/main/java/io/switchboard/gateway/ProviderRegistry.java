package io.switchboard.gateway;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
import io.switchboard.config.ConfigProblems;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.config.SwitchboardConfig.ProviderConfig;
import io.switchboard.config.SwitchboardConfig.RouteConfig;
import io.switchboard.core.model.AITool;
import io.switchboard.core.model.Names;
import io.switchboard.core.model.ResponseFormat;
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
 * stops the application with a message naming every bad key ({@link ConfigProblems}) instead of failing on the
 * first request.
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
        // every bad key is named at once, so that one start shows all that needs fixing
        Set<String> problems = new LinkedHashSet<>(ForeignKeys.find(source, config.providers(), factories.values()));
        config.providers().forEach((name, providerConfig) -> {
            try {
                checkNames(name, providerConfig);
                providers.put(name, tracing.apply(build(name, providerConfig, source, factories, vertx, json)));
                configs.put(name, providerConfig);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        });
        // targets are checked against the configured names, so that a provider that failed is not named twice
        RouteValidator validator = new RouteValidator(config.providers()::containsKey, true);
        config.routes().forEach((name, route) -> {
            try {
                routes.put(name, buildRoute(name, route, config.providers().keySet(), validator, json));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        });
        this.defaultName = config.defaultProvider()
                .orElse(config.providers().size() == 1 ? config.providers().keySet().iterator().next() : null);
        if (defaultName != null && !config.providers().containsKey(defaultName)
                && !config.routes().containsKey(defaultName)) {
            problems.add("switchboard.default-provider: \"" + defaultName
                    + "\" is neither a configured provider nor a route (providers: "
                    + new TreeSet<>(config.providers().keySet()) + ", routes: " + new TreeSet<>(config.routes().keySet())
                    + ")");
        }
        if (!problems.isEmpty()) {
            throw ConfigProblems.of(problems);
        }
    }

    /** A provider name or model that no request could name stops the start-up, naming the key. */
    private static void checkNames(String name, ProviderConfig config) {
        String key = "switchboard.providers." + Names.printable(name, Names.MAX_NAME_LENGTH);
        String problem = Names.nameProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException(key + ": " + problem);
        }
        problem = config.model().map(Names::modelProblem).orElse(null);
        if (problem != null) {
            throw new IllegalArgumentException(key + ".model: " + problem);
        }
    }

    private static Provider build(String name, ProviderConfig config, SmallRyeConfig source,
            Map<String, ProviderFactory> factories, Vertx vertx, ObjectMapper json) {
        ProviderFactory factory = factories.get(config.type());
        if (factory == null) {
            throw new IllegalArgumentException("switchboard.providers." + name + ".type: unknown type \""
                    + config.type() + "\" (known: " + new TreeSet<>(factories.keySet()) + ")");
        }
        return factory.create(new ProviderSetup(name, config, source, vertx, json));
    }

    private static Route buildRoute(String name, RouteConfig config, Set<String> providerNames,
            RouteValidator validator, ObjectMapper json) {
        String prefix = "switchboard.routes." + Names.printable(name, Names.MAX_NAME_LENGTH) + ".";
        if (providerNames.contains(name)) {
            throw new IllegalArgumentException("switchboard.routes." + name
                    + ": a provider has the same name (providers and routes share one namespace)");
        }
        RouteDefaults defaults = new RouteDefaults(config.systemPrompt().orElse(null),
                config.temperature().orElse(null), config.maxTokens().orElse(null),
                config.thinkingBudget().orElse(null), config.enableThinking().orElse(null),
                config.reasoningEffort().orElse(null), config.tools().map(tools -> tools(prefix, tools, json))
                        .orElse(List.of()),
                config.cacheSystemPrompt() ? Boolean.TRUE : null, config.topP().orElse(null),
                config.responseFormat().map(format -> responseFormat(prefix, format, json)).orElse(null));
        Route route = new Route(name, targets(config.targets()), strategy(prefix, config.strategy()),
                config.weights().orElse(List.of()), targets(config.contextOverflowTargets().orElse(List.of())),
                defaults, config.muted(), Route.CONFIG);
        return validator.validate(route, prefix);
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

    private static ResponseFormat responseFormat(String prefix, String value, ObjectMapper json) {
        try {
            return json.readValue(value, ResponseFormat.class);
        } catch (Exception e) {
            throw new IllegalArgumentException(prefix + "response-format: not a JSON response format object");
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

    /** The provider or route used when a request names none, or null when every request must name one. */
    public String defaultName() {
        return defaultName;
    }

    public Collection<Provider> providers() {
        return providers.values();
    }
}
