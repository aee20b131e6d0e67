package io.switchboard.gateway.spi;

import io.switchboard.core.model.AIContext;
import io.switchboard.metrics.Exchange;

/**
 * What a provider is asked to do: the conversation plus everything resolved on the way in.
 *
 * @param model the model to use (the request's override, else the provider's configured one)
 * @param apiKey the caller's {@code metadata.api_key}, or null to use the configured key
 * @param temperature the request's value, else the provider's configured one, else the request's
 *        {@link AIContext#unsetTemperature()}: 0.7 on the native API, null (none sent) on a compatible one
 * @param maxTokens the request's value, else the provider's configured one, else null
 * @param inbound the client's request this call serves: its id, and its exchange, which the upstream call
 *        reports its waiting to
 * @param memo the work the request's attempts share (one memo for all of them), such as fetched images
 */
public record ProviderRequest(AIContext context, String model, Secret apiKey, Double temperature, Integer maxTokens,
        InboundRequest inbound, RequestMemo memo) {

    /** A request of one attempt only, with a memo of its own, that no access log follows. */
    public ProviderRequest(AIContext context, String model, Secret apiKey, Double temperature, Integer maxTokens,
            String requestId) {
        this(context, model, apiKey, temperature, maxTokens, new InboundRequest(requestId, Exchange.NONE),
                new RequestMemo());
    }

    /** Whether the caller supplied its own backend key (its 401 is then the caller's, not the operator's). */
    public boolean hasRequestKey() {
        return apiKey != null;
    }

    /** The tool choice to send, checked against the request's tools; a 400 when it cannot be honoured. */
    public ToolUse toolUse() {
        return ToolUse.of(context);
    }

    /** The key to send: the caller's, else the configured one (may be null). */
    public String keyOr(Secret configured) {
        Secret key = apiKey != null ? apiKey : configured;
        return key == null ? null : key.value();
    }
}
