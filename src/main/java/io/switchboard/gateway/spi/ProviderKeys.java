package io.switchboard.gateway.spi;

import java.util.Map;
import java.util.function.Function;

/**
 * Keys that only some provider types read, set under the same {@code switchboard.providers.<name>.} as the keys
 * every type reads ({@code SwitchboardConfig.ProviderConfig}). They are a {@code @ConfigMapping(prefix =
 * "switchboard")} of their own, in the folder of the type that owns them, whose {@code providers()} map is
 * {@code @WithDefaults}: it holds the providers that set one of them, and gives the defaults for any other name. A
 * factory names the groups its type reads ({@link ProviderFactory#keyGroups()}); a provider that sets a key of a
 * group its type does not read stops the start-up.
 *
 * @param mapping the {@code @ConfigMapping} interface
 * @param byName its {@code providers()} map: each provider's values, by provider name
 */
public record ProviderKeys<M, K>(Class<M> mapping, Function<M, Map<String, K>> byName) {
}
