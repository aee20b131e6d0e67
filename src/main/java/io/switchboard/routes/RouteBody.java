package io.switchboard.routes;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.switchboard.core.model.AITool;
import io.switchboard.core.model.ResponseFormat;
import io.switchboard.core.route.Route;
import io.switchboard.core.route.RouteDefaults;
import io.switchboard.core.route.RouteStrategy;
import io.switchboard.core.route.RouteTarget;

/**
 * A route as the admin API reads and writes it and as the store keeps it (snake-case JSON). Null means
 * "not set"; {@code name} and {@code origin}, which the API answers with, are ignored when read back.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = { "name", "origin" }, allowGetters = true)
public record RouteBody(List<String> targets, String strategy, List<Integer> weights,
        List<String> contextOverflowTargets, String systemPrompt, Double temperature, Integer maxTokens,
        Integer thinkingBudget, Boolean enableThinking, String reasoningEffort, List<AITool> tools, Boolean muted,
        Boolean cacheSystemPrompt,
        Double topP,
        ResponseFormat responseFormat) {

    /** The fields of a route body, in the order the API lists them. */
    public static final List<String> FIELDS = List.of("targets", "strategy", "weights", "context_overflow_targets",
            "system_prompt", "temperature", "max_tokens", "thinking_budget", "enable_thinking", "reasoning_effort",
            "tools", "muted", "cache_system_prompt", "top_p", "response_format");

    /** The body of a built route (a configuration-file route included). */
    public static RouteBody of(Route route) {
        RouteDefaults defaults = route.defaults();
        return new RouteBody(route.targetNames(), route.strategy().wireName(),
                route.weights().isEmpty() ? null : route.weights(),
                route.contextOverflowTargets().isEmpty() ? null
                        : route.contextOverflowTargets().stream().map(RouteTarget::toString).toList(),
                defaults.systemPrompt(), defaults.temperature(), defaults.maxTokens(), defaults.thinkingBudget(),
                defaults.enableThinking(), defaults.reasoningEffort(), defaults.tools().isEmpty() ? null : defaults.tools(),
                route.muted(), Boolean.TRUE.equals(defaults.cacheSystemPrompt()) ? Boolean.TRUE : null,
                defaults.topP(), defaults.responseFormat());
    }

    /** The route this body describes; the caller validates it. Field errors name the JSON field. */
    public Route toRoute(String name, String origin) {
        RouteStrategy parsedStrategy;
        try {
            parsedStrategy = strategy == null ? RouteStrategy.FALLBACK : RouteStrategy.fromWireName(strategy);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("strategy: " + e.getMessage());
        }
        noNulls(weights, "weights");
        noNulls(tools, "tools");
        // a tool without a description gets "", as RoomKit's binding metadata does
        List<AITool> described = tools == null ? null
                : tools.stream().map(tool -> tool.description() != null ? tool
                        : new AITool(tool.name(), "", tool.parameters(), tool.cacheControl())).toList();
        RouteDefaults defaults = new RouteDefaults(systemPrompt, temperature, maxTokens, thinkingBudget, enableThinking,
                reasoningEffort, described, cacheSystemPrompt, topP, responseFormat);
        return new Route(name, targets(targets), parsedStrategy, weights, targets(contextOverflowTargets), defaults,
                Boolean.TRUE.equals(muted), origin);
    }

    private static void noNulls(List<?> values, String field) {
        for (int i = 0; values != null && i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new IllegalArgumentException(field + "[" + i + "]: must not be null");
            }
        }
    }

    private static List<RouteTarget> targets(List<String> names) {
        return names == null ? List.of() : names.stream().map(n -> RouteTarget.parse(n == null ? "" : n)).toList();
    }
}
