package io.switchboard.core.model;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The provider-neutral conversation a client sends. Defaults are those of openapi.yaml; range and
 * shape checks that must name a field path live in the request validator, not here. A null
 * {@code toolChoice} or {@code parallelToolCalls} leaves the backend's default (the model decides,
 * several calls allowed); no stop sequences is an empty list.
 *
 * @param backendDefaults true for a request of a compatible API (Chat Completions, Messages): a
 *        temperature that neither the request, its route nor its provider sets is then left to the
 *        backend, as that API's clients expect, instead of the native API's {@link #DEFAULT_TEMPERATURE};
 *        never read from JSON (null, as false: the native API)
 * @param topP nucleus sampling; null leaves the backend's default
 * @param responseFormat the shape of the answer's text; null is plain text
 * @param systemCacheControl a prompt-cache breakpoint after the system prompt; null places none
 * @param promptCacheKey a key that OpenAI-family backends use to route requests to the same prompt cache
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties("backend_defaults")
public record AIContext(
        List<AIMessage> messages,
        String systemPrompt,
        Double temperature,
        Integer maxTokens,
        Integer thinkingBudget,
        Boolean enableThinking,
        String reasoningEffort,
        List<AITool> tools,
        ToolChoice toolChoice,
        Boolean parallelToolCalls,
        List<String> stopSequences,
        JsonNode targetCapabilities,
        ObjectNode metadata,
        Boolean backendDefaults,
        Double topP,
        ResponseFormat responseFormat,
        CacheControl systemCacheControl,
        String promptCacheKey) {

    /**
     * The {@code metadata} key of Gemini's {@code safetySettings} (a list of category and threshold objects), sent
     * as they are to a Gemini backend and unknown to every other one.
     */
    public static final String GEMINI_SAFETY_SETTINGS = "gemini_safety_settings";

    /** The native API's temperature when neither the request, its route nor its provider sets one. */
    public static final double DEFAULT_TEMPERATURE = 0.7;

    public AIContext {
        messages = messages == null ? List.of() : messages;
        tools = tools == null ? List.of() : tools;
        stopSequences = stopSequences == null ? List.of() : stopSequences;
        metadata = metadata == null ? JsonNodeFactory.instance.objectNode() : metadata;
    }

    /** A request without sampling, format or caching options. */
    public AIContext(List<AIMessage> messages, String systemPrompt, Double temperature, Integer maxTokens,
            Integer thinkingBudget, Boolean enableThinking, String reasoningEffort, List<AITool> tools,
            ToolChoice toolChoice, Boolean parallelToolCalls, List<String> stopSequences, JsonNode targetCapabilities,
            ObjectNode metadata, Boolean backendDefaults) {
        this(messages, systemPrompt, temperature, maxTokens, thinkingBudget, enableThinking, reasoningEffort, tools,
                toolChoice, parallelToolCalls, stopSequences, targetCapabilities, metadata, backendDefaults, null, null,
                null, null);
    }

    /** A request of the native API. */
    public AIContext(List<AIMessage> messages, String systemPrompt, Double temperature, Integer maxTokens,
            Integer thinkingBudget, Boolean enableThinking, String reasoningEffort, List<AITool> tools,
            ToolChoice toolChoice, Boolean parallelToolCalls, List<String> stopSequences, JsonNode targetCapabilities,
            ObjectNode metadata) {
        this(messages, systemPrompt, temperature, maxTokens, thinkingBudget, enableThinking, reasoningEffort, tools,
                toolChoice, parallelToolCalls, stopSequences, targetCapabilities, metadata, false);
    }

    /** The temperature, with the native API's default when the client sent none. */
    public double temperatureOrDefault() {
        return temperature == null ? DEFAULT_TEMPERATURE : temperature;
    }

    /** The temperature sent when neither the request, its route nor its provider sets one; null sends none. */
    public Double unsetTemperature() {
        return Boolean.TRUE.equals(backendDefaults) ? null : DEFAULT_TEMPERATURE;
    }

    public AIContext withSystemPrompt(String value) {
        return new AIContext(messages, value, temperature, maxTokens, thinkingBudget, enableThinking,
                reasoningEffort, tools, toolChoice, parallelToolCalls, stopSequences, targetCapabilities, metadata,
                backendDefaults, topP, responseFormat, systemCacheControl, promptCacheKey);
    }

    // The with-methods below return this context when it already has the value, as most requests (no top_p,
    // format or cache key): a door's reader calls them on every request and must not copy for nothing.

    public AIContext withTopP(Double value) {
        if (Objects.equals(value, topP)) {
            return this;
        }
        return new AIContext(messages, systemPrompt, temperature, maxTokens, thinkingBudget, enableThinking,
                reasoningEffort, tools, toolChoice, parallelToolCalls, stopSequences, targetCapabilities, metadata,
                backendDefaults, value, responseFormat, systemCacheControl, promptCacheKey);
    }

    public AIContext withResponseFormat(ResponseFormat value) {
        if (Objects.equals(value, responseFormat)) {
            return this;
        }
        return new AIContext(messages, systemPrompt, temperature, maxTokens, thinkingBudget, enableThinking,
                reasoningEffort, tools, toolChoice, parallelToolCalls, stopSequences, targetCapabilities, metadata,
                backendDefaults, topP, value, systemCacheControl, promptCacheKey);
    }

    public AIContext withCaching(CacheControl system, String cacheKey) {
        if (Objects.equals(system, systemCacheControl) && Objects.equals(cacheKey, promptCacheKey)) {
            return this;
        }
        return new AIContext(messages, systemPrompt, temperature, maxTokens, thinkingBudget, enableThinking,
                reasoningEffort, tools, toolChoice, parallelToolCalls, stopSequences, targetCapabilities, metadata,
                backendDefaults, topP, responseFormat, system, cacheKey);
    }

    public AIContext withMessages(List<AIMessage> value) {
        return new AIContext(value, systemPrompt, temperature, maxTokens, thinkingBudget, enableThinking,
                reasoningEffort, tools, toolChoice, parallelToolCalls, stopSequences, targetCapabilities, metadata,
                backendDefaults, topP, responseFormat, systemCacheControl, promptCacheKey);
    }
}
