package io.switchboard.core.route;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AITool;
import io.switchboard.core.model.ResponseFormat;

/**
 * The request fields a route fills in when the request leaves them unset (a room's AI settings). The
 * request wins whenever it sets a field; tools are merged by name, the request's replacing the route's.
 */
public record RouteDefaults(String systemPrompt, Double temperature, Integer maxTokens, Integer thinkingBudget,
        Boolean enableThinking, String reasoningEffort, List<AITool> tools, ResponseFormat responseFormat) {

    public static final RouteDefaults NONE = new RouteDefaults(null, null, null, null, null, null, List.of(), null);

    public RouteDefaults {
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    public AIContext applyTo(AIContext context) {
        if (this.equals(NONE)) {
            return context;
        }
        return new AIContext(context.messages(),
                context.systemPrompt() != null ? context.systemPrompt() : systemPrompt,
                context.temperature() != null ? context.temperature() : temperature,
                context.maxTokens() != null ? context.maxTokens() : maxTokens,
                context.thinkingBudget() != null ? context.thinkingBudget() : thinkingBudget,
                context.enableThinking() != null ? context.enableThinking() : enableThinking,
                context.reasoningEffort() != null ? context.reasoningEffort() : reasoningEffort,
                mergeTools(context.tools()), context.toolChoice(), context.parallelToolCalls(),
                context.stopSequences(), context.targetCapabilities(), context.metadata(), context.backendDefaults(),
                context.topP(), context.responseFormat() != null ? context.responseFormat() : responseFormat,
                context.systemCacheControl(), context.promptCacheKey());
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
