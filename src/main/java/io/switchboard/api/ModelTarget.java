package io.switchboard.api;

import io.switchboard.core.model.Names;
import io.switchboard.core.route.RouteTable;
import io.switchboard.errors.GatewayException;
import io.switchboard.gateway.ProviderRegistry;

/**
 * What a compatible API's {@code model} names: a provider or a route, or {@code provider/model}
 * (split at the first {@code /}, so {@code vllm/Qwen/Qwen3-8B} is the model {@code Qwen/Qwen3-8B} of
 * provider {@code vllm}). An exact provider or route name wins over a split. The value is held to {@link Names}
 * (at most {@link Names#MAX_QUALIFIED_MODEL_LENGTH} characters in all).
 *
 * @param name the provider or route
 * @param model the model override, or null for the provider's configured model
 */
public record ModelTarget(String name, String model) {

    public static ModelTarget resolve(String model, ProviderRegistry registry, RouteTable routes) {
        // before any lookup, so that no answer quotes a refused value; each part is checked again on its own
        Names.require("model", Names.problem(model, Names.MAX_QUALIFIED_MODEL_LENGTH));
        if (registry.provider(model) != null || routes.route(model) != null) {
            return new ModelTarget(model, null);
        }
        int slash = model.indexOf('/');
        if (slash > 0 && slash < model.length() - 1) {
            String name = model.substring(0, slash);
            if (registry.provider(name) != null) {
                return new ModelTarget(name, model.substring(slash + 1));
            }
            if (routes.route(name) != null) {
                throw GatewayException.invalidRequest("model: \"" + name
                        + "\" is a route; a route's model cannot be overridden, name the route alone");
            }
        }
        throw GatewayException.notFound("model: unknown model \"" + model
                + "\"; use a provider name, a route name or provider/model (GET /v1/models lists them)");
    }
}
