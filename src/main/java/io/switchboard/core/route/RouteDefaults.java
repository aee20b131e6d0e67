package io.switchboard.core.route;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AITool;
import io.switchboard.core.model.CacheBreakpoints;
import io.switchboard.core.model.CacheControl;
import io.switchboard.core.model.ResponseFormat;

/**
 * The request fields a route fills in when the request leaves them unset (a room's AI settings). The
 * request wins whenever it sets a field; tools are merged by name, the request's replacing the route's.
 *
 * @param cacheSystemPrompt true places a prompt-cache breakpoint after the system prompt (and the tools before
 *        it) of a request that placed none of its own; null or false places none
 */
public record RouteDefaults(String systemPrompt, Double temperature, Integer maxTokens, Integer thinkingBudget,
        Boolean enableThinking, String reasoningEffort, List<AITool> tools, Boolean cacheSystemPrompt, Double topP,
        ResponseFormat responseFormat) {

    public static final RouteDefaults NONE = new RouteDefaults(null, null, null, null, null, null, List.of(), null,
            null, null);

    /** The breakpoint a route with {@code cache-system-prompt} places: the backend's default lifetime. */
    private static final CacheControl SYSTEM_BREAKPOINT = new CacheControl(CacheControl.EPHEMERAL, null);

    public RouteDefaults {
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    /** Defaults that place no cache breakpoint and set no top_p nor response format. */
    public RouteDefaults(String systemPrompt, Double temperature, Integer maxTokens, Integer thinkingBudget,
            Boolean enableThinking, String reasoningEffort, List<AITool> tools) {
        this(systemPrompt, temperature, maxTokens, thinkingBudget, enableThinking, reasoningEffort, tools, null, null,
                null);
    }

    public AIContext applyTo(AIContext context) {
        if (this.equals(NONE)) {
            return context;
        }
        AIContext routed = new AIContext(context.messages(),
                context.systemPrompt() != null ? context.systemPrompt() : systemPrompt,
                context.temperature() != null ? context.temperature() : temperature,
                context.maxTokens() != null ? context.maxTokens() : maxTokens,
                context.thinkingBudget() != null ? context.thinkingBudget() : thinkingBudget,
                context.enableThinking() != null ? context.enableThinking() : enableThinking,
                context.reasoningEffort() != null ? context.reasoningEffort() : reasoningEffort,
                mergeTools(context.tools()), context.toolChoice(), context.parallelToolCalls(),
                context.stopSequences(), context.targetCapabilities(), context.metadata(), context.backendDefaults(),
                context.topP() != null ? context.topP() : topP,
                context.responseFormat() != null ? context.responseFormat() : responseFormat,
                context.systemCacheControl(), context.promptCacheKey());
        return cacheSystemPrompt(routed);
    }

    /** The route's breakpoint after the system prompt, for a request that placed none (the client's win). */
    private AIContext cacheSystemPrompt(AIContext routed) {
        if (!Boolean.TRUE.equals(cacheSystemPrompt) || CacheBreakpoints.placed(routed)) {
            return routed;
        }
        return routed.withCaching(SYSTEM_BREAKPOINT, routed.promptCacheKey());
    }

    private List<AITool> mergeTools(List<AITool> requested) {
        if (tools.isEmpty()) {
            return requested;
        }
        Map<String, AITool> merged = new LinkedHashMap<>();
        for (AITool tool : tools) {
            merged.put(tool.name(), tool);
        }
        for (AITool tool : requested) {
            merged.put(tool.name(), tool);
        }
        return List.copyOf(merged.values());
    }
}
