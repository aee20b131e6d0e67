package io.switchboard.gateway.spi;

import java.util.List;

/**
 * Builds the providers of one {@code type}. Found by CDI; each factory validates its own keys and
 * throws {@link IllegalArgumentException} with a message naming the key when one is wrong.
 */
public interface ProviderFactory {

    /** The {@code switchboard.providers.<name>.type} value this factory serves. */
    String type();

    Provider create(ProviderSetup setup);

    /** The groups of keys this type reads besides the common ones, through {@link ProviderSetup#keys}. */
    default List<ProviderKeys<?, ?>> keyGroups() {
        return List.of();
    }
}
