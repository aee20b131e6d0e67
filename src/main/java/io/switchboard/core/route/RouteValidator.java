package io.switchboard.core.route;

import java.util.List;
import java.util.function.Predicate;

import io.switchboard.core.model.CacheControl;
import io.switchboard.core.model.Names;

/**
 * Checks a route against the providers that exist, the same way whether it comes from the configuration
 * file or from the admin API. A failure is an {@link IllegalArgumentException} whose message starts with
 * the field path under the given prefix, e.g. {@code targets[1]: unknown provider "x"}. The route's name and
 * its targets' provider and model names are held to {@link Names}.
 */
public final class RouteValidator {

    /** The largest weight: shares finer than a millionth mean nothing, and larger numbers only risk overflows. */
    public static final int MAX_WEIGHT = 1_000_000;

    private final Predicate<String> providerExists;
    private final boolean kebabCase;

    /**
     * @param kebabCase configuration keys spell fields in kebab case ({@code max-tokens}), JSON in snake case
     *        ({@code max_tokens})
     */
    public RouteValidator(Predicate<String> providerExists, boolean kebabCase) {
        this.providerExists = providerExists;
        this.kebabCase = kebabCase;
    }

    /** Returns the route when it is valid; {@code prefix} is prepended to every field name (may be empty). */
    public Route validate(Route route, String prefix) {
        check(prefix, "name", Names.nameProblem(route.name()));
        if (route.targets().isEmpty()) {
            fail(prefix, "targets", "at least one provider required");
        }
        checkTargets(route.targets(), prefix, "targets");
        checkTargets(route.contextOverflowTargets(), prefix, "context_overflow_targets");
        if (route.strategy() == RouteStrategy.WEIGHTED) {
            if (route.weights().size() != route.targets().size()) {
                fail(prefix, "weights", "one weight per target required (" + route.targets().size() + " targets, "
                        + route.weights().size() + " weights)");
            }
        } else if (!route.weights().isEmpty()) {
            fail(prefix, "weights", "only used with strategy weighted");
        }
        for (int i = 0; i < route.weights().size(); i++) {
            Integer weight = route.weights().get(i);
            if (weight == null || weight < 0 || weight > MAX_WEIGHT) {
                fail(prefix, "weights[" + i + "]", "must be a whole number from 0 to " + MAX_WEIGHT
                        + (weight == null ? "" : ", got " + weight));
            }
        }
        if (!route.weights().isEmpty() && route.weights().stream().mapToLong(Integer::longValue).sum() == 0) {
            fail(prefix, "weights", "at least one weight must be above 0");
        }
        RouteDefaults defaults = route.defaults();
        Double temperature = defaults.temperature();
        if (temperature != null && (temperature.isNaN() || temperature < 0 || temperature > 2)) {
            fail(prefix, "temperature", "must be between 0 and 2, got " + temperature);
        }
        if (defaults.topP() != null && !(defaults.topP() > 0 && defaults.topP() <= 1)) {
            fail(prefix, "top_p", "must be greater than 0 and at most 1, got " + defaults.topP());
        }
        if (defaults.maxTokens() != null && defaults.maxTokens() < 1) {
            fail(prefix, "max_tokens", "must be at least 1, got " + defaults.maxTokens());
        }
        if (defaults.thinkingBudget() != null && defaults.thinkingBudget() < 0) {
            fail(prefix, "thinking_budget", "must not be negative, got " + defaults.thinkingBudget());
        }
        if (defaults.responseFormat() != null) {
            String problem = defaults.responseFormat().problem("response_format", "response_format.json_schema");
            if (problem != null) {
                int colon = problem.indexOf(": ");
                fail(prefix, problem.substring(0, colon), problem.substring(colon + 2));
            }
        }
        for (int i = 0; i < defaults.tools().size(); i++) {
            String name = defaults.tools().get(i).name();
            if (name == null || name.isBlank()) {
                fail(prefix, "tools[" + i + "].name", "required");
            }
            CacheControl control = defaults.tools().get(i).cacheControl();
            String problem = control == null ? null : control.problem();
            if (problem != null) {
                throw new IllegalArgumentException(prefix + "tools[" + i + "].cache_control." + problem);
            }
        }
        return route;
    }

    private void checkTargets(List<RouteTarget> targets, String prefix, String field) {
        for (int i = 0; i < targets.size(); i++) {
            String provider = targets.get(i).provider();
            String model = targets.get(i).model();
            // checked before the provider is looked up, so that no message quotes a refused name
            if (provider != null && !provider.isEmpty()) {
                check(prefix, field + "[" + i + "].provider", Names.nameProblem(provider));
            }
            if (model != null) {
                check(prefix, field + "[" + i + "].model", Names.modelProblem(model));
            }
            if (provider == null || provider.isEmpty() || !providerExists.test(provider)) {
                fail(prefix, field + "[" + i + "]", "unknown provider \"" + provider + "\"");
            }
        }
    }

    private void check(String prefix, String field, String problem) {
        if (problem != null) {
            fail(prefix, field, problem);
        }
    }

    private void fail(String prefix, String field, String message) {
        throw new IllegalArgumentException(prefix + (kebabCase ? field.replace('_', '-') : field) + ": " + message);
    }
}
